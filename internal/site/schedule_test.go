package site

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// scheduled returns the briefs of the schedule tests. now is
// 2026-11-20T12:00:00Z.
func scheduled(t *testing.T) []*Brief {
	t.Helper()
	return []*Brief{
		dated(t, "content/briefs/old.md", "2026-11-01T09:00:00Z", ""),
		// Dated earlier, embargoed until the afternoon.
		dated(t, "content/briefs/embargoed.md", "2026-11-20T08:00:00Z", "publish_at = 2026-11-20T15:00:00Z\n"),
		// Goes live at exactly now.
		dated(t, "content/briefs/at-now.md", "2026-11-20T08:00:00Z", "publish_at = 2026-11-20T12:00:00Z\n"),
		dated(t, "content/briefs/expiring.md", "2026-11-10T09:00:00Z", "expires = 2026-11-21T00:00:00+01:00\n"),
		dated(t, "content/briefs/expired.md", "2026-11-10T09:00:00Z", "expires = 2026-11-20T12:00:00Z\n"),
		dated(t, "content/briefs/future.md", "2026-12-01T09:00:00Z", "expires = 2026-12-02T09:00:00Z\n"),
		// Expires before it goes live: never on the site.
		dated(t, "content/briefs/never.md", "2026-12-01T09:00:00Z", "expires = 2026-11-30T09:00:00Z\n"),
		dated(t, "content/briefs/draft.md", "2026-11-25T09:00:00Z", "draft = true\n"),
	}
}

func TestSchedule(t *testing.T) {
	tests := []struct {
		at      time.Time
		opts    Options
		briefs  []string
		expired []string
		next    time.Time
	}{
		{
			at:      now,
			briefs:  []string{"at-now", "expiring", "old"},
			expired: []string{"expired"},
			next:    time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC),
		},
		{
			at:      now.Add(-time.Second),
			briefs:  []string{"expired", "expiring", "old"},
			expired: nil,
			next:    now,
		},
		{
			at:      time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC),
			briefs:  []string{"at-now", "embargoed", "expiring", "old"},
			expired: []string{"expired"},
			next:    time.Date(2026, 11, 20, 23, 0, 0, 0, time.UTC), // 2026-11-21T00:00:00+01:00
		},
		{
			at:      time.Date(2026, 11, 20, 23, 0, 0, 0, time.UTC),
			briefs:  []string{"at-now", "embargoed", "old"},
			expired: []string{"expired", "expiring"},
			next:    time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC),
		},
		{
			at:      time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC),
			briefs:  []string{"future", "at-now", "embargoed", "old"},
			expired: []string{"expired", "expiring"},
			next:    time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC),
		},
		{
			at:      time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
			briefs:  []string{"at-now", "embargoed", "old"},
			expired: []string{"expired", "expiring", "future"},
		},
		{
			// Shown ahead of time, scheduled briefs are still marked and
			// still change the site when they go live; expired ones stay
			// gone. "never" is shown too, though it expires before it goes
			// live: a preview shows what is scheduled.
			at:      now,
			opts:    Options{Future: true},
			briefs:  []string{"future", "never", "at-now", "embargoed", "expiring", "old"},
			expired: []string{"expired"},
			next:    time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC),
		},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s,future=%v", tt.at.Format(time.RFC3339), tt.opts.Future), func(t *testing.T) {
			opts := tt.opts
			opts.Now = tt.at
			s := newSite(t, scheduled(t), opts)
			if got := slugs(s.Briefs); !reflect.DeepEqual(got, tt.briefs) {
				t.Errorf("Briefs = %q, want %q", got, tt.briefs)
			}
			if got := slugs(s.Expired); !reflect.DeepEqual(got, tt.expired) {
				t.Errorf("Expired = %q, want %q", got, tt.expired)
			}
			if got := s.NextChange(); !got.Equal(tt.next) {
				t.Errorf("NextChange() = %v, want %v", got, tt.next)
			}
			if got, want := s.Due(tt.at), false; got != want {
				t.Errorf("Due(at) = %v, want %v", got, want)
			}
			if !tt.next.IsZero() && !s.Due(tt.next) {
				t.Errorf("Due(%v) = false, want true", tt.next)
			}
			for _, b := range s.Briefs {
				if want := b.PublishAt.After(tt.at); b.Future != want {
					t.Errorf("%s: Future = %v, want %v", b.Slug, b.Future, want)
				}
				if opts.Publishes(b) != true {
					t.Errorf("Publishes(%s) = false for a published brief", b.Slug)
				}
			}
		})
	}
}

