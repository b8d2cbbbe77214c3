package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"slices"
	"strconv"
	"strings"

	_ "golang.org/x/image/bmp" // BMP and TIFF photos are read too
	"golang.org/x/image/draw"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp" // the standard library has no WebP decoder
)

// Settings says what Process makes of a photo. The zero value of a field
// means its default.
type Settings struct {
	// Widths are the widths of the responsive variants, in pixels; a
	// photo is never enlarged to one wider than itself.
	Widths []int
	// Quality is the quality of the lossy encodings, 1 to 100.
	Quality int
	// Formats are the formats of the responsive variants, best first:
	// "webp", and "jpeg" for JPEG (PNG for a photo with transparency).
	Formats []string
	// MaxPixels is the largest photo read, in pixels: a larger one is an
	// error before any of it is decoded.
	MaxPixels int
	// MailWidth is the width of the one JPEG the mail editions show, in
	// pixels (twice the mail's layout width); 0 makes none.
	MailWidth int
}

// The defaults of Settings.
var (
	DefaultWidths  = []int{480, 800, 1200, 1600}
	DefaultFormats = []string{"webp", "jpeg"}
)

const (
	DefaultQuality   = 80
	DefaultMaxPixels = 100_000_000
)

// Formats are the formats Settings.Formats may name.
var Formats = []string{"webp", "jpeg"}

// withDefaults returns s with its zero fields set to their defaults.
func (s Settings) withDefaults() Settings {
	if len(s.Widths) == 0 {
		s.Widths = DefaultWidths
	}
	s.Widths = slices.Compact(slices.Sorted(slices.Values(s.Widths)))
	if s.Quality == 0 {
		s.Quality = DefaultQuality
	}
	if len(s.Formats) == 0 {
		s.Formats = DefaultFormats
	}
	if s.MaxPixels == 0 {
		s.MaxPixels = DefaultMaxPixels
	}
	return s
}

// String spells the settings out: it is part of every cache key.
func (s Settings) String() string {
	s = s.withDefaults()
	var b strings.Builder
	for _, w := range s.Widths {
		b.WriteString(strconv.Itoa(w) + ",")
	}
	fmt.Fprintf(&b, "q%d|%s|max%d|mail%d", s.Quality, strings.Join(s.Formats, ","), s.MaxPixels, s.MailWidth)
	return b.String()
}

// SocialWidth and SocialHeight are the size of the social card of every
// brief: what Facebook, X, LinkedIn and Slack show largest.
const (
	SocialWidth  = 1200
	SocialHeight = 630
)

// Crop is an aspect ratio of the crops that search engines ask for.
type Crop struct {
	Name string // in file names: "16x9"
	W, H int
}

// Crops are the crops of a photo listed in its brief's NewsArticle data,
// as Google asks for them.
var Crops = []Crop{{"16x9", 16, 9}, {"4x3", 4, 3}, {"1x1", 1, 1}}

// cropWidth is the widest crop made.
const cropWidth = 1200

// Focus is the point of a photo that crops keep in view, as fractions of
// its width and height from the top left: {0.5, 0.5} is the centre.
type Focus struct{ X, Y float64 }

// Centre is the default focus.
var Centre = Focus{0.5, 0.5}

// Encoded is one encoded image: a variant of a photo, or a card.
type Encoded struct {
	Name          string // the variant's part of the file name: "800w.webp", "og.jpg"
	Width, Height int
	Type          string // MIME type
	Data          []byte
}

// Result is what Process made of a photo.
type Result struct {
	// Width and Height are the upright photo's.
	Width, Height int
	Metadata      Metadata
	// Responsive holds the variants for srcset: for each format of the
	// settings in their order, one per width, narrowest first.
	Responsive []Encoded
	Social     Encoded   // 1200×630 JPEG
	Crops      []Encoded // in the order of Crops
	Mail       *Encoded  // JPEG of the mail width; nil without one
}

// ErrNotImage is the error of a file that is no image a build can read.
var ErrNotImage = errors.New("not a JPEG, PNG, GIF, WebP, TIFF or BMP image (is its extension lying?)")

