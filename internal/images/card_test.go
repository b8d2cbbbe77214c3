package images

import (
	"bytes"
	"image/jpeg"
	"testing"
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
