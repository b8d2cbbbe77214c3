package build

import (
	"bytes"
	"context"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/site"
)

// quickRebuild handles the commonest edit in the preview: the text of a few
// briefs changed, and nothing that orders or groups briefs did. It reads
// and converts only those briefs, updates them in place in the last site,
// and re-renders the pages that show them, so its cost does not grow with
// the archive. ok is false when the change needs a full pass; nothing has
// been changed then. Anything unusual (a new or removed file, a parse
// error, a changed slug, date, topic or author, a build that runs the
// check rules) takes the full pass, which gives the same output.
func (b *Builder) quickRebuild(ctx context.Context, changed []string, start time.Time) (res *Result, ok bool, err error) {
	if b.site == nil || b.last == nil || b.converter == nil || b.opts.Check || b.site.Due(b.opts.Now()) {
		return nil, false, nil
	}
	type update struct {
		e     *entry
		raw   []byte
		src   *content.Source
		brief *site.Brief
	}
	var updates []update
	for _, p := range changed {
		e := b.briefs[p]
		if !strings.HasPrefix(p, content.Dir+"/") || !strings.HasSuffix(p, ".md") || hidden(p) ||
			e == nil || e.err != nil || e.brief == nil {
			return nil, false, nil
		}
		raw, err := readBrief(b.opts.FS, p, content.OptionsFor(b.cfg))
		if err != nil {
			return nil, false, nil // removed: the full pass drops it
		}
		if bytes.Equal(raw, e.raw) {
			continue
		}
		src, err := content.Parse(p, raw, content.OptionsFor(b.cfg))
		if err != nil {
			return nil, false, nil // the full pass reports it
		}
		body, err := b.converter.Convert(src)
		if err == nil {
			err = checkPhoto(b.opts.FS, src)
		}
		if err != nil {
			return nil, false, nil
		}
		next := site.NewBrief(src, body)
		if !b.site.CanUpdate(e.brief, next) {
			return nil, false, nil
		}
		updates = append(updates, update{e, raw, src, next})
	}
	// Every change qualifies: apply them.
	for _, u := range updates {
		b.site.Update(u.e.brief, u.brief)
		u.e.raw, u.e.src = u.raw, u.src
	}
	// The renderer keeps the environment of the last full pass: no
	// published file changed since.
	rendered, err := b.render(ctx, b.site, false)
	if err != nil {
		return nil, true, err
	}
	files := maps.Clone(b.last)
	res = &Result{Config: b.cfg, Site: b.site, Files: files, Parsed: len(updates), Rendered: len(rendered)}
	for _, p := range rendered {
		data := b.pages[p].data
		if !bytes.Equal(files[p], data) {
			res.Changed = append(res.Changed, p)
		}
		files[p] = data
	}
	sort.Strings(res.Changed)
	res.Pages = b.pageCount // the same pages as the last full pass
	b.last = files
	res.Briefs = len(b.site.Briefs)
	res.Duration = time.Since(start)
	return res, true, nil
}
