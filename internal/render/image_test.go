package render_test

import (
	"bytes"
	"image"
	"image/png"
	"maps"
	"strconv"
	"testing"

	"golang.org/x/net/html/atom"

	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/site"
)

func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A brief's photo is shared with its size; pages without one share the
// site's default image.
func TestOpenGraphImage(t *testing.T) {
	share := pngOf(t, 1200, 630)
	cfg := testConfig(t)
	cfg.Publishing.DefaultImage = "/images/share.png"
	cfg.Publishing.DefaultImageAlt = "The Test Brief logo"
	s := newSite(t, cfg, briefs, site.Options{})
	r := newRenderer(t, cfg, nil)
	env := testEnv()
	env.File = func(p string) []byte {
		if p == "images/share.png" {
			return share
		}
		return published[p]
	}
	r.SetEnvironment(env)
	files := renderAll(t, r, s)

	tests := []struct {
		page, image, typ, alt string
		w, h                  int
		card                  string
	}{
		{"briefs/minister-declines/index.html", baseURL + "briefs/minister-declines/minister.svg", "image/svg+xml", "The minister leaves a hearing", 1200, 675, "summary_large_image"},
		{"briefs/old-news/index.html", baseURL + "images/share.png", "image/png", "The Test Brief logo", 1200, 630, "summary"},
		{"index.html", baseURL + "images/share.png", "image/png", "The Test Brief logo", 1200, 630, "summary"},
		{"topics/cabinet/index.html", baseURL + "images/share.png", "image/png", "The Test Brief logo", 1200, 630, "summary"},
	}
	for _, tt := range tests {
		doc := parseHTML(t, tt.page, files[tt.page])
		for _, m := range []struct{ key, name, want string }{
			{"property", "og:image", tt.image},
			{"property", "og:image:type", tt.typ},
			{"property", "og:image:alt", tt.alt},
			{"property", "og:image:width", strconv.Itoa(tt.w)},
			{"property", "og:image:height", strconv.Itoa(tt.h)},
			{"name", "twitter:image", tt.image},
			{"name", "twitter:image:alt", tt.alt},
			{"name", "twitter:card", tt.card},
		} {
			if got, _ := meta(doc, m.key, m.name); got != m.want {
				t.Errorf("%s: %s = %q, want %q", tt.page, m.name, got, m.want)
			}
		}
		if n := len(all(doc, and(tag(atom.Meta), hasAttr("property", "og:image")))); n != 1 {
			t.Errorf("%s: %d og:image tags", tt.page, n)
		}
	}
}

// Without a default image, pages without a photo share none, and a photo
// whose bytes the build did not give has no size.
func TestOpenGraphImageUnknown(t *testing.T) {
	_, files := testSite(t, site.Options{})
	doc := parseHTML(t, "index.html", files["index.html"])
	if v, ok := meta(doc, "property", "og:image"); ok {
		t.Errorf("home page og:image = %q, want none", v)
	}
	doc = parseHTML(t, "brief", files["briefs/minister-declines/index.html"])
	if v, _ := meta(doc, "property", "og:image"); v != baseURL+"briefs/minister-declines/minister.svg" {
		t.Errorf("og:image = %q", v)
	}
	if v, ok := meta(doc, "property", "og:image:width"); ok {
		t.Errorf("og:image:width = %q, want none: the size is unknown", v)
	}
}

// The default image's size is on every page without a photo: a new size
// changes their keys.
func TestDefaultImageKeys(t *testing.T) {
	cfg := testConfig(t)
	cfg.Publishing.DefaultImage = "images/share.png"
	s := newSite(t, cfg, briefs, site.Options{})
	r := newRenderer(t, cfg, nil)
	plan := func(img []byte) map[string]uint64 {
		r.SetEnvironment(render.Environment{File: func(p string) []byte {
			if p == "images/share.png" {
				return img
			}
			return nil
		}})
		ks := map[string]uint64{}
		for _, j := range r.Plan(s) {
			ks[j.Path] = j.Key
		}
		return ks
	}
	a := plan(pngOf(t, 100, 50))
	if b := plan(pngOf(t, 100, 50)); !maps.Equal(a, b) {
		t.Errorf("the same image gives different keys")
	}
	c := plan(pngOf(t, 200, 50))
	for _, p := range []string{"index.html", "briefs/old-news/index.html", "topics/index.html"} {
		if a[p] == c[p] {
			t.Errorf("%s: key unchanged after the default image's size changed", p)
		}
	}
}
