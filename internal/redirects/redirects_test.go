package redirects

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/i18n"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/themes"
)

// testSite returns a site under a sub-path whose briefs have aliases.
func testSite(t *testing.T, redirectsFile bool) *site.Site {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/news/"
	cfg.Hosting.RedirectsFile = redirectsFile
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	fronts := map[string]string{
		"content/briefs/renamed.md": `aliases = ["/briefs/old-name/", "/2026/11/story.html"]`,
		"content/briefs/plain.md":   ``,
		"content/briefs/later.md":   `aliases = ["/briefs/later-old/"]` + "\npublish_at = 2027-01-01T00:00:00Z",
	}
	var briefs []*site.Brief
	for p, front := range fronts {
		text := fmt.Sprintf("+++\ntitle = \"T\"\ndate = 2026-11-01T09:00:00Z\n%s\n+++\nLede.\n", front)
		src, err := content.Parse(p, []byte(text), content.Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		briefs = append(briefs, site.NewBrief(src, &markdown.Result{}))
	}
	s, err := site.New(&cfg, briefs, site.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func render(t *testing.T, s *site.Site) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	cat, err := i18n.Load(i18n.Layer{FS: themes.Default(), Dir: "i18n", Name: "i18n"})
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range plan.NewPlanner(Family{Words: cat.For(s.Config.Language)}).Plan(s, 1) {
		data, err := j.Bytes()
		if err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		files[j.Path] = data
	}
	return files
}

func TestOf(t *testing.T) {
	got := Of(testSite(t, false))
	want := []Redirect{
		{From: "/news/2026/11/story.html", To: "/news/briefs/renamed/", File: "2026/11/story.html"},
		{From: "/news/briefs/old-name/", To: "/news/briefs/renamed/", File: "briefs/old-name/index.html"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Of() = %+v, want %+v", got, want)
	}
}

// Each alias is a page that parses, with the canonical link and the
// refresh to the brief's absolute URL.
func TestAliasPages(t *testing.T) {
	files := render(t, testSite(t, false))
	if got, want := slices.Sorted(maps.Keys(files)), []string{"2026/11/story.html", "briefs/old-name/index.html"}; !slices.Equal(got, want) {
		t.Fatalf("files = %q, want %q (no _redirects unless asked, nothing of a brief before its time)", got, want)
	}
	for p, data := range files {
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var canonical, refresh string
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "link" && attr["rel"] == "canonical":
				canonical = attr["href"]
			case n.Data == "meta" && strings.EqualFold(attr["http-equiv"], "refresh"):
				refresh = attr["content"]
			}
		}
		const target = "https://example.org/news/briefs/renamed/"
		if canonical != target || refresh != "0; url="+target {
			t.Errorf("%s: canonical %q, refresh %q; want %q and \"0; url=%s\"\n%s", p, canonical, refresh, target, target, data)
		}
	}
}

// _redirects lists each alias as "from to 301", as Netlify and Cloudflare
// Pages read it.
func TestRedirectsFile(t *testing.T) {
	files := render(t, testSite(t, true))
	data, ok := files[FileName]
	if !ok {
		t.Fatal("no _redirects with redirects_file = true")
	}
	line := regexp.MustCompile(`^(/\S*) (/\S*) 301$`)
	var got []string
	for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if strings.HasPrefix(l, "#") {
			continue
		}
		if !line.MatchString(l) {
			t.Errorf("line %q is not \"/from /to 301\"", l)
		}
		got = append(got, l)
	}
	want := []string{"/news/2026/11/story.html /news/briefs/renamed/ 301", "/news/briefs/old-name/ /news/briefs/renamed/ 301"}
	if !slices.Equal(got, want) {
		t.Errorf("_redirects =\n%s\nwant the lines %q", data, want)
	}
}

// The alias page's words are in the site's language.
func TestAliasPageLanguage(t *testing.T) {
	s := testSite(t, false)
	for lang, want := range map[string]string{
		"en-US": `<title>Moved</title>`,
		"es-ES": `<p>Esta noticia se ha trasladado a <a href="https://example.org/news/briefs/renamed/">https://example.org/news/briefs/renamed/</a>.</p>`,
		"de":    `<html lang="de">`,
	} {
		cfg := *s.Config
		cfg.Language = lang
		s.Config = &cfg
		page := string(render(t, s)["briefs/old-name/index.html"])
		if !strings.Contains(page, want) {
			t.Errorf("%s: alias page has no %q:\n%s", lang, want, page)
		}
	}
}
