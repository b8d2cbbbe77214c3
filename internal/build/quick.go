package build

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/load"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

// Rebuild is Build for the preview, which shows an edited brief as soon as
// its page is ready. When the change is the commonest one, the text of a
// few briefs and nothing that orders or groups them, ready is called with
// the pages of those briefs whose bytes changed, rendered before the rest
// of the site: those bytes are final, and the Result that follows lists
// them again with every other file that changed. Otherwise ready is not
// called.
func (b *Builder) Rebuild(ctx context.Context, changed []string, ready func(pages map[string][]byte)) (*Result, error) {
	b.ready = ready
	defer func() { b.ready = nil }()
	return b.Build(ctx, changed)
}

// quickRebuild handles the commonest edit in the preview: the text of a few
// briefs changed, and nothing that orders or groups briefs did. It reads
// and converts only those briefs, makes a site of the last one with them
// (site.Site.With: the last site does not change), plans it
// incrementally and renders the files whose keys changed, so its cost does
// not grow with the archive. ok is false when the change needs a full
// pass; nothing has been changed then. Anything unusual (a new or removed
// file, a parse error, a changed slug, date, topic or author, a build that
// runs the check rules) takes the full pass, which gives the same output.
func (b *Builder) quickRebuild(ctx context.Context, changed []string, start time.Time) (res *Result, ok bool, err error) {
	if b.site == nil || b.last == nil || b.opts.Check != nil || b.site.Due(b.opts.Now()) || b.languagesDue() {
		return nil, false, nil
	}
	var edits []*load.Edit
	for _, p := range changed {
		if b.files.Gone(b.opts.FS, p) {
			continue // an editor's temporary file, written and renamed away
		}
		if !strings.HasPrefix(p, content.Dir+"/") || !strings.HasSuffix(p, ".md") || content.Hidden(p) || content.IsPage(p) {
			return nil, false, nil
		}
		edit, ok := b.loader.Reload(b.opts.FS, b.cfg, b.files, p)
		if !ok {
			return nil, false, nil
		}
		if edit == nil {
			continue
		}
		if photoChanged(edit.Old, edit.New) || translationChanged(edit.Old, edit.New) {
			return nil, false, nil // the full pass processes the photo
		}
		if shown := b.site.Ref(edit.Old.Source.Ref); shown != nil && shown.Version != edit.Old.Version {
			// Converted again by a full pass that then failed: the site
			// shows the brief as it was before that.
			return nil, false, nil
		}
		edits = append(edits, edit)
	}
	edited := make([]*site.Brief, len(edits))
	for i, e := range edits {
		edited[i] = e.New
	}
	own, byLang := b.splitEdits(edited)
	next, ok := b.site.With(own...)
	if !ok {
		return nil, false, nil
	}
	others, ok := b.languagesWith(byLang)
	if !ok {
		return nil, false, nil
	}
	for _, e := range edits {
		b.loader.Keep(e)
	}
	published := b.published(next, b.files)
	jobs := append(b.renderer.Plan(next), b.quickLanguageJobs(others, published)...)
	early := renderEdited(jobs, b.editedPages(own, byLang))
	if b.ready != nil {
		changedPages := make(map[string][]byte, len(early))
		for p, data := range early {
			if !bytes.Equal(data, b.last[p]) {
				changedPages[p] = data
			}
		}
		if len(changedPages) > 0 {
			b.ready(changedPages)
		}
	}
	res = &Result{Parsed: len(edits)}
	if err := b.render(ctx, jobs, published, early, res); err != nil {
		// The loader has the edits, the output does not: the next build
		// makes the site anew.
		b.site = nil
		return nil, true, err
	}
	b.site = next
	b.keepLanguageSites(others)
	res.Config, res.Site, res.Briefs, res.Languages = b.cfg, next, len(next.Briefs), others
	for _, o := range others {
		res.Briefs += len(o.Briefs)
	}
	res.Duration = time.Since(start)
	return res, true, nil
}

// renderEdited renders the own pages of the edited briefs, at the output
// paths edited, ahead of the other jobs: a brief's page shows that brief
// and what every page shares, which a quick rebuild leaves as it was. It
// returns them by output path; none when a page fails to render (the
// whole render reports it).
func renderEdited(jobs []plan.Job, edited []string) map[string][]byte {
	pages := make(map[string][]byte, len(edited))
	for _, j := range jobs {
		if strings.HasSuffix(j.Path, "/index.html") && slices.Contains(edited, j.Path) {
			data, err := j.Bytes()
			if err != nil {
				return nil
			}
			pages[j.Path] = data
		}
	}
	return pages
}
