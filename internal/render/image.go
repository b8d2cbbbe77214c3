package render

import (
	"bytes"
	"encoding/xml"
	"image"
	_ "image/gif" // DecodeConfig reads the sizes of GIF, JPEG and PNG photos
	_ "image/jpeg"
	_ "image/png"
	"io"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/briefs-dev/briefs/internal/site"
)

// Image is an image to share or mail, with what is known of its size.
type Image struct {
	URL    string // absolute
	Alt    string
	Type   string // MIME type, when known
	Width  int    // pixels; 0 when unknown
	Height int
}

type cachedImage struct {
	data          *byte // the bytes the size was read from, to notice new ones
	n             int
	width, height int
	typ           string
}

// image returns the image at a site path or absolute URL, with its size
// when the build gave its bytes.
func (r *Renderer) image(u, alt string) *Image {
	img := &Image{URL: u, Alt: alt, Type: imageType(path.Ext(u))}
	if strings.Contains(u, "://") {
		return img
	}
	img.URL = r.cfg.BaseURL + strings.TrimPrefix(u, "/")
	var typ string
	img.Width, img.Height, typ = r.imageSize(u)
	if typ != "" {
		img.Type = typ
	}
	return img
}

// imageSize returns the size of the image at a site path, read from the
// bytes the build gave once per version of them, or zeros.
func (r *Renderer) imageSize(u string) (width, height int, typ string) {
	file := r.environment().File
	if file == nil || strings.Contains(u, "://") {
		return 0, 0, ""
	}
	data := file(strings.TrimPrefix(u, "/"))
	if len(data) == 0 {
		return 0, 0, ""
	}
	p := &r.pub
	p.mu.Lock()
	c, ok := p.images[u]
	p.mu.Unlock()
	if !ok || c.data != &data[0] || c.n != len(data) {
		c = cachedImage{data: &data[0], n: len(data)}
		c.width, c.height, c.typ = imageSize(data)
		p.mu.Lock()
		if p.images == nil {
			p.images = map[string]cachedImage{}
		}
		p.images[u] = c
		p.mu.Unlock()
	}
	return c.width, c.height, c.typ
}

// photoKey adds to k what a job shows of a brief's photo that its
// version does not say: the photo's size.
func (r *Renderer) photoKey(k *key, b *site.Brief) *key {
	if b.Photo == nil {
		return k.num(0)
	}
	w, h, typ := r.imageSize(b.Photo.URL)
	return k.num(1).num(uint64(w)).num(uint64(h)).str(typ)
}

// photo returns a brief's photo as an Image, or nil.
func (r *Renderer) photo(b *site.Brief) *Image {
	if b.Photo == nil {
		return nil
	}
	return r.image(b.Photo.URL, b.Photo.Alt)
}

// defaultImage returns the site's image for pages without a photo, or nil.
func (r *Renderer) defaultImage() *Image {
	pub := r.cfg.Publishing
	if pub.DefaultImage == "" {
		return nil
	}
	alt := pub.DefaultImageAlt
	if alt == "" {
		alt = r.cfg.Title
	}
	return r.image(pub.DefaultImage, alt)
}

// ogImage is the template function that gives a page's Open Graph image:
// its brief's photo, else the site's default image, else nil.
func (r *Renderer) ogImage(p *Page) *Image {
	if p.Brief != nil && p.Brief.Photo != nil {
		return r.photo(p.Brief)
	}
	return r.defaultImage()
}

func imageType(ext string) string {
	switch strings.ToLower(ext) {
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".svg":
		return "image/svg+xml"
	case ".avif":
		return "image/avif"
	}
	return ""
}

// peekReader reads bytes already in memory. image.DecodeConfig wraps a
// reader that cannot Peek in a bufio.Reader of 4 KB, for each image.
type peekReader struct {
	data []byte
	off  int
}

func (r *peekReader) Read(p []byte) (int, error) {
	if r.off >= len(r.data) {
		return 0, io.EOF
	}
	n := copy(p, r.data[r.off:])
	r.off += n
	return n, nil
}

// Peek returns the next n bytes without reading them, as bufio.Reader
// does: fewer, and io.EOF, at the end.
func (r *peekReader) Peek(n int) ([]byte, error) {
	rest := r.data[r.off:]
	if n > len(rest) {
		return rest, io.EOF
	}
	return rest[:n], nil
}

// ImageSize returns the width and height in pixels of the PNG, JPEG, GIF
// or SVG image in data, or zeros when it cannot tell.
func ImageSize(data []byte) (width, height int) {
	width, height, _ = imageSize(data)
	return width, height
}

// imageSize reads the width and height in pixels from the header of a
// PNG, JPEG or GIF file, or from the root element of an SVG file (its
// width and height, else its viewBox). It returns zeros when it cannot.
func imageSize(data []byte) (width, height int, typ string) {
	if cfg, format, err := image.DecodeConfig(&peekReader{data: data}); err == nil {
		return cfg.Width, cfg.Height, "image/" + format
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0, ""
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if el.Name.Local != "svg" {
			return 0, 0, ""
		}
		var w, h, viewBox string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w = a.Value
			case "height":
				h = a.Value
			case "viewBox":
				viewBox = a.Value
			}
		}
		width, height := svgLength(w), svgLength(h)
		if width > 0 && height > 0 {
			return width, height, "image/svg+xml"
		}
		f := strings.FieldsFunc(viewBox, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
		if len(f) == 4 {
			vw, err1 := strconv.ParseFloat(f[2], 64)
			vh, err2 := strconv.ParseFloat(f[3], 64)
			if err1 == nil && err2 == nil && vw >= 1 && vh >= 1 && vw < 1e6 && vh < 1e6 {
				if width > 0 { // one length given: the other follows the view box's ratio
					return width, int(math.Round(float64(width) * vh / vw)), "image/svg+xml"
				}
				if height > 0 {
					return int(math.Round(float64(height) * vw / vh)), height, "image/svg+xml"
				}
				return int(math.Round(vw)), int(math.Round(vh)), "image/svg+xml"
			}
		}
		return 0, 0, "image/svg+xml"
	}
}

// svgLength converts an SVG width or height in pixels ("1200", "1200px")
// to an integer; other units and percentages give 0.
func svgLength(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 1 || v >= 1e6 {
		return 0
	}
	return int(math.Round(v))
}
