package theme

import (
	"image/color"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func TestRootProperties(t *testing.T) {
	tests := []struct {
		name, css string
		want      map[string]string
	}{
		{"plain", ":root { --bg: #fff; --ink: #000 }", map[string]string{"--bg": "#fff", "--ink": "#000"}},
		{"comments", "/* :root { --bg: #111 } */\n:root {\n  --bg: #fff; /* paper; not { ink */\n  color: red;\n  --ink:/*x*/#000;\n}", map[string]string{"--bg": "#fff", "--ink": "#000"}},
		{"first top-level :root only", "@media (prefers-color-scheme: dark) { :root { --bg: #000 } }\nbody { --bg: #111 }\n:root { --bg: #fff }\n:root { --bg: #222 }", map[string]string{"--bg": "#fff"}},
		{"last declaration wins", ":root { --bg: #fff; --bg: #eee; }", map[string]string{"--bg": "#eee"}},
		{"strings", `:root { --font: "a;b}{c", 'd\'e'; --bg: #fff }`, map[string]string{"--font": `"a;b}{c", 'd\'e'`, "--bg": "#fff"}},
		{"nested rule", ":root { --bg: #fff; & .x { --bg: #000; } --ink: #111 }", map[string]string{"--bg": "#fff", "--ink": "#111"}},
		{"at-rule first", "@import url(\"a.css\");\n@charset \"utf-8\";\n:root { --bg: #fff }", map[string]string{"--bg": "#fff"}},
		{"cut short", ":root { --bg: #fff; --ink: #000", map[string]string{"--bg": "#fff", "--ink": "#000"}},
		{"stray brace", "} :root { --bg: #fff }", map[string]string{"--bg": "#fff"}},
		{"unclosed comment", ":root { --bg: #fff } /* x", map[string]string{"--bg": "#fff"}},
		{"no root", "body { --bg: #fff }", map[string]string{}},
		{"empty", "", map[string]string{}},
		{"selector list is not :root", ":root, html { --bg: #fff }", map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rootProperties([]byte(tt.css))
			values := map[string]string{}
			for k, p := range got {
				values[k] = p.value
				if !strings.HasPrefix(tt.css[p.offset:], p.value) {
					t.Errorf("%s at offset %d, where the text is %.10q", k, p.offset, tt.css[p.offset:])
				}
			}
			if len(values) != len(tt.want) {
				t.Errorf("rootProperties = %q, want %q", values, tt.want)
			}
			for k, v := range tt.want {
				if values[k] != v {
					t.Errorf("rootProperties[%s] = %q, want %q", k, values[k], v)
				}
			}
		})
	}
}

// FuzzRootProperties: any stylesheet gives properties, never a panic,
// each at an offset where its value is.
func FuzzRootProperties(f *testing.F) {
	f.Add(":root { --bg: #fff; --ink: #000 }")
	f.Add("/* c */ @media x { :root { --a: 1 } } :root { --b: 'x;}' ; & y { --c: 2 } }")
	f.Add(`:root { --a: "\`)
	f.Fuzz(func(t *testing.T, css string) {
		for k, p := range rootProperties([]byte(css)) {
			if !strings.HasPrefix(k, "--") || p.offset < 0 || p.offset > len(css) || !strings.HasPrefix(css[p.offset:], p.value) {
				t.Fatalf("%q: property %q = %+v", css, k, p)
			}
		}
	})
}

func TestCardColors(t *testing.T) {
	var (
		white = color.RGBA{0xff, 0xff, 0xff, 0xff}
		black = color.RGBA{0, 0, 0, 0xff}
		navy  = color.RGBA{0x0b, 0x25, 0x45, 0xff}
		gold  = color.RGBA{0xf0, 0xc8, 0, 0xff}
	)
	tests := []struct {
		name, css string
		want      CardColors
		err       string
	}{
		{"page colours", ":root { --bg: #fff; --ink: #000; --accent: rgb(240, 200, 0) }", CardColors{white, black, gold}, ""},
		{"card colours win", ":root { --bg: #fff; --card-background: #0b2545; --ink: #000; --card-text: #fff }", CardColors{navy, white, color.RGBA{}}, ""},
		{"page colours briefs cannot read are passed over", ":root { --bg: white; --ink: var(--x); --accent: #f0c800 }", CardColors{Accent: gold}, ""},
		{"none", "body { color: red }", CardColors{}, ""},
		{"a card colour that is not one", ":root {\n  --bg: #fff;\n  --card-background:  navy;\n  --card-accent: #12;\n}", CardColors{Background: color.RGBA{}, Accent: color.RGBA{}},
			"themes/paper/assets/style.css:3:23: --card-background: want an opaque colour as \"#rrggbb\", \"#rgb\" or \"rgb(r, g, b)\"\n" +
				"themes/paper/assets/style.css:4:18: --card-accent: want an opaque colour as \"#rrggbb\", \"#rgb\" or \"rgb(r, g, b)\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cardColors([]byte(tt.css), "themes/paper/assets/style.css")
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Errorf("cardColors error = %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("cardColors = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

// TestThemeCardColors: a theme's stylesheet gives its cards' colours; a
// theme without one has the embedded default's; the default theme's own
// stylesheet gives the colours the cards were drawn in before themes
// could set them.
func TestThemeCardColors(t *testing.T) {
	def := embedded()
	def["assets/style.css"] = &fstest.MapFile{Data: []byte(":root { --bg: #fff; --ink: #000 }")}
	paper := fstest.MapFS{"themes/paper/assets/style.css": {Data: []byte(":root { --card-background: #0b2545 }")}}
	th, err := Load(paper, "paper", def, nil)
	if err != nil || th.CardColors().Background != (color.RGBA{0x0b, 0x25, 0x45, 0xff}) || th.CardColors().Text != (color.RGBA{}) {
		t.Errorf("theme paper's card colours = %+v, %v", th.CardColors(), err)
	}
	plain := fstest.MapFS{"themes/plain/layouts/home.html": {Data: []byte(`{{define "main"}}plain{{end}}`)}}
	th, err = Load(plain, "plain", def, nil)
	if err != nil || th.CardColors().Text != (color.RGBA{0, 0, 0, 0xff}) {
		t.Errorf("a theme without a stylesheet: card colours = %+v, %v; want the default's", th.CardColors(), err)
	}
	bad := fstest.MapFS{"themes/paper/assets/style.css": {Data: []byte(":root {\n--card-text: ink;\n}")}}
	if _, err := Load(bad, "paper", def, nil); err == nil || !strings.Contains(err.Error(), "themes/paper/assets/style.css:2:14: --card-text: want an opaque colour") {
		t.Errorf("a theme whose card colour is not one: %v", err)
	}
	def["assets/style.css"] = &fstest.MapFile{Data: []byte(":root {\n--card-text: ink;\n}")}
	if _, err := Load(fstest.MapFS{}, "default", def, nil); err == nil || !strings.Contains(err.Error(), "(embedded default theme) assets/style.css:2:14: --card-text") {
		t.Errorf("an embedded theme whose card colour is not one: %v", err)
	}

	css, err := os.ReadFile("../../themes/default/assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	got, err := cardColors(css, "style.css")
	want := CardColors{color.RGBA{0xfb, 0xfa, 0xf7, 0xff}, color.RGBA{0x15, 0x17, 0x1a, 0xff}, color.RGBA{0xa3, 0x16, 0x1c, 0xff}}
	if err != nil || got != want {
		t.Errorf("the default theme's card colours = %+v, %v; want %+v", got, err, want)
	}
}
