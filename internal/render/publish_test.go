package render_test

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/site"
)

// photoSVG is the test brief's photo: 1200×675.
const photoSVG = `<?xml version="1.0"?>
<!-- a comment before the root -->
<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"><rect width="1200" height="675"/></svg>`

// published holds the files the build publishes beside the rendered ones:
// the bundle photos of the test site.
var published = map[string][]byte{
	"briefs/minister-declines/minister.svg": []byte(photoSVG),
	"briefs/minister-declines/chart.svg":    []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"/>`),
}

// buildTime is when the test site is built: the day after the newest brief.
var buildTime = time.Date(2026, 6, 8, 12, 0, 0, 0, time.UTC)

// publishSite renders the test site as a build does, with its build time
// and its published files.
func publishSite(t testing.TB, opts site.Options, env render.Environment) (*site.Site, map[string][]byte) {
	t.Helper()
	cfg := testConfig(t)
	s := newSite(t, cfg, briefs, opts)
	r := newRenderer(t, cfg, nil)
	r.SetEnvironment(env)
	return s, renderAll(t, r, s)
}

func testEnv() render.Environment {
	return render.Environment{Now: buildTime, File: func(p string) []byte { return published[p] }}
}

// golden compares got with testdata/golden/name, or rewrites the file with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (- golden, + rendered; go test -update to accept):\n%s", file, diff(string(want), string(got)))
	}
}

// The keys of the publishing outputs change whenever their bytes do, with
// the build's time and files given: a rebuild reuses the bytes of a job
// whose key stayed.
func TestPublishingKeysCoverOutput(t *testing.T) {
	replace := func(path, old, new string) func(map[string]string) {
		return func(files map[string]string) {
			if !strings.Contains(files[path], old) {
				t.Fatalf("%s does not contain %q", path, old)
			}
			files[path] = strings.Replace(files[path], old, new, 1)
		}
	}
	bigger := []byte(strings.Replace(photoSVG, `width="1200"`, `width="2400"`, 1))
	tests := []struct {
		name   string
		change func(map[string]string)
		photo  []byte // the photo's bytes in the second build
		now    time.Time
		mine   bool // only the publishing outputs are compared
	}{
		{name: "lede edited", change: replace("content/briefs/minister-declines/index.md", "three times", "four times")},
		{name: "why this matters edited", change: replace("content/briefs/minister-recusal.md", "largest", "biggest")},
		{name: "correction added", change: replace("content/briefs/budget-talks.md", "summary:", "corrections:\n  - date: 2026-05-29T10:00:00-04:00\n    text: Fixed.\nsummary:")},
		{name: "summary edited", change: replace("content/briefs/budget-talks.md", "without a date", "with no date")},
		{name: "author renamed", change: replace("content/briefs/minister-recusal.md", `["Dana Whitfield"]`, `["Dana Whitfield-Ng"]`)},
		{name: "brief removed", change: func(f map[string]string) { delete(f, "content/briefs/old-news.md") }},
		{name: "later build time", change: func(map[string]string) {}, now: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)},
		// The page's og:image:width is keyed by the brief's version: see
		// the closing note of issue 4.
		{name: "photo replaced", change: func(map[string]string) {}, photo: bigger, mine: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig(t)
			r := newRenderer(t, cfg, nil)
			// Each plan is rendered at once: jobs render with the
			// environment the renderer has.
			type out struct {
				key  uint64
				data []byte
			}
			plan := func(files map[string]string, photo []byte, now time.Time) map[string]out {
				env := testEnv()
				if !now.IsZero() {
					env.Now = now
				}
				env.File = func(p string) []byte {
					if p == "briefs/minister-declines/minister.svg" && photo != nil {
						return photo
					}
					return published[p]
				}
				r.SetEnvironment(env)
				outs := map[string]out{}
				for _, j := range r.Plan(newSite(t, cfg, files, site.Options{})) {
					data, err := j.Bytes()
					if err != nil {
						t.Fatalf("rendering %s: %v", j.Path, err)
					}
					outs[j.Path] = out{j.Key, data}
				}
				return outs
			}
			before := plan(briefs, nil, time.Time{})
			next := maps.Clone(briefs)
			tt.change(next)
			after := plan(next, tt.photo, tt.now)
			changed := 0
			for _, p := range slices.Sorted(maps.Keys(after)) {
				if tt.mine && strings.HasSuffix(p, ".html") && !strings.HasPrefix(p, "editions/") && p != "search/index.html" {
					continue
				}
				a, ok := before[p]
				if !ok || a.key != after[p].key {
					changed++
					continue
				}
				if string(a.data) != string(after[p].data) {
					t.Errorf("%s: key unchanged but output differs:\n%s", p, diff(string(a.data), string(after[p].data)))
				}
			}
			if changed == 0 && tt.now.IsZero() {
				t.Errorf("no key changed")
			}
		})
	}
}
