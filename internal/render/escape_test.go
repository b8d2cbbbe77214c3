package render_test

import (
	"bytes"
	"html/template"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/site"
)

// The differential tests of compiled_edition.go, the default theme's
// edition written out in Go, and of the escapers it uses: they go with it.

// compareEditions renders the HTML editions of s both ways, in Go and
// through the edition template, and reports every file that differs.
func compareEditions(t testing.TB, cfg *config.Config, s *site.Site) {
	t.Helper()
	compiled, templated := newRenderer(t, cfg, nil), newRenderer(t, cfg, nil)
	if !render.Compiled(compiled, "edition.html") {
		t.Fatal("the default theme's edition is not compiled")
	}
	render.DisableCompiled(templated)
	compiled.SetEnvironment(testEnv())
	templated.SetEnvironment(testEnv())
	html := func(r *render.Renderer) map[string][]byte {
		files := map[string][]byte{}
		for _, j := range r.Plan(s) {
			if !strings.HasPrefix(j.Path, "editions/") || !strings.HasSuffix(j.Path, ".html") {
				continue
			}
			data, err := j.Render()
			if err != nil {
				t.Fatalf("rendering %s: %v", j.Path, err)
			}
			files[j.Path] = data
		}
		return files
	}
	got, want := html(compiled), html(templated)
	for _, p := range slices.Sorted(maps.Keys(want)) {
		if !bytes.Equal(got[p], want[p]) {
			t.Errorf("%s differs from its template's output (- template, + compiled):\n%s", p, diff(string(want[p]), string(got[p])))
		}
	}
	if len(got) != len(want) {
		t.Errorf("compiled: %d files, templates: %d", len(got), len(want))
	}
}

// escapedBrief is a brief whose every field holds what html/template
// escapes, in each place the brief page and card show it.
const escapedBrief = `+++
title   = "<Tom & \"Jerry\"> + 'co' \u0000 é"
date    = 2026-06-01T23:30:00-04:00
updated = 2026-06-02T00:10:00-04:00
authors = ["A <b>", "B & C", "D 'd'"]
topics  = ["X+Y", "<script>", "Ünïcode"]
summary = "Sum < mary & \"quotes\" + more"

[photo]
src     = "https://cdn.example.com/a b/ph%6fto's \"x\".jpg?q=1&r=2+3#frag"
alt     = "alt <with> \"quotes\" & 'apostrophes'"
credit  = "Credit & <co>"
caption = "Cap + tion"

[[go_deeper]]
title = "Encoded"
url   = "https://example.com/%zz/%41%4/ü?a=<b>&c='d'"

[[go_deeper]]
title = "A draft, so pending <x>"
ref   = "briefs/secret-plan"

[[corrections]]
date = 2026-06-02T08:00:00-04:00
text = "First <fix> & more"

[[corrections]]
date = 2026-06-03T08:00:00-04:00
text = "Second"
+++
Body with <b>raw</b> and [a link](https://example.com/?a=1&b=2).
`

func TestCompiledEditionMatchesTemplate(t *testing.T) {
	hostile := maps.Clone(briefs)
	hostile["content/briefs/hostile.md"] = escapedBrief
	tests := []struct {
		name  string
		files map[string]string
		opts  site.Options
		edit  func(*config.Config)
	}{
		{"test site", briefs, site.Options{}, nil},
		{"preview with drafts and future briefs", briefs, site.Options{Drafts: true, Future: true}, nil},
		{"hostile values", hostile, site.Options{}, nil},
		{"base URL to escape", hostile, site.Options{}, func(c *config.Config) {
			c.BaseURL = "https://example.org/a+b/c'd/é/"
			c.Title = "Site <&> 'title'"
			c.Description = ""
			c.Language = "en-GB"
		}},
		{"default image", briefs, site.Options{}, func(c *config.Config) {
			c.Publishing.DefaultImage = "https://example.org/share.png"
			c.Publishing.DefaultImageAlt = "Share <image>"
		}},
		{"default image of the site", briefs, site.Options{}, func(c *config.Config) {
			c.Publishing.DefaultImage = "/briefs/minister-declines/chart.svg"
		}},
		{"UTC", briefs, site.Options{}, func(c *config.Config) { c.Timezone = "UTC" }},
		{"no briefs", map[string]string{}, site.Options{}, nil},
		{"one page per list", briefs, site.Options{}, func(c *config.Config) { c.Paginate = 10 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig(t)
			if tt.edit != nil {
				tt.edit(cfg)
				if err := cfg.Validate(); err != nil {
					t.Fatal(err)
				}
			}
			s := newSite(t, cfg, tt.files, tt.opts)
			s.Preview = tt.opts.Drafts
			compareEditions(t, cfg, s)
		})
	}
}

// TestCompiledEscapers compares the escaping functions of escape.go with
// html/template's on values content.Parse would refuse, such as URLs of
// other schemes.
func TestCompiledEscapers(t *testing.T) {
	for _, s := range []string{"", "plain", "<a & 'b' \"c\" + \x00>", "javascript:alert(1)", "JavaScript:x",
		"httpſ://example.com/", "HTTPS://x.org/a b/%41%zz%4", "mailto:a@b.org", "/rel:ative", "a/b:c", "x:",
		"https://x.org/é?a=1&b=2+3#f", "tab\tnew\nline\\back{}();", "data:text/html,<b>"} {
		for _, tt := range []struct{ name, tmpl, got string }{
			{"text", `{{.}}`, render.Escape(s)},
			{"attribute", `<p title="{{.}}">`, `<p title="` + render.Escape(s) + `">`},
			{"URL attribute", `<a href="{{.}}">`, `<a href="` + render.EscapeURL(s) + `">`},
		} {
			var want strings.Builder
			if err := template.Must(template.New("").Parse(tt.tmpl)).Execute(&want, s); err != nil {
				t.Fatal(err)
			}
			if tt.got != want.String() {
				t.Errorf("%s of %q: compiled %q, html/template %q", tt.name, s, tt.got, want.String())
			}
		}
	}
}
