package check

import (
	"time"

	"github.com/briefs-dev/briefs/internal/site"
)

// schedule applies the rules about when a brief goes live and leaves.
func (c *checker) schedule(b *site.Brief) {
	src, loc := b.Source, c.cfg.Location()
	day := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04 MST") }
	publishAt := src.Front.PublishAt // as written; b.PublishAt falls back to the date
	if c.on("expires-before-publish") && !b.Expires.IsZero() && !b.Expires.After(b.PublishAt) {
		what := "publish_at"
		if publishAt.IsZero() {
			what = "date"
		}
		c.report(b, src.KeyPos("expires"), "expires-before-publish", "expires %s is not after %s %s: the brief would never be live", day(b.Expires), what, day(b.PublishAt))
	}
	if c.on("updated-before-publish") && !publishAt.IsZero() && !b.Updated.IsZero() && b.Updated.Before(publishAt) {
		c.report(b, src.KeyPos("updated"), "updated-before-publish", "updated %s is earlier than publish_at %s", day(b.Updated), day(publishAt))
	}
	if c.on("draft-publish-at") && b.Draft && !publishAt.IsZero() && !publishAt.After(c.opts.Now) {
		c.report(b, src.KeyPos("publish_at"), "draft-publish-at", "publish_at %s has passed, and the brief is still a draft: publish it, or move publish_at", day(publishAt))
	}
}
