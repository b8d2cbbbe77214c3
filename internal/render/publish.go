package render

import (
	"sync"
	"time"

	"github.com/briefs-dev/briefs/internal/site"
)

// Environment is what the publishing outputs need from a build beyond the
// site itself.
type Environment struct {
	// Now is the build time: the Google News sitemap lists the briefs of
	// the two days before it. Zero means the date of the newest brief, which
	// keeps the output of tests and repeated builds the same.
	Now time.Time
	// File returns the bytes of a file that the build publishes beside the
	// rendered ones, by its output path ("briefs/x/photo.jpg",
	// "images/share.png"): bundle photos and static files. The dimensions
	// of images are read from them. Nil, or a nil result, means unknown.
	File func(path string) []byte
}

// publishing is the Renderer's state for the publishing outputs.
type publishing struct {
	mu  sync.Mutex
	env Environment
	// baseConfigKey is the configKey given to New, before the default
	// image's dimensions were mixed in.
	baseConfigKey *uint64
	images        map[string]cachedImage // by output path
	search        *searchState
	editions      map[string]*sharedEdition // by day: edition.go
}

// SetEnvironment sets what the next Plan's publishing outputs need from the
// build. Call it before Plan; a build calls it on every run.
//
// A new environment may change any job's key: the next Plan plans the site
// afresh.
func (r *Renderer) SetEnvironment(env Environment) {
	p := &r.pub
	p.mu.Lock()
	p.env = env
	p.mu.Unlock()
	r.last = nil
	// Every page without a photo shows the default image's dimensions:
	// they are part of every key, as the configuration is.
	if p.baseConfigKey == nil {
		k := r.configKey
		p.baseConfigKey = &k
	}
	k := newKey(*p.baseConfigKey)
	if img := r.defaultImage(); img != nil && img.Width > 0 {
		k.str("default image").num(uint64(img.Width)).num(uint64(img.Height))
		r.configKey = k.sum()
	} else {
		r.configKey = *p.baseConfigKey
	}
}

func (r *Renderer) environment() Environment {
	r.pub.mu.Lock()
	defer r.pub.mu.Unlock()
	return r.pub.env
}

// now is the build time the Google News sitemap counts back from.
func (r *Renderer) now(s *site.Site) time.Time {
	if t := r.environment().Now; !t.IsZero() {
		return t
	}
	var t time.Time
	for _, b := range s.Briefs {
		if b.Date.After(t) {
			t = b.Date
		}
	}
	return t
}

// planPublishing plans the files for other systems: Atom feeds and
// per-author feeds, newsletter editions and each brief as JSON.
func (r *Renderer) planPublishing(p *plan) {
	r.planAtom(p)
	for _, a := range p.site.Authors {
		r.planFeeds(p, a.Path, p.site.Config.Title+": "+a.Name, a.Briefs)
	}
	r.planEditions(p)
	r.planBriefJSON(p)
}

// siteWideJobs returns the files that show every brief (the search index
// and page, the Google News sitemap, the parts of a large sitemap): they
// are planned afresh every time.
func (r *Renderer) siteWideJobs(s *site.Site, global uint64, briefKey map[*site.Brief]uint64) []Job {
	jobs := r.searchJobs(s, global, briefKey)
	jobs = append(jobs, r.newsSitemapJob(s, global, briefKey))
	return append(jobs, sitemapPartJobs(s, global, briefKey)...)
}
