package render_test

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/themes"
)

// compareCompiled renders the site s both ways, through the Go-written
// brief page, card, list pages and edition and through their templates,
// and reports every file that differs.
func compareCompiled(t testing.TB, cfg *config.Config, s *site.Site) {
	t.Helper()
	compiled, templated := renderersBothWays(t, cfg)
	compareRendered(t, compiled, templated, s)
}

// renderersBothWays returns a Renderer of the default theme that writes
// its pages in Go and one that runs their templates, with the test site's
// photos, so that pages and editions give their sizes.
func renderersBothWays(t testing.TB, cfg *config.Config) (compiled, templated *render.Renderer) {
	t.Helper()
	compiled = newRenderer(t, cfg, nil)
	for _, tmpl := range []string{"brief.html", "home.html", "list.html", ""} {
		if !render.Compiled(compiled, tmpl) {
			t.Fatalf("the default theme's %q is not compiled", tmpl)
		}
	}
	templated = newRenderer(t, cfg, nil)
	render.DisableCompiled(templated)
	compiled.SetEnvironment(testEnv())
	templated.SetEnvironment(testEnv())
	return compiled, templated
}

// compareRendered renders the HTML files of s with both Renderers and
// reports those that differ; the other files use no template that
// compiled.go writes.
func compareRendered(t testing.TB, compiled, templated *render.Renderer, s *site.Site) {
	t.Helper()
	html := func(r *render.Renderer) map[string][]byte {
		files := map[string][]byte{}
		for _, j := range r.Plan(s) {
			if !strings.HasSuffix(j.Path, ".html") {
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
	if len(got) != len(want) || len(got) == 0 {
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

func TestCompiledMatchesTemplates(t *testing.T) {
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
			compareCompiled(t, cfg, s)
		})
	}
}

// TestCompiledOnlyForDefaultTemplates checks that a site whose brief page
// or card templates differ from the default theme's gets its templates.
func TestCompiledOnlyForDefaultTemplates(t *testing.T) {
	byline, err := fsReadFile("layouts/partials/byline.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name               string
		layouts            fstest.MapFS
		brief, cards, list bool
	}{
		{"default theme", nil, true, true, true},
		{"a copy of a default template", fstest.MapFS{"layouts/partials/byline.html": {Data: byline}}, true, true, true},
		{"own byline", fstest.MapFS{"layouts/partials/byline.html": {Data: []byte("{{len .}} authors")}}, false, false, true},
		{"own brief page", fstest.MapFS{"layouts/brief.html": {Data: []byte(`{{define "main"}}{{.Title}}{{end}}`)}}, false, true, true},
		{"own title block", fstest.MapFS{"layouts/brief.html": {Data: append(readDefault(t, "layouts/brief.html"), `{{define "title"}}Brief{{end}}`...)}}, false, true, true},
		{"own card", fstest.MapFS{"layouts/partials/card.html": {Data: []byte(`<p>{{.Brief.Title}}</p>`)}}, true, false, true},
		{"own head", fstest.MapFS{"layouts/partials/head.html": {Data: []byte(`<meta name="x">`)}}, false, true, false},
		{"own pager", fstest.MapFS{"layouts/partials/pager.html": {Data: []byte(`<nav></nav>`)}}, true, true, false},
		{"own list page", fstest.MapFS{"layouts/list.html": {Data: []byte(`{{define "main"}}{{.Title}}{{end}}`)}}, true, true, false},
		{"a partial that redefines another", fstest.MapFS{"layouts/partials/zz.html": {Data: []byte(`{{define "partials/topics.html"}}topics{{end}}`)}}, false, false, true},
		{"own footer, which partialCached runs", fstest.MapFS{"layouts/partials/footer.html": {Data: []byte(`<footer>x</footer>`)}}, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRenderer(t, testConfig(t), tt.layouts)
			brief, cards := render.Compiled(r, "brief.html"), render.Compiled(r, "")
			if brief != tt.brief || cards != tt.cards {
				t.Errorf("compiled brief page %v, card %v; want %v, %v", brief, cards, tt.brief, tt.cards)
			}
			if list, want := render.Compiled(r, "list.html"), tt.list; list != want {
				t.Errorf("compiled list page %v, want %v", list, want)
			}
		})
	}
}

func fsReadFile(name string) ([]byte, error) {
	return fs.ReadFile(themes.Default(), name)
}

func readDefault(t *testing.T, name string) []byte {
	t.Helper()
	data, err := fsReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestCompiledEscapers compares the escaping functions of compiled.go with
// html/template's on values content.Parse would refuse, such as URLs of
// other schemes.
func TestCompiledEscapers(t *testing.T) {
	for _, s := range []string{"", "plain", "<a & 'b' \"c\" + \x00>", "javascript:alert(1)", "JavaScript:x",
		"httpſ://example.com/", "HTTPS://x.org/a b/%41%zz%4", "mailto:a@b.org", "/rel:ative", "a/b:c", "x:",
		"https://x.org/é?a=1&b=2+3#f", "tab\tnew\nline\\back{}();", "data:text/html,<b>"} {
		t.Run(s, func(t *testing.T) { compareEscapers(t, s) })
	}
}

// FuzzCompiledEscapers is TestCompiledEscapers for any string.
func FuzzCompiledEscapers(f *testing.F) {
	f.Add("https://x.org/a b?c=<d>&e")
	f.Add("httpſ://x")
	f.Fuzz(compareEscapers)
}

func compareEscapers(t *testing.T, s string) {
	for _, tt := range []struct{ name, tmpl, got string }{
		{"text", `{{.}}`, render.Escape(s)},
		{"attribute", `<p title="{{.}}">`, `<p title="` + render.Escape(s) + `">`},
		{"URL attribute", `<a href="{{.}}">`, `<a href="` + render.EscapeURL(s) + `">`},
		{"CSS string", `<style>a[href^="{{.}}"]</style>`, `<style>a[href^="` + render.EscapeCSSURL(s) + `"]</style>`},
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

// FuzzCompiledMatchesTemplates renders a brief with arbitrary values both
// ways and wants the same bytes.
func FuzzCompiledMatchesTemplates(f *testing.F) {
	f.Add("Title", "Summary", "Author", "Topic", "photo.jpg", "Alt", "Credit", "Caption", "Link", "https://example.com/x", "Fix", false)
	f.Add("<a & \"b\">", "'+'", "A <b>", "X+Y", "https://x.org/a b?c=<d>&e", "\"alt\"", "&amp;", "", "<l>", "javascript:x", "", true)
	f.Add("é\u0000", "", "", "", "", "", "", "", "", "%41%zz%4", "", false)
	// One pair of Renderers for every input: loading the theme is most of
	// the time of one.
	cfg := testConfig(f)
	compiled, templated := renderersBothWays(f, cfg)
	f.Fuzz(func(t *testing.T, title, summary, author, topic, photo, alt, credit, caption, linkTitle, linkURL, correction string, preview bool) {
		q := func(s string) string { return tomlString(s) }
		var fm strings.Builder
		fmt.Fprintf(&fm, "+++\ntitle = %s\ndate = 2026-06-01T10:00:00-04:00\nsummary = %s\n", q(title), q(summary))
		fmt.Fprintf(&fm, "authors = [%s]\ntopics = [%s]\n", q(author), q(topic))
		if photo != "" {
			fmt.Fprintf(&fm, "[photo]\nsrc = %s\nalt = %s\ncredit = %s\ncaption = %s\n", q(photo), q(alt), q(credit), q(caption))
		}
		fmt.Fprintf(&fm, "[[go_deeper]]\ntitle = %s\nurl = %s\n", q(linkTitle), q(linkURL))
		if correction != "" {
			fmt.Fprintf(&fm, "[[corrections]]\ndate = 2026-06-02T10:00:00-04:00\ntext = %s\n", q(correction))
		}
		fm.WriteString("+++\nThe body.\n")
		files := map[string]string{"content/briefs/fuzz/index.md": fm.String()}
		s, ok := tryNewSite(cfg, files, site.Options{Drafts: preview})
		if !ok {
			return // not a valid brief: nothing to render
		}
		s.Preview = preview
		compareRendered(t, compiled, templated, s)
	})
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// TestCompiledErrors checks that a brief page written in Go fails as its
// template does when a partial it runs through partialCached fails.
func TestCompiledErrors(t *testing.T) {
	for _, partial := range []string{"header", "footer", "feeds"} {
		t.Run(partial, func(t *testing.T) {
			cfg := testConfig(t)
			layouts := fstest.MapFS{"layouts/partials/" + partial + ".html": {Data: []byte(`{{.Missing}}`)}}
			r := newRenderer(t, cfg, layouts)
			if !render.Compiled(r, "brief.html") {
				t.Fatal("the brief page is not compiled")
			}
			s := newSite(t, cfg, briefs, site.Options{})
			for _, j := range r.Plan(s) {
				if j.Path != "briefs/minister-declines/index.html" {
					continue
				}
				if _, err := j.Render(); err == nil || !strings.Contains(err.Error(), "Missing") {
					t.Errorf("Render() error = %v, want the partial's", err)
				}
				return
			}
			t.Fatal("no brief page planned")
		})
	}
}
