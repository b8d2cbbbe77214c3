package serve

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// TestRebuildTranslations edits the site's translation files while a
// browser listens: each save reloads the pages with the new words, a
// broken file is an error at its line while the last good site stays up,
// and removing the file brings the theme's words back.
func TestRebuildTranslations(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, nil)
	good := s.checkMatchesBuild(nil)
	events := s.connectEvents()
	events.expect("hello")

	steps := []struct {
		name         string
		change       func()
		target, want string
	}{
		{"a site's translation file appears", func() {
			if err := os.Mkdir(filepath.Join(dir, "i18n"), 0o755); err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, "i18n/en.toml", "latest_briefs = \"Top stories\"\n")
		}, "", "Top stories"},
		{"a string edited", func() {
			saveFile(t, dir, "i18n/en.toml", "latest_briefs = \"Newest stories\"\nfiled_under = \"More on\"\n")
		}, "briefs/alpha/", "More on"},
		{"a theme's translation file", func() {
			writeFile(t, dir, "themes/default/i18n/en.toml", "all_topics = \"Every topic\"\n")
		}, "search/", "Every topic"},
	}
	for _, step := range steps {
		ok := t.Run(step.name, func(t *testing.T) {
			s := s.with(t)
			step.change()
			s.waitForPage(step.target, step.want)
			if ev := events.skipTo("reload"); len(ev.Paths) == 0 {
				t.Errorf("reload event without paths: %+v", ev)
			}
			good = s.checkMatchesBuild(good)
		})
		if !ok {
			t.Fatalf("stopping after the failed step %q", step.name)
		}
	}

	// Broken: an error at the file's line, the last good pages stay.
	saveFile(t, dir, "i18n/en.toml", "latest_briefs = \"Newest stories\"\nfiled_under = 3\n")
	ev := events.expect("reload", "error")
	for ev.Kind == "reload" {
		ev = events.expect("reload", "error")
	}
	if len(ev.Errors) == 0 || ev.Errors[0].Pos != "i18n/en.toml:2:1" {
		t.Errorf("error event %+v, want one at i18n/en.toml:2:1", ev)
	}
	if d := s.servedDiff(good); d != "" {
		t.Errorf("after a broken translation file the served site is not the last good one: %s", d)
	}

	// Removed: the theme's own words again.
	if err := os.RemoveAll(filepath.Join(dir, "i18n")); err != nil {
		t.Fatal(err)
	}
	events.expect("ok")
	s.waitForPage("", "Latest briefs")
	if r := s.get("briefs/alpha/"); r.status != http.StatusOK || !bytes.Contains(r.body, []byte("Filed under")) {
		t.Errorf("briefs/alpha/ after the site's translations went: status %d, want the theme's Filed under", r.status)
	}
	s.checkMatchesBuild(good)
}
