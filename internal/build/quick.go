package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/parallel"
	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/site"
)

// quickState is what the quick rebuilds of the preview keep between runs.
type quickState struct {
	// The last plan of site by renderer whose files are those of b.last:
	// jobs[i].Key is the key of b.last[jobs[i].Path], deferred jobs aside.
	// A plan of the same site by the same renderer lists the same paths in
	// the same order, so comparing keys by index finds what to render
	// without looking every path up.
	site     *site.Site
	renderer *render.Renderer
	jobs     []render.Job
	pages    map[string]int // index in jobs of each brief's page, by output path
	// broken is a site whose briefs were updated in place by a quick
	// rebuild that failed: b.last does not show them, so no plan of it may
	// be remembered until a quick rebuild of it succeeds.
	broken *site.Site
	// ready, set during Rebuild, receives the edited briefs' own pages.
	ready func(pages map[string][]byte)
}

// current reports whether q describes the plan of b's last site.
func (q *quickState) current(b *Builder) bool {
	return q.site != nil && q.site == b.site && q.renderer == b.renderer
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
	if b.site == nil || b.last == nil || b.renderer == nil || b.opts.Output != nil ||
		b.quick.current(b) || b.quick.broken == b.site {
		return
	}
	b.remember(b.renderer.Plan(b.site))
}

// remember records jobs as the plan of b's last site whose files are those
// of b.last.
func (b *Builder) remember(jobs []render.Job) {
	q := &b.quick
	if q.site != b.site || q.pages == nil {
		q.pages = make(map[string]int, len(b.site.Briefs))
		for i, j := range jobs {
			if strings.HasPrefix(j.Path, "briefs/") && strings.HasSuffix(j.Path, "/index.html") {
				q.pages[j.Path] = i
			}
		}
	}
	q.site, q.renderer, q.jobs = b.site, b.renderer, jobs
}

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
		if b.unknownAndGone(p) {
			continue // an editor's temporary file, written and renamed away
		}
		e := b.briefs[p]
		if !strings.HasPrefix(p, content.Dir+"/") || !strings.HasSuffix(p, ".md") || hidden(p) ||
			e == nil || e.err != nil || e.brief == nil {
			return nil, false, nil
		}
		if pub := b.site.Ref(e.src.Ref); pub != nil && pub != e.brief {
			// Converted again by a full pass that then failed: the site
			// still shows the brief as it was before.
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
			err = checkPhoto(b.opts.FS, nil, src)
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
	edited := make([]*site.Brief, 0, len(updates))
	for _, u := range updates {
		b.site.Update(u.e.brief, u.brief)
		u.e.raw, u.e.src = u.raw, u.src
		edited = append(edited, u.e.brief)
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
	rendered, err := b.quickRender(ctx, early)
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

// unknownAndGone reports whether p, under content/, is not there and was
// not there at the last build either: no file nor folder of the site.
func (b *Builder) unknownAndGone(p string) bool {
	if !strings.HasPrefix(p, content.Dir+"/") || b.mdPaths[p] {
		return false
	}
	if _, ok := b.contentFiles[p]; ok {
		return false
	}
	if _, err := content.Stat(b.opts.FS, p); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	prefix := p + "/"
	for q := range b.mdPaths {
		if strings.HasPrefix(q, prefix) {
			return false
		}
	}
	for q := range b.contentFiles {
		if strings.HasPrefix(q, prefix) {
			return false
		}
	}
	return true
}

// renderEdited renders the own pages of edited briefs, updated in place in
// the last site, with the jobs of the remembered plan: a brief's page shows
// that brief and what every page shares, which a quick rebuild leaves as
// it was. It returns them by output path; none when there is no plan to
// take the jobs from, or a page fails to render (the whole render reports
// it).
func (b *Builder) renderEdited(edited []*site.Brief) map[string][]byte {
	q := &b.quick
	if len(edited) == 0 || !q.current(b) {
		return nil
	}
	pages := make(map[string][]byte, len(edited))
	for _, br := range edited {
		i, ok := q.pages[br.Path+"index.html"]
		if !ok {
			return nil
		}
		data, err := render1(q.jobs[i])
		if err != nil {
			return nil
		}
		pages[q.jobs[i].Path] = data
	}
	return pages
}

// quickRender plans the last site again and renders every job whose key
// changed, keeping their bytes in b.pages, as render does; the bytes in
// early are those of jobs rendered already. It returns the paths rendered.
// When a job fails, b.pages is left as it was, so that it still matches
// b.last, and the next rebuild renders every changed job again.
func (b *Builder) quickRender(ctx context.Context, early map[string][]byte) ([]string, error) {
	jobs := b.renderer.Plan(b.site)
	q := &b.quick
	same := q.current(b) && len(q.jobs) == len(jobs)
	var todo []int
	b.pending = b.pending[:0]
	for i := range jobs {
		j := &jobs[i]
		if j.Deferred && b.opts.Defer {
			if r, ok := b.pages[j.Path]; !ok || r.key != j.Key {
				b.pending = append(b.pending, *j)
			}
			continue
		}
		if same && q.jobs[i].Path == j.Path {
			if q.jobs[i].Key == j.Key {
				continue
			}
		} else if r, ok := b.pages[j.Path]; ok && r.key == j.Key {
			continue
		}
		todo = append(todo, i)
	}
	out := make([][]byte, len(todo))
	errs := make([]error, len(todo))
	parallel.For(len(todo), func(i int) {
		j := jobs[todo[i]]
		if data, ok := early[j.Path]; ok {
			out[i] = data
			return
		}
		if ctx.Err() != nil {
			return
		}
		out[i], errs[i] = render1(j)
		if errs[i] != nil {
			errs[i] = fmt.Errorf("rendering %s: %w", j.Path, errs[i])
		}
	})
	var list diag.List
	for _, err := range errs {
		list.Add(err)
	}
	err := ctx.Err()
	if err == nil {
		err = list.Err()
	}
	if err != nil {
		// The site shows the edits; b.last and b.pages do not.
		q.site, q.broken = nil, b.site
		return nil, err
	}
	fresh := make([]string, 0, len(todo))
	for i, k := range todo {
		j := jobs[k]
		b.pages[j.Path] = renderedF{j.Key, out[i]}
		fresh = append(fresh, j.Path)
	}
	q.broken = nil
	b.remember(jobs)
	return fresh, nil
}
