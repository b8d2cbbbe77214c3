package build_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/site"
)

// scheduleSite makes a site at the given moment from briefs given as
// path → front matter.
func scheduleSite(t *testing.T, at time.Time, fronts map[string]string) (*config.Config, *site.Site, []*site.Brief) {
	t.Helper()
	cfg := config.Default()
	conv := markdown.New(markdown.Options{Sections: cfg.Sections, BaseURL: cfg.BaseURL})
	var briefs []*site.Brief
	for p, front := range fronts {
		src, err := content.Parse(p, []byte("+++\n"+front+"+++\nText.\n"), content.Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		body, err := conv.Convert(src)
		if err != nil {
			t.Fatal(err)
		}
		briefs = append(briefs, site.NewBrief(src, body))
	}
	s, err := site.New(&cfg, briefs, site.Options{Now: at})
	if err != nil {
		t.Fatal(err)
	}
	return &cfg, s, briefs
}

// fixedChecker is a Checker whose findings change at a fixed time.
type fixedChecker time.Time

func (fixedChecker) Check(context.Context, *config.Config, []*site.Brief, func(*site.Brief) bool, time.Time) ([]string, error) {
	return nil, nil
}

func (c fixedChecker) NextChange(*config.Config, []*site.Brief, time.Time) time.Time {
	return time.Time(c)
}

func TestNextChange(t *testing.T) {
	at := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	fronts := map[string]string{
		"content/briefs/old.md":   "title = \"Old\"\ndate = 2026-10-01T09:00:00Z\n",
		"content/briefs/fresh.md": "title = \"Fresh\"\ndate = 2026-11-20T09:00:00Z\n", // leaves the news sitemap 2026-11-22T09:00
		"content/briefs/a.md":     "title = \"A\"\ndate = 2026-11-01T09:00:00Z\npublish_at = 2026-11-21T09:00:00Z\n",
		"content/briefs/b.md":     "title = \"B\"\ndate = 2026-11-01T09:00:00Z\nexpires = 2026-11-21T09:00:00Z\n",
	}
	cfg, s, briefs := scheduleSite(t, at, fronts)
	tests := []struct {
		name    string
		checker build.Checker
		want    build.Next
	}{
		{"site", nil, build.Next{At: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), What: []string{
			"expire briefs/b/ (content/briefs/b.md)", "publish briefs/a/ (content/briefs/a.md)"}}},
		{"check sooner", fixedChecker(at.Add(time.Hour)), build.Next{At: at.Add(time.Hour), What: []string{"the findings of a check rule"}}},
		{"check at the same time", fixedChecker(time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)), build.Next{At: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), What: []string{
			"expire briefs/b/ (content/briefs/b.md)", "publish briefs/a/ (content/briefs/a.md)", "the findings of a check rule"}}},
		{"check never", fixedChecker(time.Time{}), build.Next{At: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), What: []string{
			"expire briefs/b/ (content/briefs/b.md)", "publish briefs/a/ (content/briefs/a.md)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := build.NextChange(cfg, s, briefs, tt.checker, at); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("NextChange() = %+v, want %+v", got, tt.want)
			}
		})
	}
	// Past the schedule, the news sitemap's window is what is left.
	later := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	cfg, s, briefs = scheduleSite(t, later, fronts)
	want := build.Next{At: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), What: []string{"a brief leaves the news sitemap"}}
	if got := build.NextChange(cfg, s, briefs, nil, later); !reflect.DeepEqual(got, want) {
		t.Errorf("later: NextChange() = %+v, want %+v", got, want)
	}
	// Past everything: nothing.
	end := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	cfg, s, briefs = scheduleSite(t, end, fronts)
	if got := build.NextChange(cfg, s, briefs, nil, end); !got.At.IsZero() || got.What != nil {
		t.Errorf("at the end: NextChange() = %+v, want nothing", got)
	}
}

func TestMemoWarnings(t *testing.T) {
	at := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	_, s, _ := scheduleSite(t, at, map[string]string{
		"content/briefs/live.md":      "title = \"Live\"\ndate = 2026-11-01T09:00:00Z\n",
		"content/briefs/embargoed.md": "title = \"Secret Merger Talks\"\ndate = 2026-11-01T09:00:00Z\npublish_at = 2026-11-21T09:00:00Z\n",
		"content/briefs/expiring.md":  "title = \"Expiring\"\ndate = 2026-11-01T09:00:00Z\nexpires = 2026-11-21T09:00:00Z\n",
	})
	note := func(n int) string {
		return fmt.Sprintf("warning: %d more warning(s) name a brief under embargo, and are not kept beside the output: briefs check lists them", n)
	}
	tests := []struct {
		warnings []string
		kept     []string
	}{
		{nil, nil},
		{[]string{"content/briefs/live.md:2:1: warning x", "content/briefs/expiring.md:2:1: warning y"},
			[]string{"content/briefs/live.md:2:1: warning x", "content/briefs/expiring.md:2:1: warning y"}},
		{[]string{"content/briefs/live.md:5:1: go_deeper ref \"Embargoed\" names no brief", "w"}, []string{"w", note(1)}},
		{[]string{"the headline secret merger talks repeats", "content/briefs/embargoed.md:1:1: x"}, []string{note(2)}},
	}
	for _, tt := range tests {
		if kept := build.MemoWarnings(s, tt.warnings); !reflect.DeepEqual(kept, tt.kept) {
			t.Errorf("MemoWarnings(%q) = %q; want %q", tt.warnings, kept, tt.kept)
		}
	}
}
