package render_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/themes"
)

// uncachedLayouts are the default theme's templates that call
// partialCached, overridden by copies that make each call a plain
// template call.
func uncachedLayouts(t *testing.T) fstest.MapFS {
	t.Helper()
	call := regexp.MustCompile(`(\{\{-? *)partialCached ("partials/[^"]+") (\.|\$\w+)[^}]*?( -)?\}\}`)
	layouts := fstest.MapFS{}
	err := fs.WalkDir(themes.Default(), "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		if err == nil && call.Match(data) {
			layouts[p] = &fstest.MapFile{Data: call.ReplaceAll(data, []byte(`${1}template $2 $3$4}}`))}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"layouts/baseof.html", "layouts/partials/head.html", "layouts/partials/head-assets.html",
		"layouts/partials/topics.html", "layouts/partials/byline.html"} {
		if layouts[p] == nil {
			t.Errorf("%s calls partialCached no more", p)
		}
	}
	return layouts
}

// The variants that the default theme gives partialCached cover
// everything the header, the footer and the feed links show: every page is
// the same as when they are rendered afresh for it.
func TestPartialCachedVariants(t *testing.T) {
	layouts := uncachedLayouts(t)
	for _, tt := range []struct {
		name    string
		opts    site.Options
		preview bool
	}{
		{"published", site.Options{}, false},
		{"preview", site.Options{Drafts: true, Future: true}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig(t)
			s := newSite(t, cfg, briefs, tt.opts)
			s.Preview = tt.preview
			cached := renderAll(t, newRenderer(t, cfg, nil), s)
			afresh := renderAll(t, newRenderer(t, cfg, layouts), s)
			for _, p := range sortedPaths(afresh, ".html") {
				if !bytes.Equal(cached[p], afresh[p]) {
					t.Errorf("%s differs from the page with its partials rendered afresh (- afresh, + cached):\n%s",
						p, diff(string(afresh[p]), string(cached[p])))
				}
			}
		})
	}
}

// A partial that a site overrides on its own is not cached: the default
// baseof.html's variants say nothing of what the site's partial shows.
func TestPartialCachedOverride(t *testing.T) {
	cfg := testConfig(t)
	s := newSite(t, cfg, briefs, site.Options{})
	layouts := fstest.MapFS{
		"layouts/partials/header.html": {Data: []byte(`<header>Header of {{.Path}}</header>`)},
	}
	files := renderAll(t, newRenderer(t, cfg, layouts), s)
	for _, p := range sortedPaths(files, ".html") {
		if strings.HasPrefix(p, "editions/") {
			continue
		}
		want := "<header>Header of " + strings.TrimSuffix(strings.TrimSuffix(p, "index.html"), "404.html") + "</header>"
		if p == "404.html" {
			want = "<header>Header of 404.html</header>"
		}
		if !bytes.Contains(files[p], []byte(want)) {
			t.Errorf("%s: no %s", p, want)
		}
	}
}

// A Renderer planning a site whose header topics changed renders the new
// header, not the cached one.
func TestPartialCachedNewPlan(t *testing.T) {
	cfg := testConfig(t)
	r := newRenderer(t, cfg, nil)
	first := newSite(t, cfg, briefs, site.Options{})
	renderAll(t, r, first)

	more := maps.Clone(briefs)
	for _, slug := range []string{"a", "b", "c"} {
		more["content/briefs/extra-"+slug+".md"] = "+++\ntitle = \"Extra " + slug + "\"\ndate = 2026-06-01T10:00:00Z\ntopics = [\"Brand New Topic\"]\n+++\nBody.\n"
	}
	second := newSite(t, cfg, more, site.Options{})
	got := renderAll(t, r, second)
	want := renderAll(t, newRenderer(t, cfg, nil), second)
	if !bytes.Contains(want["index.html"], []byte("Brand New Topic")) {
		t.Fatal("the new topic is not in the header: the test site needs more briefs of it")
	}
	for _, p := range sortedPaths(want, ".html") {
		if !bytes.Equal(got[p], want[p]) {
			t.Errorf("%s differs from a fresh Renderer's (- fresh, + reused):\n%s", p, diff(string(want[p]), string(got[p])))
		}
	}
}

