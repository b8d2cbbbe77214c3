package images

import (
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/draw"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Card is the social card of a brief without a photo: the site's name and
// the brief's headline, drawn on the theme's colours.
type Card struct {
	Site, Headline           string
	Background, Text, Accent color.RGBA
	Quality                  int // of the JPEG; 0 means DefaultQuality
	// Font is a TrueType or OpenType font for the text; nil means Go Bold.
	Font []byte
}

// CardName is the file name, in a brief's folder, of the social card drawn
// for a brief without a processed photo. No page shows it: pages only
// name it for sharing.
const CardName = "social-card.jpg"

// DefaultCardColors are the default theme's: newsprint white, ink and its
// one accent red.
var DefaultCardColors = [3]color.RGBA{{0xfb, 0xfa, 0xf7, 0xff}, {0x15, 0x17, 0x1a, 0xff}, {0xa3, 0x16, 0x1c, 0xff}}

// Key spells out what the card shows: its part of the cache key.
func (c Card) Key() string {
	font := uint64(0)
	if c.Font != nil {
		h := fnv.New64a()
		h.Write(c.Font)
		font = h.Sum64()
	}
	return fmt.Sprintf("card|%q|%q|%v|%v|%v|%d|%x", c.Site, c.Headline, c.Background, c.Text, c.Accent, c.Quality, font)
}

// fonts is the type of a card: Go Bold, embedded in the binary, or a
// theme's font.
type fonts struct{ bold *opentype.Font }

func parseFonts() (*fonts, error) { return parseFont(gobold.TTF) }

// parseFont parses a TrueType or OpenType font.
func parseFont(data []byte) (*fonts, error) {
	f, err := opentype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("card font: %w", err)
	}
	return &fonts{f}, nil
}

// Card layout, in pixels of the 1200×630 card.
const (
	cardMargin   = 80
	headlineSize = 64
	lineHeight   = 78
	maxLines     = 4
)

// draw draws c with fs and encodes it as a JPEG.
func (c Card) draw(fs *fonts) (Encoded, error) {
	m := image.NewRGBA(image.Rect(0, 0, SocialWidth, SocialHeight))
	draw.Draw(m, m.Bounds(), image.NewUniform(c.Background), image.Point{}, draw.Src)
	draw.Draw(m, image.Rect(0, 0, SocialWidth, 16), image.NewUniform(c.Accent), image.Point{}, draw.Src)
	draw.Draw(m, image.Rect(cardMargin, SocialHeight-cardMargin-4, SocialWidth-cardMargin, SocialHeight-cardMargin), image.NewUniform(c.Text), image.Point{}, draw.Src)

	siteFace, err := opentype.NewFace(fs.bold, &opentype.FaceOptions{Size: 36, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return Encoded{}, err
	}
	defer siteFace.Close()
	d := &font.Drawer{Dst: m, Src: image.NewUniform(c.Accent), Face: siteFace,
		Dot: fixed.P(cardMargin, cardMargin+40)}
	d.DrawString(fit(d.Face, strings.ToUpper(c.Site), SocialWidth-2*cardMargin))

	face, err := opentype.NewFace(fs.bold, &opentype.FaceOptions{Size: headlineSize, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return Encoded{}, err
	}
	defer face.Close()
	d = &font.Drawer{Dst: m, Src: image.NewUniform(c.Text), Face: face}
	for i, line := range wrap(face, c.Headline, SocialWidth-2*cardMargin, maxLines) {
		d.Dot = fixed.P(cardMargin, cardMargin+40+50+lineHeight*(i+1))
		d.DrawString(line)
	}
	q := c.Quality
	if q == 0 {
		q = DefaultQuality
	}
	e, err := encode(m, "jpeg", true, q)
	e.Name = "card" + e.Name
	return e, err
}

// wrap breaks text into at most n lines no wider than width, the last
// one cut with an ellipsis when the text does not fit.
func wrap(face font.Face, text string, width, n int) []string {
	var lines []string
	var line string
	words := strings.Fields(text)
	for i, w := range words {
		next := strings.TrimSpace(line + " " + w)
		if line != "" && font.MeasureString(face, next).Ceil() > width {
			if len(lines) == n-1 {
				return append(lines, fit(face, next+" "+strings.Join(words[i+1:], " "), width))
			}
			lines = append(lines, line)
			next = w
		}
		line = next
	}
	if line != "" {
		lines = append(lines, fit(face, line, width))
	}
	return lines
}

// fit returns s, or as much of it as fits in width followed by "…".
func fit(face font.Face, s string, width int) string {
	if font.MeasureString(face, s).Ceil() <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && font.MeasureString(face, string(r)+"…").Ceil() > width {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}
