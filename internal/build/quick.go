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

// quickState is what the quick rebuilds of the preview keep between runs:
// the last plan of the last site, whose files are the last build's, so
// that an edited brief's page can be rendered before the site is planned
// again.
type quickState struct {
	site *site.Site
	jobs []plan.Job
	// ready, set during Rebuild, receives the edited briefs' own pages.
	ready func(pages map[string][]byte)
}

// Rebuild is Build for the preview, which shows an edited brief as soon as
// its page is ready. When the change is the commonest one, the text of a
// few briefs and nothing that orders or groups them, ready is called with
// the pages of those briefs whose bytes changed, rendered before the rest
// of the site is planned: those bytes are final, and the Result that
// follows lists them again with every other file that changed. Otherwise
// ready is not called.
func (b *Builder) Rebuild(ctx context.Context, changed []string, ready func(pages map[string][]byte)) (*Result, error) {
	b.quick.ready = ready
	defer func() { b.quick.ready = nil }()
	return b.Build(ctx, changed)
}

// PrepareEdits plans the last successful build's site once more and
// remembers the plan, if it has not already, so that the next Rebuild
// after an edit can render the edited briefs' pages first. A preview calls
// it when a rebuild is done, while nothing waits; otherwise the first edit
// after a full build makes the plan.
func (b *Builder) PrepareEdits() {
	if b.site != nil && b.last != nil && b.quick.site != b.site {
		b.remember(b.renderer.Plan(b.site))
	}
}

// remember records jobs as the plan of the last site.
func (b *Builder) remember(jobs []plan.Job) { b.quick.site, b.quick.jobs = b.site, jobs }

// quickRebuild handles the commonest edit in the preview: the text of a few
// briefs changed, and nothing that orders or groups briefs did. It reads
// and converts only those briefs, updates them in the last site, and
// renders the files whose keys changed, so its cost does not grow with the
// archive. ok is false when the change needs a full pass; nothing has been
// changed then. Anything unusual (a new or removed file, a parse error, a
// changed slug, date, topic or author, a build that runs the check rules)
// takes the full pass, which gives the same output.
func (b *Builder) quickRebuild(ctx context.Context, changed []string, start time.Time) (res *Result, ok bool, err error) {
	if b.site == nil || b.last == nil || b.opts.Check != nil || b.site.Due(b.opts.Now()) {
		return nil, false, nil
	}
	var edits []*load.Edit
	for _, p := range changed {
		if b.files.Gone(b.opts.FS, p) {
			continue // an editor's temporary file, written and renamed away
		}
		if !strings.HasPrefix(p, content.Dir+"/") || !strings.HasSuffix(p, ".md") || content.Hidden(p) {
			return nil, false, nil
		}
		edit, ok := b.loader.Reload(b.opts.FS, b.cfg, b.files, p)
		if !ok || edit != nil && !b.canUpdate(edit) {
			return nil, false, nil
		}
		if edit != nil {
			edits = append(edits, edit)
		}
	}
	// Every change qualifies: apply them.
	edited := make([]*site.Brief, 0, len(edits))
	for _, e := range edits {
		b.site.Update(e.Old, e.New)
		b.loader.Keep(e)
		edited = append(edited, e.Old)
	}
	early := b.renderEdited(edited)
	if b.quick.ready != nil {
		changedPages := make(map[string][]byte, len(early))
		for p, data := range early {
			if !bytes.Equal(data, b.last[p]) {
				changedPages[p] = data
			}
		}
		if len(changedPages) > 0 {
			b.quick.ready(changedPages)
		}
	}
	res = &Result{Parsed: len(edits)}
	jobs := b.renderer.Plan(b.site)
	if err := b.render(ctx, jobs, b.loader.Published(b.site, b.files), early, res); err != nil {
		// The site shows the edits, the output does not: the next build
		// makes the site anew.
		b.site, b.quick.site = nil, nil
		return nil, true, err
	}
	b.remember(jobs)
	res.Config, res.Site, res.Briefs = b.cfg, b.site, len(b.site.Briefs)
	res.Duration = time.Since(start)
	return res, true, nil
}

// canUpdate reports whether the last site can take an edit in place.
func (b *Builder) canUpdate(e *load.Edit) bool {
	if pub := b.site.Ref(e.Old.Source.Ref); pub != nil && pub != e.Old {
		// Converted again by a full pass that then failed: the site still
		// shows the brief as it was before.
		return false
	}
	return b.site.CanUpdate(e.Old, e.New)
}

// renderEdited renders the own pages of edited briefs, updated in the last
// site, with the jobs of the remembered plan: a brief's page shows that
// brief and what every page shares, which a quick rebuild leaves as it
// was. It returns them by output path; none when there is no plan to take
// the jobs from, or a page fails to render (the whole render reports it).
func (b *Builder) renderEdited(edited []*site.Brief) map[string][]byte {
	if len(edited) == 0 || b.quick.site != b.site {
		return nil
	}
	pages := make(map[string][]byte, len(edited))
	for _, j := range b.quick.jobs {
		if strings.HasPrefix(j.Path, "briefs/") && slices.ContainsFunc(edited, func(br *site.Brief) bool { return j.Path == br.Path+"index.html" }) {
			data, err := j.Bytes()
			if err != nil {
				return nil
			}
			pages[j.Path] = data
		}
	}
	return pages
}
