package config

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseColor(t *testing.T) {
	tests := []struct {
		in   string
		want color.RGBA
		ok   bool
	}{
		{"#0b2545", color.RGBA{0x0b, 0x25, 0x45, 0xff}, true},
		{"#FBFAF7", color.RGBA{0xfb, 0xfa, 0xf7, 0xff}, true},
		{"#f80", color.RGBA{0xff, 0x88, 0x00, 0xff}, true},
		{"  #000000 ", color.RGBA{0, 0, 0, 0xff}, true},
		{"rgb(11, 37, 69)", color.RGBA{11, 37, 69, 0xff}, true},
		{"RGB(255 0 10)", color.RGBA{255, 0, 10, 0xff}, true},
		{"", color.RGBA{}, false},
		{"blue", color.RGBA{}, false},
		{"#12345", color.RGBA{}, false},
		{"#1234567", color.RGBA{}, false},
		{"#ggg", color.RGBA{}, false},
		{"#ff0000ff", color.RGBA{}, false}, // with alpha: a card is opaque
		{"#+12345", color.RGBA{}, false},
		{"rgb(1, 2)", color.RGBA{}, false},
		{"rgb(1, 2, 256)", color.RGBA{}, false},
		{"rgb(1, 2, -3)", color.RGBA{}, false},
		{"rgb(1, 2, 3", color.RGBA{}, false},
		{"rgba(1, 2, 3, 0.5)", color.RGBA{}, false},
		{"var(--ink)", color.RGBA{}, false},
	}
	for _, tt := range tests {
		got, err := ParseColor(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseColor(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// FuzzParseColor: any text is a colour or an error, never a panic; a
// colour is opaque and reads back from its hex spelling.
func FuzzParseColor(f *testing.F) {
	for _, s := range []string{"#0b2545", "#f80", "rgb(1, 2, 3)", "rgb(1 2 3)", "blue", "#", "rgb()", "rgb(,,,)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseColor(s)
		if err != nil {
			return
		}
		if c.A != 0xff {
			t.Fatalf("ParseColor(%q) = %v: not opaque", s, c)
		}
		again, err := ParseColor(fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B))
		if err != nil || again != c {
			t.Fatalf("ParseColor(%q) = %v, but its hex reads %v, %v", s, c, again, err)
		}
	})
}

func TestCardColorSettings(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"[images]\ncard_background = \"#0b2545\"\ncard_text = \"#fff\"\ncard_accent = \"rgb(240, 200, 0)\"\n", ""},
		{"[images]\ncard_background = \"navy\"\n", `config.toml:2:1: images.card_background: "navy": want an opaque colour as "#rrggbb", "#rgb" or "rgb(r, g, b)"`},
		{"title = \"T\"\n[images]\ncard_text = \"#12\"\n", `config.toml:3:1: images.card_text: "#12": want an opaque colour`},
		{"[images]\nquality = 90\ncard_accent = \"rgb(1,2)\"\n", `config.toml:3:1: images.card_accent: "rgb(1,2)"`},
	}
	for _, tt := range tests {
		c, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
		if tt.want == "" {
			if err != nil || c.Images.CardBackground != "#0b2545" || c.Images.CardText != "#fff" || c.Images.CardAccent != "rgb(240, 200, 0)" {
				t.Errorf("Load(%q) = %+v, %v", tt.src, c.Images, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
}
