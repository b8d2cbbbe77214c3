package build_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	_ "image/jpeg"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
)

// TestCardColors: the card drawn for a brief without a photo is on the
// theme's colours, read from its stylesheet, unless the site's [images]
// card_* settings say otherwise; a card colour the stylesheet gets wrong
// fails the build at its line and column.
func TestCardColors(t *testing.T) {
	const brief = "+++\ntitle = \"Council passes the budget\"\ndate = 2026-11-20T09:30:00Z\nauthors = [\"Dana Whitfield\"]\n+++\nA lede.\n"
	tests := []struct {
		name      string
		config    string
		css       string // the theme paper's stylesheet; none for the default theme
		want      color.RGBA
		wantError string
	}{
		{"default theme", "", "", color.RGBA{0xfb, 0xfa, 0xf7, 0xff}, ""},
		{"theme's page colours", "theme = \"paper\"\n", ":root { --bg: #0b2545; --ink: #ffffff }", color.RGBA{0x0b, 0x25, 0x45, 0xff}, ""},
		{"theme's card colours", "theme = \"paper\"\n", ":root { --bg: #ffffff; --card-background: rgb(32, 96, 32) }", color.RGBA{32, 96, 32, 0xff}, ""},
		{"the site's wins", "theme = \"paper\"\n[images]\ncard_background = \"#602020\"\n", ":root { --card-background: #0b2545 }", color.RGBA{0x60, 0x20, 0x20, 0xff}, ""},
		{"the site's over the default theme", "[images]\ncard_background = \"#602020\"\n", "", color.RGBA{0x60, 0x20, 0x20, 0xff}, ""},
		{"theme's card colour wrong", "theme = \"paper\"\n", ":root {\n  --card-background: papyrus;\n}", color.RGBA{}, "themes/paper/assets/style.css:2:22: --card-background: want an opaque colour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "config.toml", "title = \"Card Desk\"\nbase_url = \"https://example.org/\"\n"+tt.config)
			write(t, dir, "content/briefs/budget.md", brief)
			if tt.css != "" {
				write(t, dir, "themes/paper/assets/style.css", tt.css)
			}
			res, err := build.New(photoOptions(dir, t.TempDir())).Build(context.Background(), nil)
			if tt.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantError) {
					t.Fatalf("build error = %v, want %q", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			card, _, err := image.Decode(bytes.NewReader(res.Files["briefs/budget/social-card.jpg"]))
			if err != nil {
				t.Fatal(err)
			}
			// The bottom left corner is the background, below the rule.
			r, g, b, _ := card.At(20, card.Bounds().Dy()-20).RGBA()
			got := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff}
			if !near(got, tt.want) {
				t.Errorf("card background %v, want %v", got, tt.want)
			}
		})
	}
}

// near reports whether two colours differ by no more than JPEG's rounding.
func near(a, b color.RGBA) bool {
	d := func(x, y uint8) bool { return max(x, y)-min(x, y) <= 4 }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}
