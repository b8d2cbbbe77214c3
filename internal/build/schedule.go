package build

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/sitemaps"
)

// Next is the first moment after a build's time at which its output
// changes with time alone, and what changes then.
type Next struct {
	At   time.Time // zero when nothing will change
	What []string  // one line each: "publish briefs/x/ (content/briefs/x.md)"
}

// NextChange returns when the output of a build of s at now next changes
// with time alone: each stage whose output depends on time says when, and
// the earliest wins. briefs are the briefs the build publishes, for
// checker's rules; checker may be nil.
func NextChange(cfg *config.Config, s *site.Site, briefs []*site.Brief, checker Checker, now time.Time) Next {
	var n Next
	add := func(at time.Time, what string) {
		switch {
		case !at.After(now):
		case n.At.IsZero() || at.Before(n.At):
			n = Next{At: at, What: []string{what}}
		case at.Equal(n.At):
			n.What = append(n.What, what)
		}
	}
	for _, c := range s.Changes() {
		add(c.At, c.What+" "+c.Brief.Path+" ("+c.Brief.Source.Path+")")
	}
	add(sitemaps.NextChange(s, now), "a brief leaves the news sitemap")
	if checker != nil {
		add(checker.NextChange(cfg, briefs, now), "the findings of a check rule")
	}
	return n
}

// memoWarnings returns the warnings that the memo beside the output may
// keep: none that names a brief the site does not publish yet, by its
// slug or its title, for the output folder must hold nothing of a brief
// under embargo. A line says how many were left out: a build that changed
// nothing prints the memo's warnings, and must not pretend there were no
// others. (Not keeping the memo at all would make every such build a full
// one, for as long as a live brief links to one under embargo.)
func memoWarnings(s *site.Site, warnings []string) []string {
	var names []string
	for _, c := range s.Changes() {
		if c.What == "publish" && s.Ref(c.Brief.Source.Ref) == nil {
			names = append(names, strings.ToLower(c.Brief.Slug), strings.ToLower(c.Brief.Title))
		}
	}
	var kept []string
	left := 0
	for _, w := range warnings {
		lower := strings.ToLower(w)
		if slices.ContainsFunc(names, func(n string) bool { return n != "" && strings.Contains(lower, n) }) {
			left++
			continue
		}
		kept = append(kept, w)
	}
	if left > 0 {
		kept = append(kept, fmt.Sprintf("warning: %d more warning(s) name a brief under embargo, and are not kept beside the output: briefs check lists them", left))
	}
	return kept
}
