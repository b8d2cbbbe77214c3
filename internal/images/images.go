// Package images reads what the outputs need to know of a site's images,
// their size and type, from the bytes of the files a build publishes, so
// that pages, feeds and mail can state them.
package images

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
	"sync"
)

// Image is an image to share or mail, with what is known of its size.
type Image struct {
	URL    string // absolute
	Alt    string
	Type   string // MIME type, when known
	Width  int    // pixels; 0 when unknown
	Height int
	// Large marks an image made to be shown large when a page is shared:
	// a brief's social card.
	Large bool
}

// Set is the images a build publishes: it reads the size of each from
// its bytes once. A Set lives as long as the files it reads from, so
// what it keeps is theirs.
type Set struct {
	baseURL string
	file    func(path string) []byte
	mu      sync.Mutex
	sizes   map[string]size   // by site path
	photos  map[string]*Photo // processed photos, by the original's site path
}

type size struct {
	width, height int
	typ           string
}

// NewSet returns the images of the files that file gives by output path
// ("briefs/x/photo.jpg", "images/share.png"), for a site at baseURL. A
// nil file, or a nil result, means the size is unknown.
func NewSet(baseURL string, file func(path string) []byte) *Set {
	return &Set{baseURL: baseURL, file: file, sizes: map[string]size{}}
}

// WithPhotos returns the set with the processed photos of a build, by the
// site path of each original ("briefs/x/photo.jpg"), which the build
// publishes as its largest fallback variant.
func (s *Set) WithPhotos(photos map[string]*Photo) *Set {
	s.photos = photos
	return s
}

// Photo returns the processed photo whose original is at site path u, or
// nil.
func (s *Set) Photo(u string) *Photo {
	if s == nil {
		return nil
	}
	return s.photos[strings.TrimPrefix(u, "/")]
}

// VariantPath returns the site path of the variant named name of the photo
// at site path u: "briefs/x/photo.jpg" and "800w.webp" give
// "briefs/x/photo-800w.webp".
func VariantPath(u, name string) string {
	return strings.TrimSuffix(strings.TrimPrefix(u, "/"), path.Ext(u)) + "-" + name
}

// Largest returns the widest variant of the photo's last format, the one
// every browser shows: what the original's own path serves.
func (ph *Photo) Largest() Variant { return ph.Responsive[len(ph.Responsive)-1] }

// Sources returns the photo's responsive variants grouped by format, in
// the order of the settings: the last group is the fallback.
func (ph *Photo) Sources() [][]Variant {
	var groups [][]Variant
	for i, v := range ph.Responsive {
		if i == 0 || v.Type != ph.Responsive[i-1].Type {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], v)
	}
	return groups
}

// Image returns the image at a site path or absolute URL, with its size
// when its bytes are known.
func (s *Set) Image(u, alt string) *Image {
	img := &Image{URL: u, Alt: alt, Type: Type(path.Ext(u))}
	if strings.Contains(u, "://") {
		return img
	}
	img.URL = s.baseURL + strings.TrimPrefix(u, "/")
	var typ string
	img.Width, img.Height, typ = s.Size(u)
	if typ != "" {
		img.Type = typ
	}
	return img
}

// Size returns the size and type of the image at a site path, or zeros.
func (s *Set) Size(u string) (width, height int, typ string) {
	if s == nil || s.file == nil || strings.Contains(u, "://") {
		return 0, 0, ""
	}
	u = strings.TrimPrefix(u, "/")
	if ph := s.photos[u]; ph != nil {
		v := ph.Largest()
		return v.Width, v.Height, v.Type
	}
	s.mu.Lock()
	c, ok := s.sizes[u]
	s.mu.Unlock()
	if !ok {
		c.width, c.height, c.typ = Size(s.file(u))
		s.mu.Lock()
		s.sizes[u] = c
		s.mu.Unlock()
	}
	return c.width, c.height, c.typ
}

// Type returns the MIME type of an image by the extension of its file
// name, or "".
func Type(ext string) string {
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

// Size reads the width and height in pixels from the header of a PNG,
// JPEG or GIF file, or from the root element of an SVG file (its width and
// height, else its viewBox), and the image's MIME type. It returns zeros
// when it cannot.
func Size(data []byte) (width, height int, typ string) {
	if len(data) == 0 {
		return 0, 0, ""
	}
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
