package serve

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/livereload"
)

// brokenLine is a typo of a front matter key; breakAlpha puts it on line 3
// of alpha.md.
const (
	brokenLine = `titel = "Alpha council votes"`
	brokenPos  = "content/briefs/alpha.md:3:1"
)

// breakAlpha returns alpha.md with an unknown front matter key on line 3
// and the sentence after "Why this matters" changed to body.
func breakAlpha(t *testing.T, alpha, body string) string {
	t.Helper()
	lines := strings.SplitAfter(alpha, "\n")
	if !strings.HasPrefix(lines[1], "title = ") {
		t.Fatalf("alpha.md line 2 is %q, want the title", lines[1])
	}
	const lead = "**Why this matters:** "
	for i, l := range lines {
		if strings.HasPrefix(l, lead) {
			lines[i] = lead + body + "\n"
		}
	}
	return strings.Join(slices.Insert(lines, 2, brokenLine+"\n"), "")
}

// checkProblem checks the error event of a broken alpha.md.
func checkProblem(t *testing.T, ev livereload.Event) {
	t.Helper()
	if len(ev.Errors) == 0 {
		t.Fatalf("error event without errors: %+v", ev)
	}
	p := ev.Errors[0]
	if p.Pos != brokenPos {
		t.Errorf("errors[0].pos = %q, want %q", p.Pos, brokenPos)
	}
	if !strings.Contains(p.Message, `"titel"`) {
		t.Errorf("errors[0].message = %q, want it to name the key \"titel\"", p.Message)
	}
	var focus []livereload.SourceLine
	for _, l := range p.Lines {
		if l.Focus {
			focus = append(focus, l)
		}
	}
	if len(focus) != 1 || focus[0].N != 3 || focus[0].Text != brokenLine {
		t.Errorf("errors[0].lines focus on %+v, want line 3 %q; lines: %+v", focus, brokenLine, p.Lines)
	}
}

// TestBuildErrors breaks a brief while a browser listens: the last good
// site stays up, the browser is told where the error is, and once the
// brief is fixed, that the site is good again and which pages to reload.
func TestBuildErrors(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, nil)
	good := s.checkMatchesBuild(nil)
	events := s.connectEvents()
	events.expect("hello")
	// A good change first, to learn the number of a good build: that of
	// its last reload event (the edited page may have one of its own).
	saveFile(t, dir, "content/briefs/beta.md", replace(t, readFile(t, dir, "content/briefs/beta.md"), "Tuesday", "Wednesday"))
	lastGood := events.skipTo("reload").Build
	good = s.checkMatchesBuild(good)

	alpha := readFile(t, dir, "content/briefs/alpha.md")
	saveFile(t, dir, "content/briefs/alpha.md", breakAlpha(t, alpha, "Broken sentence 1."))
	ev := events.expect("reload", "error")
	for ev.Kind == "reload" {
		lastGood = ev.Build
		ev = events.expect("reload", "error")
	}
	checkProblem(t, ev)
	if ev.Build != lastGood {
		t.Errorf("error event: build %d, want the last good build %d", ev.Build, lastGood)
	}
	// Every page is still the last good one.
	if d := s.servedDiff(good); d != "" {
		t.Errorf("after a failed rebuild the served site is not the last good one: %s", d)
	}

	// The same error saved twice more, with other text around it: the log
	// reports it once, browsers hear of it every time.
	for _, body := range []string{"Broken sentence 2.", "Broken sentence 3."} {
		before := s.Rebuilds()
		saveFile(t, dir, "content/briefs/alpha.md", breakAlpha(t, alpha, body))
		checkProblem(t, events.expect("error"))
		if s.Rebuilds() == before {
			t.Errorf("an error event came without a rebuild")
		}
	}
	if r := s.get("briefs/alpha/"); !bytes.Contains(r.body, []byte("Alpha sentence one.")) || bytes.Contains(r.body, []byte("Broken sentence")) {
		t.Errorf("briefs/alpha/ after three failed rebuilds is not the last good page:\n%s", r.body)
	}
	log := s.log.String()
	if n := strings.Count(log, brokenPos); n != 1 {
		t.Errorf("the log names %s %d times, want once:\n%s", brokenPos, n, log)
	}
	if !strings.Contains(log, `unknown front matter key "titel"`) {
		t.Errorf("the log does not give the error's message:\n%s", log)
	}

	// A browser that connects now learns of the error at once.
	late := s.connectEvents()
	late.expect("hello")
	checkProblem(t, late.expect("error"))

	// Fixed, with new text: good again, then reload.
	saveFile(t, dir, "content/briefs/alpha.md", replace(t, alpha, "Alpha sentence one.", "Alpha sentence fixed."))
	for _, es := range []*eventStream{events, late} {
		ok := es.expect("ok")
		reload := es.expect("reload")
		if !slices.Contains(reload.Paths, "/briefs/alpha/") {
			t.Errorf("reload after the fix: paths %q, want /briefs/alpha/", reload.Paths)
		}
		if ok.Build != reload.Build || ok.Build <= lastGood {
			t.Errorf("ok for build %d, reload for %d, want the same, after %d", ok.Build, reload.Build, lastGood)
		}
	}
	s.waitForPage("briefs/alpha/", "Alpha sentence fixed.")
	s.checkMatchesBuild(good)

	// Broken again with the same error: the log reports it again, as it
	// is news after the good build.
	saveFile(t, dir, "content/briefs/alpha.md", breakAlpha(t, alpha, "Broken sentence 4."))
	checkProblem(t, events.expect("error"))
	if n := strings.Count(s.log.String(), brokenPos); n != 2 {
		t.Errorf("after fixing and breaking again, the log names %s %d times, want twice:\n%s", brokenPos, n, s.log)
	}
}

