package serve

import (
	"bytes"
	"net/http"
	"testing"
)

// hiddenBriefs are added to the test site: a draft, a brief scheduled
// after testNow, and a draft scheduled after it.
var hiddenFiles = map[string]string{
	"content/briefs/draft.md": "+++\ntitle = \"A <draft> not yet done\"\ndate = 2026-06-02T09:00:00Z\nauthors = [\"Test Desk\"]\ndraft = true\n+++\nDraft lede.\n\n**Why this matters:** It is a draft.\n",
	"content/briefs/later.md": "+++\ntitle = \"Later\"\ndate = 2026-06-02T09:00:00Z\nauthors = [\"Test Desk\"]\npublish_at = 2026-06-10T09:30:00Z\n+++\nScheduled lede.\n\n**Why this matters:** It is embargoed.\n",
	"content/briefs/both.md":  "+++\ntitle = \"Both\"\ndate = 2026-06-20T09:00:00Z\nauthors = [\"Test Desk\"]\ndraft = true\n+++\nLede.\n\n**Why this matters:** Both.\n",
}

// TestHiddenBrief: the URL of a brief the preview does not show answers
// 404 with a page that says why and which flag shows it; with the flag,
// the brief's page.
func TestHiddenBrief(t *testing.T) {
	tests := []struct {
		name   string
		opts   func(*Options)
		target string
		status int
		want   []string
		not    []string
	}{
		{"draft", nil, "briefs/draft/", http.StatusNotFound,
			[]string{"“A &lt;draft&gt; not yet done” is not shown", "It is a draft", "content/briefs/draft.md", "briefs serve --drafts"},
			[]string{"--future", "<draft>"}},
		{"draft without its slash", nil, "briefs/draft", http.StatusNotFound, []string{"briefs serve --drafts"}, nil},
		{"draft's index.html", nil, "briefs/draft/index.html", http.StatusNotFound, []string{"briefs serve --drafts"}, nil},
		{"scheduled", nil, "briefs/later/", http.StatusNotFound,
			[]string{"“Later” is not shown", "scheduled to go live on Wednesday 10 June 2026 at 09:30 (UTC)", "briefs serve --future"},
			[]string{"--drafts"}},
		{"draft and scheduled", nil, "briefs/both/", http.StatusNotFound,
			[]string{"It is a draft", "scheduled to go live", "briefs serve --drafts --future"}, nil},
		{"draft, with --drafts", func(o *Options) { o.Drafts = true }, "briefs/draft/", http.StatusOK, []string{"Draft lede."}, nil},
		{"scheduled, with --drafts", func(o *Options) { o.Drafts = true }, "briefs/later/", http.StatusNotFound, []string{"briefs serve --future"}, []string{"It is a draft"}},
		{"draft and scheduled, with --drafts", func(o *Options) { o.Drafts = true }, "briefs/both/", http.StatusNotFound,
			[]string{"briefs serve --future"}, []string{"It is a draft"}},
		{"scheduled, with --future", func(o *Options) { o.Future = true }, "briefs/later/", http.StatusOK, []string{"Scheduled lede."}, nil},
		{"no such brief", nil, "briefs/nothing/", http.StatusNotFound, nil, []string{"is not shown in this preview"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newSite(t)
			for name, data := range hiddenFiles {
				writeFile(t, dir, name, data)
			}
			s := start(t, dir, tt.opts)
			s.freshBuild()
			r := s.get(tt.target)
			if r.status != tt.status {
				t.Errorf("GET %s: %d, want %d\n%s", tt.target, r.status, tt.status, r.body)
			}
			for _, w := range tt.want {
				if !bytes.Contains(r.body, []byte(w)) {
					t.Errorf("GET %s lacks %q:\n%s", tt.target, w, r.body)
				}
			}
			for _, n := range tt.not {
				if bytes.Contains(r.body, []byte(n)) {
					t.Errorf("GET %s holds %q:\n%s", tt.target, n, r.body)
				}
			}
			if r.status == http.StatusNotFound && !bytes.Contains(r.body, scriptTag) {
				t.Errorf("GET %s: the page has no live-reload script, so it would not reload once the brief is shown", tt.target)
			}
		})
	}
}

// TestHiddenBriefPublished: once the draft is marked draft = false, its
// URL serves the brief.
func TestHiddenBriefPublished(t *testing.T) {
	dir := newSite(t)
	for name, data := range hiddenFiles {
		writeFile(t, dir, name, data)
	}
	s := start(t, dir, nil)
	s.freshBuild()
	if r := s.get("briefs/draft/"); r.status != http.StatusNotFound {
		t.Fatalf("GET briefs/draft/: %d, want 404", r.status)
	}
	saveFile(t, dir, "content/briefs/draft.md", replace(t, hiddenFiles["content/briefs/draft.md"], "draft = true", "draft = false"))
	s.waitForPage("briefs/draft/", "Draft lede.")
}
