package site

import (
	"slices"
	"time"
)

// A brief's schedule: it is live from its PublishAt (publish_at, else its
// date) until its Expires, if it has one. Before, it is in no output at
// all; after, its URL answers with a page that says it is no longer
// available, and it is in no list, feed or index.

// Change is a moment at which the site's output changes with time alone: a
// brief goes live or expires.
type Change struct {
	At    time.Time
	What  string // "publish" or "expire"
	Brief *Brief
}

// Publishes reports whether a site made with o publishes b: b is no draft,
// or drafts are shown; it is live at o.Now, or scheduled and future briefs
// are shown. An expired brief is never published.
func (o Options) Publishes(b *Brief) bool {
	switch {
	case b.Draft && !o.Drafts, b.expiredAt(o.Now):
		return false
	case b.PublishAt.After(o.Now):
		return o.Future
	}
	return true
}

// expiredAt reports whether b has expired by now.
func (b *Brief) expiredAt(now time.Time) bool {
	return !b.Expires.IsZero() && !now.Before(b.Expires)
}

// changes returns the moments after now at which b goes live or expires.
// A brief that expires before it goes live is never live and never
// changes the site.
func (b *Brief) changes(now time.Time) []Change {
	if !b.Expires.IsZero() && !b.Expires.After(b.PublishAt) {
		return nil
	}
	var cs []Change
	if b.PublishAt.After(now) {
		cs = append(cs, Change{At: b.PublishAt, What: "publish", Brief: b})
	}
	if b.Expires.After(now) {
		cs = append(cs, Change{At: b.Expires, What: "expire", Brief: b})
	}
	return cs
}

// sortChanges orders changes by time, then by what, then by the brief's
// file, so that the same briefs always list the same way.
func sortChanges(cs []Change) {
	slices.SortFunc(cs, func(a, b Change) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		if a.What != b.What {
			if a.What < b.What {
				return -1
			}
			return 1
		}
		if a.Brief.Source.Path < b.Brief.Source.Path {
			return -1
		}
		if a.Brief.Source.Path > b.Brief.Source.Path {
			return 1
		}
		return 0
	})
}

// Due reports whether a brief scheduled when the site was made has gone
// live or expired by now, which changes what the site shows.
func (s *Site) Due(now time.Time) bool {
	return len(s.changes) > 0 && !now.Before(s.changes[0].At)
}

// NextChange returns the first time after the site's build time at which
// the same briefs make another site: a scheduled brief goes live or a live
// one expires. It is the zero time when none will.
func (s *Site) NextChange() time.Time {
	if len(s.changes) == 0 {
		return time.Time{}
	}
	return s.changes[0].At
}

// Changes returns every change after the site's build time, earliest
// first. Drafts are in it only when the site shows them.
func (s *Site) Changes() []Change { return slices.Clone(s.changes) }