// TestFirstBuildFails starts on a broken site: the server still starts and
// serves an error page that shows the errors, and recovers once fixed.
func TestFirstBuildFails(t *testing.T) {
	dir := newSite(t)
	alpha := readFile(t, dir, "content/briefs/alpha.md")
	writeFile(t, dir, "content/briefs/alpha.md", breakAlpha(t, alpha, "Broken sentence."))
	s := start(t, dir, nil)

	for _, target := range []string{"", "briefs/alpha/", "briefs/beta/", "no/such/page/"} {
		r := s.get(target)
		if r.status != http.StatusInternalServerError {
			t.Errorf("GET %s before any good build: %d, want 500", target, r.status)
		}
		if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q, want HTML", target, ct)
		}
		if !bytes.Contains(r.body, scriptTag) {
			t.Errorf("GET %s: the error page has no live-reload script:\n%s", target, r.body)
		}
	}
	if r := s.get("/__briefs/livereload.js"); r.status != http.StatusOK {
		t.Errorf("GET /__briefs/livereload.js before any good build: %d", r.status)
	}
	if n := strings.Count(s.log.String(), brokenPos); n != 1 {
		t.Errorf("the log names %s %d times, want once:\n%s", brokenPos, n, s.log)
	}

	events := s.connectEvents()
	events.expect("hello")
	checkProblem(t, events.expect("error"))

	writeFile(t, dir, "content/briefs/alpha.md", alpha)
	events.skipTo("ok")
	if reload := events.expect("reload"); !slices.Equal(reload.Paths, []string{"*"}) {
		t.Errorf("reload after the first good build: paths %q, want [*]", reload.Paths)
	}
	s.waitForPage("briefs/alpha/", "Alpha sentence one.")
	s.checkMatchesBuild(nil)
}

// TestHelloBuild checks that a browser connecting after the first build is
// told that build's number, which later events name as the last good one.
func TestHelloBuild(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, nil)
	events := s.connectEvents()
	hello := events.expect("hello")
	saveFile(t, dir, "content/briefs/alpha.md", breakAlpha(t, readFile(t, dir, "content/briefs/alpha.md"), "Broken."))
	if ev := events.skipTo("error"); ev.Build != hello.Build {
		t.Errorf("hello after the first build: build %d; the error event after it names %d as the last good build", hello.Build, ev.Build)
	}
}

// TestHelloAfterRestart restarts the server after the site changed: a browser that reconnects must be told of a build it has not
// seen, or it keeps showing the page from before (livereload.js reloads
// when the hello's build differs from the last one it knew).
func TestHelloAfterRestart(t *testing.T) {
	dir := newSite(t)
	first := start(t, dir, nil)
	before := first.connectEvents().expect("hello")
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	saveFile(t, dir, "content/briefs/alpha.md", replace(t, readFile(t, dir, "content/briefs/alpha.md"), "Alpha sentence one.", "Changed while stopped."))
	// Another port, so that no other process can take it meanwhile; the
	// build numbers are what matters.
	second := start(t, dir, nil)
	second.waitForPage("briefs/alpha/", "Changed while stopped.")
	if after := second.connectEvents().expect("hello"); after.Build == before.Build {
		t.Errorf("hello from the restarted server: build %d, the same as before the restart", after.Build)
	}
}
