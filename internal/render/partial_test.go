package render_test

import (
	"bytes"
	"io/fs"
	"maps"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/themes"
)

// uncachedBaseof is the default theme's baseof.html with every
// partialCached call made a plain template call.
func uncachedBaseof(t *testing.T) []byte {
	t.Helper()
	data, err := fs.ReadFile(themes.Default(), "layouts/baseof.html")
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`\{\{partialCached ("partials/[^"]+") \.[^}]*\}\}`)
	if !call.Match(data) {
		t.Fatal("baseof.html calls partialCached no more")
	}
	return call.ReplaceAll(data, []byte(`{{template $1 .}}`))
}

// The variants that baseof.html gives partialCached cover everything the
// header and footer show: every page is the same as when both are
// rendered afresh for it.
func TestPartialCachedVariants(t *testing.T) {
	layouts := fstest.MapFS{"layouts/baseof.html": {Data: uncachedBaseof(t)}}
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