// Decode decodes a photo whose header says it has at most maxPixels
// pixels: the header is read first, so a small file that claims to be
// huge (a decompression bomb) costs nothing. The format comes from the
// bytes, not the file name.
func Decode(data []byte, maxPixels int) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(&peekReader{data: data})
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return nil, ErrNotImage
		}
		return nil, fmt.Errorf("unreadable image header: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("the image claims %d×%d pixels", cfg.Width, cfg.Height)
	}
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	if int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		mp := func(n float64) string { return strconv.FormatFloat(n/1e6, 'f', -1, 64) }
		return nil, fmt.Errorf("%d×%d is %s megapixels, more than the limit of %s ([images] max_pixels)",
			cfg.Width, cfg.Height, mp(float64(cfg.Width)*float64(cfg.Height)), mp(float64(maxPixels)))
	}
	m, _, err := image.Decode(&peekReader{data: data})
	if err != nil {
		return nil, fmt.Errorf("broken image: %w", err)
	}
	return m, nil
}

// Process decodes a photo and makes its variants with settings s: the
// responsive widths in each format, the social card cropped around focus,
// the crops for search engines and the mail image. The variants carry no
// metadata of the original: they are encoded from its pixels alone.
func Process(data []byte, s Settings, focus Focus) (*Result, error) {
	s = s.withDefaults()
	src, err := Decode(data, s.MaxPixels)
	if err != nil {
		return nil, err
	}
	meta := ReadMetadata(data)
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	w, h := sw, sh
	if meta.Orientation >= 5 { // turned a quarter
		w, h = h, w
	}
	res := &Result{Width: w, Height: h, Metadata: meta}
	// One resize of the large original to a base that every variant is
	// made from: the widest variant, at most.
	baseW := max(s.Widths[len(s.Widths)-1], SocialWidth, cropWidth, s.MailWidth)
	bw, bh := sw, sh
	if w > baseW {
		bw, bh = baseW, scaled(h, baseW, w)
		if meta.Orientation >= 5 {
			bw, bh = bh, bw
		}
	}
	var base *image.RGBA
	if sw >= 2*bw && sh >= 2*bh {
		base = halveImage(src) // never the whole original in RGBA
	} else {
		base = image.NewRGBA(image.Rect(0, 0, sw, sh))
		draw.Draw(base, base.Bounds(), src, src.Bounds().Min, draw.Src)
	}
	for base.Bounds().Dx() >= 2*bw && base.Bounds().Dy() >= 2*bh {
		base = halve(base)
	}
	base = resize(base, bw, bh)
	src = nil // the original's pixels may go
	base = orient(base, meta.Orientation)
	opaque := base.Opaque()

	for _, format := range s.Formats {
		for _, vw := range responsiveWidths(w, s.Widths) {
			m := resize(base, vw, scaled(h, vw, w))
			e, err := encode(m, format, opaque, s.Quality)
			if err != nil {
				return nil, err
			}
			e.Name = strconv.Itoa(vw) + "w" + e.Name
			res.Responsive = append(res.Responsive, e)
		}
	}
	social := resize(cropAround(base, SocialWidth, SocialHeight, focus), SocialWidth, SocialHeight)
	if res.Social, err = encode(social, "jpeg", true, s.Quality); err != nil {
		return nil, err
	}
	res.Social.Name = "og" + res.Social.Name
	for _, c := range Crops {
		crop := cropAround(base, c.W, c.H, focus)
		cw := min(crop.Bounds().Dx(), cropWidth)
		e, err := encode(resize(crop, cw, scaled(crop.Bounds().Dy(), cw, crop.Bounds().Dx())), "jpeg", true, s.Quality)
		if err != nil {
			return nil, err
		}
		e.Name = c.Name + e.Name
		res.Crops = append(res.Crops, e)
	}
	if s.MailWidth > 0 {
		mw := min(s.MailWidth, w)
		e, err := encode(resize(base, mw, scaled(h, mw, w)), "jpeg", true, s.Quality)
		if err != nil {
			return nil, err
		}
		e.Name = "mail" + e.Name
		res.Mail = &e
	}
	return res, nil
}

// responsiveWidths returns the widths of the variants of a photo w pixels
// wide: those of widths narrower than it, and its own when it is not
// wider than the widest, so that no variant is enlarged.
func responsiveWidths(w int, widths []int) []int {
	var out []int
	for _, x := range widths {
		if x < w {
			out = append(out, x)
		}
	}
	if w <= widths[len(widths)-1] {
		out = append(out, w)
	}
	return out
}

// scaled returns n scaled by num/den, rounded, at least 1.
func scaled(n, num, den int) int {
	return max(1, int(math.Round(float64(n)*float64(num)/float64(den))))
}

// halve returns m at half its size, each pixel the mean of four: exact
// and fast, it does the bulk of shrinking a large photo before the
// Catmull-Rom filter does the rest.
func halve(m *image.RGBA) *image.RGBA {
	w, h := m.Bounds().Dx()/2, m.Bounds().Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		halveRows(dst.Pix[y*dst.Stride:], m.Pix[(2*y)*m.Stride:], m.Pix[(2*y+1)*m.Stride:], w)
	}
	return dst
}

