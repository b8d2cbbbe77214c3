package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/watch"
	"github.com/briefs-dev/briefs/themes"
)

// themeFile reads a file of the embedded default theme.
func themeFile(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(themes.Default(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

const deltaBrief = `+++
title = "Delta ferry timetable changes"
date = 2026-06-03T12:00:00Z
authors = ["Sam Ortiz"]
topics = ["transport"]
+++
Ferries will leave every half hour from Monday.

**Why this matters:** Delta sentence.
`

const epsilonBrief = `+++
title = "Epsilon library extends its hours"
date = 2026-06-03T15:00:00Z
authors = ["Lee Park"]
topics = ["culture"]
[photo]
src = "shelves.svg"
alt = "Library shelves"
credit = "Test Photographer"
+++
The library will open on Sundays.

**Why this matters:** Epsilon sentence.
`

const zetaBrief = `+++
title = "Zeta market moves indoors"
date = 2026-06-03T16:00:00Z
authors = ["Lee Park"]
topics = ["market"]
+++
The market moves into the old depot.

**Why this matters:** Zeta sentence.
`

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>
`

// TestRebuild edits the site in every way an editor or designer does and
// checks each time that the served site becomes exactly a full build of it.
func TestRebuild(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, nil)
	files := s.checkMatchesBuild(nil)

	steps := []struct {
		name   string
		change func()
		target string // a page to wait for
		want   string // what it shows after the change
		gone   string // a page that must 404 after the change
	}{
		{
			name: "edit a brief in place",
			change: func() {
				writeFile(t, dir, "content/briefs/alpha.md", replace(t, readFile(t, dir, "content/briefs/alpha.md"), "Alpha sentence one.", "Alpha sentence two."))
			},
			target: "briefs/alpha/", want: "Alpha sentence two.",
		},
		{
			name: "save a brief by renaming over it",
			change: func() {
				saveFile(t, dir, "content/briefs/alpha.md", replace(t, readFile(t, dir, "content/briefs/alpha.md"), "Alpha sentence two.", "Alpha sentence three."))
			},
			target: "briefs/alpha/", want: "Alpha sentence three.",
		},
		{
			name:   "create a brief",
			change: func() { writeFile(t, dir, "content/briefs/delta.md", deltaBrief) },
			target: "briefs/delta/", want: "Delta sentence.",
		},
		{
			name: "create a page bundle",
			change: func() {
				if err := os.Mkdir(filepath.Join(dir, "content", "briefs", "epsilon"), 0o755); err != nil {
					t.Fatal(err)
				}
				writeFile(t, dir, "content/briefs/epsilon/shelves.svg", svg)
				writeFile(t, dir, "content/briefs/epsilon/index.md", epsilonBrief)
			},
			target: "briefs/epsilon/", want: "Epsilon sentence.",
		},
		{
			name: "move a finished page bundle in",
			change: func() {
				// Written outside the site, then moved in whole, as mv does.
				outside := filepath.Join(filepath.Dir(dir), "zeta")
				writeFile(t, filepath.Dir(dir), "zeta/index.md", zetaBrief)
				writeFile(t, filepath.Dir(dir), "zeta/stall.svg", svg)
				if err := os.Rename(outside, filepath.Join(dir, "content", "briefs", "zeta")); err != nil {
					t.Fatal(err)
				}
			},
			target: "briefs/zeta/stall.svg", want: "<circle",
		},
		{
			name: "delete a brief",
			change: func() {
				if err := os.Remove(filepath.Join(dir, "content", "briefs", "beta.md")); err != nil {
					t.Fatal(err)
				}
			},
			target: "", want: "Delta ferry", gone: "briefs/beta/",
		},
		{
			name: "override a theme partial in layouts/",
			change: func() {
				footer := themeFile(t, "layouts/partials/footer.html")
				writeFile(t, dir, "layouts/partials/footer.html", footer+`<p class="override">Footer override one</p>`+"\n")
			},
			target: "briefs/alpha/", want: "Footer override one",
		},
		{
			name: "edit the partial override",
			change: func() {
				saveFile(t, dir, "layouts/partials/footer.html", replace(t, readFile(t, dir, "layouts/partials/footer.html"), "Footer override one", "Footer override two"))
			},
			target: "topics/", want: "Footer override two",
		},
		{
			name: "override a theme page in layouts/",
			change: func() {
				page := themeFile(t, "layouts/404.html")
				writeFile(t, dir, "layouts/404.html", replace(t, page, `{{T "page_not_found"}}`, "Nothing here, override"))
			},
			target: "404.html", want: "Nothing here, override",
		},
		{
			name: "delete the page override",
			change: func() {
				if err := os.Remove(filepath.Join(dir, "layouts", "404.html")); err != nil {
					t.Fatal(err)
				}
			},
			target: "404.html", want: "Page not found",
		},
		{
			name: "edit static CSS",
			change: func() {
				writeFile(t, dir, "static/css/extra.css", ".extra { color: rgb(4, 5, 6); }\n")
			},
			target: "css/extra.css", want: "rgb(4, 5, 6)",
		},
		{
			name:   "add a static file",
			change: func() { writeFile(t, dir, "static/css/more/new.css", ".new { margin: 0 }\n") },
			target: "css/more/new.css", want: ".new",
		},
		{
			name: "override the theme's stylesheet",
			change: func() {
				writeFile(t, dir, "themes/default/assets/style.css", themeFile(t, "assets/style.css")+"\n.theme-override { color: red }\n")
			},
			target: "assets/style.css", want: ".theme-override",
		},
		{
			name: "delete a static file",
			change: func() {
				if err := os.RemoveAll(filepath.Join(dir, "static", "css", "more")); err != nil {
					t.Fatal(err)
				}
			},
			target: "css/extra.css", want: "rgb(4, 5, 6)", gone: "css/more/new.css",
		},
		{
			name: "delete a page bundle",
			change: func() {
				if err := os.RemoveAll(filepath.Join(dir, "content", "briefs", "epsilon")); err != nil {
					t.Fatal(err)
				}
			},
			target: "", want: "Zeta market", gone: "briefs/epsilon/shelves.svg",
		},
		{
			name: "edit config.toml",
			change: func() {
				saveFile(t, dir, "config.toml", replace(t, readFile(t, dir, "config.toml"), `title = "Test Briefs"`, `title = "Renamed Briefs"`))
			},
			target: "briefs/delta/", want: "Renamed Briefs",
		},
	}
	for _, step := range steps {
		ok := t.Run(step.name, func(t *testing.T) {
			s := s.with(t)
			step.change()
			s.waitForPage(step.target, step.want)
			if step.gone != "" {
				s.waitForStatus(step.gone, http.StatusNotFound)
			}
			files = s.checkMatchesBuild(files)
		})
		if !ok {
			t.Fatalf("stopping after the failed step %q: the ones after it build on it", step.name)
		}
	}
}

// TestRebuildRenamedBrief renames a brief's file, which moves its page:
// every list that links to it must link to the new URL.
func TestRebuildRenamedBrief(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, nil)
	files := s.checkMatchesBuild(nil)
	if err := os.Rename(filepath.Join(dir, "content", "briefs", "beta.md"), filepath.Join(dir, "content", "briefs", "beta-bridge.md")); err != nil {
		t.Fatal(err)
	}
	s.waitForPage("briefs/beta-bridge/", "Commuters lose twenty minutes a day.")
	s.waitForStatus("briefs/beta/", http.StatusNotFound)
	s.checkMatchesBuild(files)
}

// TestBurst saves one file three times in a row, as some editors do: the
// watcher must coalesce the writes into one rebuild.
func TestBurst(t *testing.T) {
	dir := newSite(t)
	// A longer quiet period than the other tests: the three writes below
	// must fall into one batch even when this machine is busy.
	const burstDebounce = 250 * time.Millisecond
	s := start(t, dir, func(o *Options) { o.Debounce = burstDebounce })
	if got := s.Rebuilds(); got != 1 {
		t.Fatalf("Rebuilds() after Start = %d, want 1", got)
	}
	// Nothing changed yet: no rebuild may come.
	time.Sleep(waitQuiet)
	if got := s.Rebuilds(); got != 1 {
		t.Fatalf("Rebuilds() with no change = %d, want 1", got)
	}

	orig := readFile(t, dir, "content/briefs/alpha.md")
	for i, text := range []string{"Burst one.", "Burst two.", "Burst three."} {
		next := replace(t, orig, "Alpha sentence one.", text)
		if i%2 == 0 {
			writeFile(t, dir, "content/briefs/alpha.md", next)
		} else {
			saveFile(t, dir, "content/briefs/alpha.md", next)
		}
	}
	s.waitForPage("briefs/alpha/", "Burst three.")
	time.Sleep(waitQuiet + 2*burstDebounce)
	if got := s.Rebuilds(); got != 2 {
		t.Errorf("Rebuilds() after three quick writes = %d, want 2 (the first build and one rebuild)", got)
	}
	if log := s.log.String(); strings.Count(log, "Rebuilt") != 1 {
		t.Errorf("the log reports %d rebuilds, want 1:\n%s", strings.Count(log, "Rebuilt"), log)
	}
	s.checkMatchesBuild(nil)
}

// TestReloadEvents checks what browsers are told after each kind of change.
func TestReloadEvents(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, nil)
	events := s.connectEvents()
	events.expect("hello")

	// A brief's text: its page and the lists showing it reload.
	saveFile(t, dir, "content/briefs/alpha.md", replace(t, readFile(t, dir, "content/briefs/alpha.md"), "Alpha sentence one.", "Alpha sentence two."))
	ev := events.skipTo("reload")
	if !slices.Contains(ev.Paths, "/briefs/alpha/") || slices.Contains(ev.Paths, "*") {
		t.Errorf("reload after editing alpha.md: paths %q, want /briefs/alpha/ and no *", ev.Paths)
	}
	if slices.Contains(ev.Paths, "/briefs/beta/") {
		t.Errorf("reload after editing alpha.md lists /briefs/beta/, which did not change: %q", ev.Paths)
	}
	last := ev.Build

	// The theme's stylesheet alone: restyle, no reload.
	writeFile(t, dir, "themes/default/assets/style.css", themeFile(t, "assets/style.css")+"\n.x { color: red }\n")
	ev = events.skipTo("css")
	if ev.Build <= last {
		t.Errorf("css event for build %d after reload for build %d: builds must grow", ev.Build, last)
	}
	if !slices.Equal(ev.Paths, []string{"/assets/style.css"}) {
		t.Errorf("css event: paths %q, want [/assets/style.css]", ev.Paths)
	}

	// A photo: every page reloads, as any may show it.
	writeFile(t, dir, "content/briefs/gamma/crane.svg", svg)
	ev = events.skipTo("reload")
	if !slices.Equal(ev.Paths, []string{"*"}) {
		t.Errorf("reload after a photo change: paths %q, want [*]", ev.Paths)
	}
}

// TestWatchOverflow: when the watcher reports that the system dropped
// change events, the server builds the site again from every file.
func TestWatchOverflow(t *testing.T) {
	s := start(t, newSite(t), nil)
	before := s.Rebuilds()
	s.watchError(context.Background(), fmt.Errorf("inotify: %w", watch.ErrOverflow))
	if got := s.Rebuilds(); got != before+1 {
		t.Errorf("Rebuilds() = %d after an overflow, want %d", got, before+1)
	}
	if log := s.log.String(); !strings.Contains(log, "some were not reported") || !strings.Contains(log, "reading every file of the site again") {
		t.Errorf("the log does not tell of the overflow and the full build:\n%s", log)
	}
	// Other errors are only reported.
	s.watchError(context.Background(), errors.New("something odd"))
	if got := s.Rebuilds(); got != before+1 {
		t.Errorf("Rebuilds() = %d after another error, want %d", got, before+1)
	}
	if !strings.Contains(s.log.String(), "watch: something odd") {
		t.Errorf("the log does not show the error:\n%s", s.log)
	}
}