func TestChanges(t *testing.T) {
	s := newSite(t, scheduled(t), Options{})
	var got []string
	for _, c := range s.Changes() {
		got = append(got, c.At.UTC().Format(time.RFC3339)+" "+c.What+" "+c.Brief.Slug)
	}
	// The draft changes nothing; "never" expires before it goes live.
	want := []string{
		"2026-11-20T15:00:00Z publish embargoed",
		"2026-11-20T23:00:00Z expire expiring",
		"2026-12-01T09:00:00Z publish future",
		"2026-12-02T09:00:00Z expire future",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Changes() =\n%q\nwant\n%q", got, want)
	}
	withDrafts := newSite(t, scheduled(t), Options{Drafts: true}).Changes()
	if len(withDrafts) != len(want)+1 || withDrafts[2].Brief.Slug != "draft" {
		t.Errorf("Changes() with drafts shown = %v, want the draft's publish third", withDrafts)
	}
}

// A link to a brief under embargo shows nothing of it, its title included,
// until the brief goes live; then it links to it.
func TestGoDeeperEmbargoed(t *testing.T) {
	briefs := func() []*Brief {
		return []*Brief{
			dated(t, "content/briefs/live.md", "2026-11-02T09:00:00Z", "[[go_deeper]]\ntitle = \"Outside\"\nurl = \"https://example.org/\"\n[[go_deeper]]\ntitle = \"The embargoed story\"\nref = \"embargoed\"\n"),
			dated(t, "content/briefs/embargoed.md", "2026-11-02T09:00:00Z", "publish_at = 2026-11-21T09:00:00Z\n"),
		}
	}
	before := newSite(t, briefs(), Options{})
	if l := before.Briefs[0].GoDeeper; len(l) != 1 || l[0].Title != "Outside" {
		t.Errorf("before the embargo: GoDeeper = %+v, want only the outside link", l)
	}
	after := newSite(t, briefs(), Options{Now: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)})
	live := after.Ref("live")
	if l := live.GoDeeper; len(l) != 2 || l[1].URL != "briefs/embargoed/" {
		t.Errorf("after the embargo: GoDeeper = %+v, want both links", l)
	}
}

// A retracted brief leaves every list but keeps its URL, so links to it
// stay; one before its time stays hidden.
func TestRetracted(t *testing.T) {
	const retracted = "retracted = { date = 2026-11-10T09:00:00Z, reason = \"Wrong.\" }\n"
	briefs := []*Brief{
		dated(t, "content/briefs/linking.md", "2026-11-02T09:00:00Z", "topics = [\"x\"]\n[[go_deeper]]\ntitle = \"The withdrawn one\"\nref = \"withdrawn\"\n"),
		dated(t, "content/briefs/withdrawn.md", "2026-11-01T09:00:00Z", "topics = [\"x\", \"only-withdrawn\"]\n"+retracted),
		dated(t, "content/briefs/withdrawn-later.md", "2026-11-01T09:00:00Z", "publish_at = 2026-12-01T00:00:00Z\n"+retracted),
	}
	s := newSite(t, briefs, Options{})
	if got := slugs(s.Briefs); !reflect.DeepEqual(got, []string{"linking"}) {
		t.Errorf("Briefs = %q, want only linking", got)
	}
	if got := slugs(s.Retracted); !reflect.DeepEqual(got, []string{"withdrawn"}) {
		t.Errorf("Retracted = %q, want withdrawn", got)
	}
	if len(s.Topics) != 1 || len(s.Topics[0].Briefs) != 1 {
		t.Errorf("Topics = %+v, want x with one brief", s.Topics)
	}
	if l := s.Ref("linking").GoDeeper; len(l) != 1 || l[0].URL != "briefs/withdrawn/" {
		t.Errorf("GoDeeper = %+v, want the link to the notice", l)
	}
}