// halveImage is halve for an image of any type (a decoded JPEG is YCbCr),
// converted two rows at a time: a large original is never held in RGBA,
// which takes four bytes a pixel.
func halveImage(m image.Image) *image.RGBA {
	b := m.Bounds()
	w, h := b.Dx()/2, b.Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	strip := image.NewRGBA(image.Rect(0, 0, b.Dx(), 2))
	for y := 0; y < h; y++ {
		draw.Draw(strip, strip.Bounds(), m, image.Pt(b.Min.X, b.Min.Y+2*y), draw.Src)
		halveRows(dst.Pix[y*dst.Stride:], strip.Pix, strip.Pix[strip.Stride:], w)
	}
	return dst
}

// halveRows writes w pixels into d, each the mean of two pixels of r0
// and the two below them in r1.
func halveRows(d, r0, r1 []byte, w int) {
	for x := 0; x < w; x++ {
		for c := 0; c < 4; c++ {
			i := 8*x + c
			d[4*x+c] = uint8((uint(r0[i]) + uint(r0[i+4]) + uint(r1[i]) + uint(r1[i+4]) + 2) / 4)
		}
	}
}

// resize returns m scaled to w×h with the Catmull-Rom filter, or m itself
// when it has that size.
func resize(m *image.RGBA, w, h int) *image.RGBA {
	if m.Bounds().Dx() == w && m.Bounds().Dy() == h {
		return m
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), m, m.Bounds(), draw.Src, nil)
	return dst
}

// cropAround returns the largest part of m with the aspect ratio aw:ah
// whose centre is as near focus as m's edges allow.
func cropAround(m *image.RGBA, aw, ah int, focus Focus) *image.RGBA {
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	cw, ch := w, scaled(w, ah, aw)
	if ch > h {
		cw, ch = scaled(h, aw, ah), h
	}
	cw, ch = min(cw, w), min(ch, h)
	x := clamp(int(math.Round(focus.X*float64(w)))-cw/2, 0, w-cw)
	y := clamp(int(math.Round(focus.Y*float64(h)))-ch/2, 0, h-ch)
	return m.SubImage(image.Rect(b.Min.X+x, b.Min.Y+y, b.Min.X+x+cw, b.Min.Y+y+ch)).(*image.RGBA)
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// encode encodes m in format: "webp", or "jpeg" (PNG when m is not
// opaque). The returned Name is the file extension.
func encode(m *image.RGBA, format string, opaque bool, quality int) (Encoded, error) {
	var buf bytes.Buffer
	e := Encoded{Width: m.Bounds().Dx(), Height: m.Bounds().Dy()}
	switch {
	case format == "webp":
		e.Name, e.Type = ".webp", "image/webp"
		if err := encodeWebP(&buf, unpremultiplied(m, opaque), quality); err != nil {
			return e, fmt.Errorf("encoding WebP: %w", err)
		}
	case opaque:
		e.Name, e.Type = ".jpg", "image/jpeg"
		if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: quality}); err != nil {
			return e, fmt.Errorf("encoding JPEG: %w", err)
		}
	default:
		e.Name, e.Type = ".png", "image/png"
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, m); err != nil {
			return e, fmt.Errorf("encoding PNG: %w", err)
		}
	}
	e.Data = buf.Bytes()
	return e, nil
}

// unpremultiplied returns m as the encoder of WebP wants it: colours not
// multiplied by alpha. An opaque image is the same either way.
func unpremultiplied(m *image.RGBA, opaque bool) image.Image {
	if opaque {
		return m
	}
	n := image.NewNRGBA(m.Bounds())
	draw.Draw(n, n.Bounds(), m, m.Bounds().Min, draw.Src)
	return n
}

// orient returns m turned upright from EXIF orientation o (1 to 8).
func orient(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		for x := 0; x < dw; x++ {
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // upside down
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored upside down
				sx, sy = x, h-1-y
			case 5: // mirrored, turned
				sx, sy = y, x
			case 6: // turned: rotate a quarter clockwise to see it
				sx, sy = y, h-1-x
			case 7:
				sx, sy = w-1-y, h-1-x
			case 8: // rotate a quarter anticlockwise
				sx, sy = w-1-y, x
			}
			si := m.PixOffset(b.Min.X+sx, b.Min.Y+sy)
			di := dst.PixOffset(x, y)
			copy(dst.Pix[di:di+4], m.Pix[si:si+4])
		}
	}
	return dst
}
