package serve

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// The preview shows the site as it is at each moment: when a scheduled
// brief's publish_at comes, the server builds again without any file
// changing, the brief's page appears and open pages reload; when its
// expires time comes, the brief leaves the site the same way.
func TestScheduleRebuilds(t *testing.T) {
	dir := newSite(t)
	// The preview's clock runs from testNow at the speed of the real one.
	started := time.Now()
	clock := func() time.Time { return testNow.Add(time.Since(started)) }
	live := testNow.Add(1500 * time.Millisecond)
	gone := live.Add(1500 * time.Millisecond)
	writeFile(t, dir, "content/briefs/delta.md", `+++
title = "Delta harbour opens at dawn"
date = 2026-06-01T09:00:00Z
publish_at = `+live.Format(time.RFC3339Nano)+`
expires = `+gone.Format(time.RFC3339Nano)+`
authors = ["Dana Whitfield"]
topics = ["council"]
+++
The harbour opened to ships at dawn.
`)
	s := start(t, dir, func(o *Options) { o.Now = clock })
	events := s.connectEvents()
	events.expect("hello")
	if r := s.get("/briefs/delta/"); r.status != http.StatusNotFound {
		t.Fatalf("before publish_at: %s", http.StatusText(r.status))
	}
	builds := s.Rebuilds()

	ev := events.skipTo("reload")
	if !slices.Contains(ev.Paths, "/briefs/delta/") && !slices.Contains(ev.Paths, "*") {
		t.Errorf("reload when delta went live: paths %q, want /briefs/delta/", ev.Paths)
	}
	if clock().Before(live) {
		t.Errorf("reloaded at %s, before publish_at %s", clock().Format(time.RFC3339Nano), live.Format(time.RFC3339Nano))
	}
	s.waitForPage("/briefs/delta/", "Delta harbour opens at dawn")
	if s.Rebuilds() != builds+1 {
		t.Errorf("%d builds when delta went live, want 1", s.Rebuilds()-builds)
	}
	if !strings.Contains(s.log.String(), "The schedule changed what the site shows") {
		t.Errorf("the log does not say why the site was built again:\n%s", s.log)
	}

	events.skipTo("reload")
	if clock().Before(gone) {
		t.Errorf("reloaded at %s, before expires %s", clock().Format(time.RFC3339Nano), gone.Format(time.RFC3339Nano))
	}
	// The address stays, with a page that says the brief was taken down.
	waitFor(t, waitChange, "delta's page to go", func() (bool, string) {
		r := s.get("/briefs/delta/")
		return !strings.Contains(string(r.body), "Delta harbour"), "status " + http.StatusText(r.status)
	})
}
