package serve

import (
	"path/filepath"
	"testing"

	"github.com/briefs-dev/briefs/internal/scaffold"
)

// TestBrowserNewcomer walks a newcomer's first minutes: a site from
// briefs init, previewed as briefs serve --drafts, its sample brief edited
// in place, and the open tab showing the edit by itself.
func TestBrowserNewcomer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mysite")
	if _, _, err := scaffold.Write(dir, scaffold.Options{Title: "Harbour Notes", Timezone: "Europe/Lisbon", Now: testNow}); err != nil {
		t.Fatalf("briefs init: %v", err)
	}
	const sample = "content/briefs/council-passes-budget.md"
	s := start(t, dir, func(o *Options) { o.Drafts = true })
	b := newBrowser(t)
	b.open(s.URL + "briefs/council-passes-budget/")
	if !must[bool](b, bodyHas("The city council approved next year")) {
		t.Fatalf("the tab does not show the sample brief")
	}

	// The newcomer's edit, saved as an editor does.
	edited := replace(t, readFile(t, dir, sample), "The city council approved next year's budget", "The harbour council approved a leaner budget")
	saveFile(t, dir, sample, edited)
	b.wait("the edit in the tab", bodyHas("The harbour council approved a leaner budget"))
	if must[bool](b, bodyHas("The city council approved next year")) {
		t.Errorf("the tab still shows the text before the edit")
	}

	// Their first brief of their own, a draft as briefs new writes it:
	// --drafts shows it, and its edits too.
	const draft = "content/briefs/first-brief.md"
	writeFile(t, dir, draft, "+++\ntitle = \"My first brief\"\ndate = 2026-06-04T09:00:00+01:00\nauthors = []\ndraft = true\n+++\nThe news in one or two sentences.\n\n**Why this matters:** \n")
	s.waitForStatus("briefs/first-brief/", 200)
	b.open(s.URL + "briefs/first-brief/")
	saveFile(t, dir, draft, replace(t, readFile(t, dir, draft), "The news in one or two sentences.", "Ferries run late all week."))
	b.wait("the draft's edit in the tab", bodyHas("Ferries run late all week."))
}