// A topic outside the header renamed (another spelling of the same slug)
// between two plans with the same header shows its new name on its page:
// the feed links' variants name the term.
func TestPartialCachedRenamedTerm(t *testing.T) {
	cfg := testConfig(t)
	files := func(spelling string) map[string]string {
		m := map[string]string{}
		for i, topic := range []string{"A", "A", "B", "B", "C", "C", "D", "D", "E", "E", "F", "F", spelling} {
			m[fmt.Sprintf("content/briefs/b%02d.md", i)] = fmt.Sprintf(
				"+++\ntitle = \"Brief %d\"\ndate = 2026-05-%02dT10:00:00Z\ntopics = [%q]\n+++\nBody.\n", i, i+1, topic)
		}
		return m
	}
	r := newRenderer(t, cfg, nil)
	renderAll(t, r, newSite(t, cfg, files("Rare topic"), site.Options{}))
	second := newSite(t, cfg, files("Rare Topic"), site.Options{})
	got := renderAll(t, r, second)
	want := renderAll(t, newRenderer(t, cfg, nil), second)
	if page := want["topics/rare-topic/index.html"]; !bytes.Contains(page, []byte("Rare Topic (RSS)")) {
		t.Fatalf("the renamed topic's page has no feed of its new name:\n%s", page)
	}
	for _, p := range sortedPaths(want, ".html") {
		if !bytes.Equal(got[p], want[p]) {
			t.Errorf("%s differs from a fresh Renderer's (- fresh, + reused):\n%s", p, diff(string(want[p]), string(got[p])))
		}
	}
}

// A partial that a site overrides on its own is cached when it reads of
// the page only what every page shares, and rendered afresh when it reads
// more.
func TestPartialCachedOverrideSiteWide(t *testing.T) {
	cfg := testConfig(t)
	s := newSite(t, cfg, briefs, site.Options{})
	layouts := fstest.MapFS{
		"layouts/partials/footer.html": {Data: []byte(`<footer>Footer of {{.Site.Config.Title}}</footer>`)},
		"layouts/partials/header.html": {Data: []byte(`<header>Header of {{.Path}}</header>`)},
	}
	r := newRenderer(t, cfg, layouts)
	files := renderAll(t, r, s)
	cached := render.CachedPartials(r)
	if !slices.Contains(cached, "partials/footer.html") {
		t.Errorf("the site's footer, which reads the configuration only, is not cached: cached %q", cached)
	}
	if slices.Contains(cached, "partials/header.html") {
		t.Errorf("the site's header, which reads the page's path, is cached")
	}
	want := "<footer>Footer of " + cfg.Title + "</footer>"
	for _, p := range sortedPaths(files, ".html") {
		if !strings.HasPrefix(p, "editions/") && !bytes.Contains(files[p], []byte(want)) {
			t.Errorf("%s: no %s", p, want)
		}
	}
}

// A site's own copy of baseof.html makes the promises of the partialCached
// calls it keeps: the theme's partials it calls are cached.
func TestPartialCachedOwnBaseof(t *testing.T) {
	cfg := testConfig(t)
	s := newSite(t, cfg, briefs, site.Options{})
	baseof, err := fs.ReadFile(themes.Default(), "layouts/baseof.html")
	if err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t, cfg, fstest.MapFS{"layouts/baseof.html": {Data: baseof}})
	got := renderAll(t, r, s)
	for _, name := range []string{"partials/header.html", "partials/footer.html", "partials/topic.html"} {
		if !slices.Contains(render.CachedPartials(r), name) {
			t.Errorf("%s is not cached", name)
		}
	}
	want := renderAll(t, newRenderer(t, cfg, nil), s)
	for _, p := range sortedPaths(want, ".html") {
		if !bytes.Equal(got[p], want[p]) {
			t.Errorf("%s differs with a copy of baseof.html (- default, + copy):\n%s", p, diff(string(want[p]), string(got[p])))
		}
	}
}
