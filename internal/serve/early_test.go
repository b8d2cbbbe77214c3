package serve

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/livereload"
)

// within returns the next event, or false when none comes within d or the
// stream ended.
func (es *eventStream) within(d time.Duration) (livereload.Event, bool) {
	select {
	case ev, ok := <-es.events:
		if ok {
			es.seen = append(es.seen, ev)
		}
		return ev, ok
	case <-time.After(d):
		return livereload.Event{}, false
	}
}

// TestEditShowsPageFirst edits a brief: the reload event of its own page
// comes first, and the page is served new by then; the pages that list the
// brief follow, without the brief's page again.
func TestEditShowsPageFirst(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, nil)
	files := s.checkMatchesBuild(nil)
	events := s.connectEvents()
	events.expect("hello")
	tests := []struct {
		name     string
		old, new string
		then     string // a page the later reload must list; "" for none
	}{
		{name: "body", old: "Alpha sentence one.", new: "Alpha sentence two."},
		{name: "title", old: "Alpha council votes on the budget", new: "Alpha council delays the budget", then: "/"},
		{name: "body again", old: "Alpha sentence two.", new: "Alpha sentence three."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := s.with(t)
			events.t = t
			saveFile(t, dir, "content/briefs/alpha.md", replace(t, readFile(t, dir, "content/briefs/alpha.md"), tt.old, tt.new))
			first := events.skipTo("reload")
			if !slices.Equal(first.Paths, []string{"/briefs/alpha/"}) {
				t.Errorf("first reload: paths %q, want [/briefs/alpha/]", first.Paths)
			}
			if r := s.get("briefs/alpha/"); !strings.Contains(string(r.body), tt.new) {
				t.Errorf("briefs/alpha/ when its reload event came does not show %q", tt.new)
			}
			sawThen := tt.then == ""
			for {
				ev, ok := events.within(waitQuiet)
				if !ok {
					break
				}
				if ev.Kind != "reload" {
					t.Errorf("event %+v after the edit's reload, want only reloads", ev)
					continue
				}
				if ev.Build <= first.Build {
					t.Errorf("later reload of build %d after the page's of build %d: builds must grow", ev.Build, first.Build)
				}
				if slices.Contains(ev.Paths, "/briefs/alpha/") {
					t.Errorf("later reload %q lists the edited page again", ev.Paths)
				}
				sawThen = sawThen || slices.Contains(ev.Paths, tt.then)
			}
			if !sawThen {
				t.Errorf("no reload of %s after the edit; events: %+v", tt.then, events.seen)
			}
			files = s.checkMatchesBuild(files)
		})
	}
}

// TestErrorsStayUntilFixed breaks the site, then edits another file: the
// rebuild must fail again, not hide the error, until the break is fixed;
// then the site has both changes.
func TestErrorsStayUntilFixed(t *testing.T) {
	const footer = "layouts/partials/footer.html"
	tests := []struct {
		name         string
		brk, fix     func(t *testing.T, dir string)
		edit         string // the file edited while the site is broken
		old, new     string
		page, showed string // a page to wait for after the fix, and its text
	}{
		{
			name: "broken brief",
			brk: func(t *testing.T, dir string) {
				saveFile(t, dir, "content/briefs/alpha.md", breakAlpha(t, readFile(t, dir, "content/briefs/alpha.md"), "Broken."))
			},
			fix: func(t *testing.T, dir string) {
				saveFile(t, dir, "content/briefs/alpha.md", strings.Replace(readFile(t, dir, "content/briefs/alpha.md"), brokenLine+"\n", "", 1))
			},
			edit: "content/briefs/beta.md", old: "Tuesday", new: "Thursday",
			page: "briefs/alpha/", showed: "Broken.",
		},
		{
			name: "broken template",
			brk: func(t *testing.T, dir string) {
				writeFile(t, dir, footer, "<footer>{{ .Broken </footer>\n")
			},
			fix: func(t *testing.T, dir string) {
				if err := os.Remove(filepath.Join(dir, filepath.FromSlash(footer))); err != nil {
					t.Fatal(err)
				}
			},
			edit: "content/briefs/alpha.md", old: "Alpha sentence one.", new: "Alpha sentence edited.",
			page: "briefs/alpha/", showed: "Alpha sentence edited.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newSite(t)
			s := start(t, dir, nil)
			files := s.checkMatchesBuild(nil)
			events := s.connectEvents()
			events.expect("hello")

			tt.brk(t, dir)
			events.skipTo("error")
			saveFile(t, dir, tt.edit, replace(t, readFile(t, dir, tt.edit), tt.old, tt.new))
			if ev := events.expect("error"); len(ev.Errors) == 0 {
				t.Errorf("error event without errors after the other edit")
			}
			if d := s.servedDiff(files); d != "" {
				t.Errorf("while broken, the served site is not the last good one: %s", d)
			}

			tt.fix(t, dir)
			events.expect("ok")
			s.waitForPage(tt.page, tt.showed)
			s.checkMatchesBuild(files)
			if !strings.Contains(readFile(t, dir, tt.edit), tt.new) {
				t.Fatal("the edit is lost")
			}
		})
	}
}
