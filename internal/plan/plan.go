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
// with what it takes to plan the same site again after some of its briefs
// changed in place.
type Plan struct {
	Site *site.Site
	// Global sums up what every file shows besides briefs: the
	// configuration, the theme, the topics of the navigation.
	Global uint64

	jobs     []Job
	keyFns   []func() uint64        // computes jobs[i].Key
	deps     map[*site.Brief][]int  // the jobs whose key covers a brief
	always   []int                  // jobs keyed again on every plan
	briefKey map[*site.Brief]uint64 // each brief's own key
	version  map[*site.Brief]uint64 // the Version briefKey was made from
}

// Add appends a job whose key keyFn computes once the plan is made; the
// key covers the briefs in deps, and a job with deps is keyed again when
// one of them changes.
func (p *Plan) Add(path string, render func(*bytes.Buffer) error, keyFn func() uint64, deps ...*site.Brief) {
	i := len(p.jobs)
	p.jobs = append(p.jobs, Job{Path: path, Render: render})
	p.keyFns = append(p.keyFns, keyFn)
	for _, b := range deps {
		p.deps[b] = append(p.deps[b], i)
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
func (p *Plan) BriefKey(b *site.Brief) uint64 { return p.briefKey[b] }

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
// Planning the same *site.Site again with the same global, after
// site.Update changed some of its briefs in place, is incremental: only the
// keys of jobs that show a changed brief are computed again.
func (pl *Planner) Plan(s *site.Site, global uint64) []Job {
	p := pl.last
	if p != nil && p.Site == s && p.Global == global {
		p.replan()
	} else {
		p = &Plan{Site: s, Global: global, deps: map[*site.Brief][]int{},
			briefKey: make(map[*site.Brief]uint64, len(s.Briefs)), version: make(map[*site.Brief]uint64, len(s.Briefs))}
		// Each brief's own key, hashed once: list pages and feeds combine them.
		keys := make([]uint64, len(s.Briefs))
		parallel.For(len(s.Briefs), func(i int) { keys[i] = NewKey().Brief(s.Briefs[i]).Sum() })
		for i, b := range s.Briefs {
			p.briefKey[b], p.version[b] = keys[i], b.Version
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

// replan updates the keys of the jobs that show briefs whose Version
// changed since p was made.
func (p *Plan) replan() {
	rekey := map[int]bool{}
	for _, i := range p.always {
		rekey[i] = true
	}
	for _, b := range p.Site.Briefs {
		if p.version[b] == b.Version {
			continue
		}
		p.briefKey[b], p.version[b] = NewKey().Brief(b).Sum(), b.Version
		for _, i := range p.deps[b] {
			rekey[i] = true
		}
	}
	for i := range rekey {
		p.jobs[i].Key = p.keyFns[i]()
	}
}
