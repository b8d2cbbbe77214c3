package site

import (
	"reflect"
	"strings"
	"testing"
)

func TestAliases(t *testing.T) {
	briefs := []*Brief{
		dated(t, "content/briefs/renamed.md", "2026-11-01T09:00:00Z", `aliases = ["/briefs/old-name/", "/2026/11/story.html", "/briefs/old-name"]`+"\n"),
		dated(t, "content/briefs/gone.md", "2026-11-01T09:00:00Z", `aliases = ["/briefs/gone-before/"]`+"\nexpires = 2026-11-10T00:00:00Z\n"),
		dated(t, "content/briefs/later.md", "2026-11-01T09:00:00Z", `aliases = ["/briefs/later-before/"]`+"\npublish_at = 2026-12-01T00:00:00Z\n"),
		dated(t, "content/briefs/draft.md", "2026-11-01T09:00:00Z", `aliases = ["/briefs/draft-before/"]`+"\ndraft = true\n"),
	}
	s := newSite(t, briefs, Options{})
	var got []string
	for _, a := range s.Aliases() {
		got = append(got, a.Path+" → "+a.Brief.Path)
	}
	// The one before its time and the draft have none yet; the expired
	// one leads to the page that says it is gone.
	want := []string{"2026/11/story.html → briefs/renamed/", "briefs/gone-before/ → briefs/gone/", "briefs/old-name/ → briefs/renamed/"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Aliases() =\n%q\nwant\n%q", got, want)
	}
}

func TestAliasConflicts(t *testing.T) {
	briefs := []*Brief{
		dated(t, "content/briefs/a.md", "2026-11-01T09:00:00Z", `aliases = ["/briefs/shared/", "/briefs/a/"]`+"\n"),
		dated(t, "content/briefs/b.md", "2026-11-01T09:00:00Z", `aliases = ["/briefs/Shared"]`+"\n"),
		// A brief before its time still holds its URL and its aliases.
		dated(t, "content/briefs/c.md", "2026-11-01T09:00:00Z", `aliases = ["/briefs/b/", "/topics/budget/", "/feed/"]`+"\npublish_at = 2027-01-01T00:00:00Z\n"),
		dated(t, "content/briefs/d.md", "2026-11-01T09:00:00Z", `aliases = ["/briefs/c/"]`+"\n"),
	}
	_, err := New(testConfig(t), briefs, Options{Now: now})
	want := []string{
		`content/briefs/a.md:4:1: alias "/briefs/a/" is the brief's own URL`,
		`content/briefs/b.md:4:1: alias "/briefs/Shared/" is already claimed by content/briefs/a.md:4:1`,
		`content/briefs/c.md:4:1: alias "/briefs/b/" is the URL of content/briefs/b.md: a brief cannot take another's URL`,
		`content/briefs/c.md:4:1: alias "/topics/budget/" is a path of the site's own pages`,
		`content/briefs/d.md:4:1: alias "/briefs/c/" is the URL of content/briefs/c.md: a brief cannot take another's URL`,
	}
	if got := errorLines(err); !reflect.DeepEqual(got, want) {
		t.Errorf("New() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
