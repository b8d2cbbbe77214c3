package plan

import (
	"bytes"

	"github.com/briefs-dev/briefs/internal/parallel"
	"github.com/briefs-dev/briefs/internal/site"
)

// A Family plans the files of one kind of output (pages, feeds, sitemaps,
// search, editions, briefs as JSON) into a Plan.
type Family interface {
	// Plan adds the family's jobs to p.
	Plan(p *Plan)
}

// A FreshFamily also has jobs that show every brief (the search index,
// the sitemaps), which are planned afresh each time instead of kept.
type FreshFamily interface {
	Family
	Fresh(p *Plan) []Job
}

// Plan is the jobs of a site in a fixed order, as its families made them,
// with what it takes to plan a site of the same lineage again: the site
// that site.Site.With makes after some briefs were edited.
//
// Such a plan keeps its jobs and computes again only the keys of those
// that show an edited brief. So a job must render the plan's site as it
// is when the job runs, not as it was planned: it reads the site from
// p.Site, and the briefs it captured through p.Brief and p.Briefs.
type Plan struct {
	// Site is the site the jobs render: the last one planned.
	Site *site.Site
	// Global sums up what every file shows besides briefs: the
	// configuration, the theme, the topics of the navigation.
	Global uint64

	jobs     []Job
	keyFns   []func() uint64   // computes jobs[i].Key
	deps     map[string][]int  // the jobs whose key covers a brief, by brief path
	always   []int             // jobs keyed again on every plan
	briefKey map[string]uint64 // each brief's own key, by path
	planned  []*site.Brief     // the site's briefs when its families planned it
	edited   map[string]*site.Brief
}

// Add appends a job whose key keyFn computes once the plan is made; the
// key covers the briefs in deps, and a job with deps is keyed again when
// one of them changes.
func (p *Plan) Add(path string, render func(*bytes.Buffer) error, keyFn func() uint64, deps ...*site.Brief) {
	i := len(p.jobs)
	p.jobs = append(p.jobs, Job{Path: path, Render: render})
	p.keyFns = append(p.keyFns, keyFn)
	for _, b := range deps {
		p.deps[b.Path] = append(p.deps[b.Path], i)
	}
}

// AddEvery is Add for a job whose key covers every brief of the site, such
// as a sitemap: it is keyed again on every plan.
func (p *Plan) AddEvery(path string, render func(*bytes.Buffer) error, keyFn func() uint64) {
	p.always = append(p.always, len(p.jobs))
	p.Add(path, render, keyFn)
}

// BriefKey returns the key of what a page or feed shows of a brief of the
// site (Key.Brief), hashed once per version.
func (p *Plan) BriefKey(b *site.Brief) uint64 { return p.briefKey[b.Path] }

// Brief returns the brief of p.Site in the place of b, a brief of the site
// the families planned: b itself, or its edited version.
func (p *Plan) Brief(b *site.Brief) *site.Brief {
	if e := p.edited[b.Path]; e != nil {
		return e
	}
	return b
}

// Briefs is Brief for a list of briefs. It returns briefs itself when none
// was edited.
func (p *Plan) Briefs(briefs []*site.Brief) []*site.Brief {
	if len(p.edited) == 0 {
		return briefs
	}
	out := make([]*site.Brief, len(briefs))
	for i, b := range briefs {
		out[i] = p.Brief(b)
	}
	return out
}

// Planner plans a site with its families, and plans the same site again
// incrementally.
type Planner struct {
	families []Family
	last     *Plan
}

// NewPlanner returns a Planner of families, whose jobs come in their order.
func NewPlanner(families ...Family) *Planner { return &Planner{families: families} }

// Plan returns a job for every file of the site, in a fixed order. global
// sums up what every file shows besides briefs.
//
// Planning a site of the same lineage as the last one (see
// site.Site.Lineage) with the same global is incremental: only the keys of
// jobs that show an edited brief are computed again.
func (pl *Planner) Plan(s *site.Site, global uint64) []Job {
	p := pl.last
	if p != nil && p.Site.Lineage() == s.Lineage() && p.Global == global {
		p.replan(s)
	} else {
		p = &Plan{Site: s, Global: global, deps: map[string][]int{},
			briefKey: make(map[string]uint64, len(s.Briefs)), planned: s.Briefs}
		// Each brief's own key, hashed once: list pages and feeds combine them.
		keys := make([]uint64, len(s.Briefs))
		parallel.For(len(s.Briefs), func(i int) { keys[i] = NewKey().Brief(s.Briefs[i]).Sum() })
		for i, b := range s.Briefs {
			p.briefKey[b.Path] = keys[i]
		}
		for _, f := range pl.families {
			f.Plan(p)
		}
		// A site of 100,000 briefs has 170,000 keys to hash, some over
		// thousands of briefs: on every core.
		parallel.For(len(p.jobs), func(i int) { p.jobs[i].Key = p.keyFns[i]() })
		pl.last = p
	}
	jobs := append(make([]Job, 0, len(p.jobs)+16), p.jobs...)
	for _, f := range pl.families {
		if fresh, ok := f.(FreshFamily); ok {
			jobs = append(jobs, fresh.Fresh(p)...)
		}
	}
	return jobs
}

// replan makes p the plan of s, a site of the lineage of p.Site: it
// updates the keys of the jobs that show briefs edited since.
func (p *Plan) replan(s *site.Site) {
	p.Site, p.edited = s, map[string]*site.Brief{}
	rekey := map[int]bool{}
	for _, i := range p.always {
		rekey[i] = true
	}
	for i, b := range s.Briefs {
		if b == p.planned[i] {
			continue
		}
		p.edited[b.Path] = b
		key := NewKey().Brief(b).Sum()
		if key == p.briefKey[b.Path] {
			continue
		}
		p.briefKey[b.Path] = key
		for _, i := range p.deps[b.Path] {
			rekey[i] = true
		}
	}
	for i := range rekey {
		p.jobs[i].Key = p.keyFns[i]()
	}
}
