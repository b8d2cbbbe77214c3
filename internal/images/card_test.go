package images

import (
	"bytes"
	"image/jpeg"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

func TestCardDraws(t *testing.T) {
	fs, err := parseFonts()
	if err != nil {
		t.Fatal(err)
	}
	colors := DefaultCardColors
	c := Card{Site: "The Briefs", Headline: "Allies fume as spokesman declines to back the minister over the budget vote that split the cabinet and then some more words that do not fit on four lines of the card at all", Background: colors[0], Text: colors[1], Accent: colors[2]}
	e, err := c.draw(fs)
	if err != nil {
		t.Fatal(err)
	}
	m, err := jpeg.Decode(bytes.NewReader(e.Data))
	if err != nil {
		t.Fatal(err)
	}
	if b := m.Bounds(); b.Dx() != SocialWidth || b.Dy() != SocialHeight || e.Type != "image/jpeg" {
		t.Errorf("card is %v %s, want 1200×630 JPEG", b, e.Type)
	}
	again, _ := c.draw(fs)
	if !bytes.Equal(again.Data, e.Data) {
		t.Error("the same card drew different bytes")
	}
}

func BenchmarkCard(b *testing.B) {
	fs, err := parseFonts()
	if err != nil {
		b.Fatal(err)
	}
	colors := DefaultCardColors
	c := Card{Site: "The Briefs", Headline: "Allies fume as spokesman declines to back the minister", Background: colors[0], Text: colors[1], Accent: colors[2]}
	for b.Loop() {
		if _, err := c.draw(fs); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCardFont draws a card in a theme's font: other pixels, another
// cache key; a file that is no font is an error.
func TestCardFont(t *testing.T) {
	p, err := NewProcessor(t.TempDir(), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	colors := DefaultCardColors
	c := Card{Site: "Briefs", Headline: "A headline", Background: colors[0], Text: colors[1], Accent: colors[2]}
	bold, err := p.Card(c)
	if err != nil {
		t.Fatal(err)
	}
	c.Font = goregular.TTF
	regular, err := p.Card(c)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := bold.Data(bold.Social.Name)
	b, _ := regular.Data(regular.Social.Name)
	if bytes.Equal(a, b) || bold.Key == regular.Key {
		t.Error("a theme's font draws the same card")
	}
	c.Font = []byte("not a font")
	if _, err := p.Card(c); err == nil || !strings.Contains(err.Error(), "card font:") {
		t.Errorf("a broken font: %v", err)
	}
}
