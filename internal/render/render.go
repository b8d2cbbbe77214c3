// Package render turns a site model and a theme into the bytes of every output file.
package render

import (
	"bytes"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/parallel"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/slab"
	"github.com/briefs-dev/briefs/internal/theme"
)

// Page is the data of every page template.
type Page struct {
	Site        *site.Site
	Kind        string // home, brief, topic, author, month, topics, authors, archive, 404
	Title       string
	Description string
	Path        string // the page's site path: "briefs/x/"
	Brief       *site.Brief
	Pager       *site.Pager
	Term        *site.Term
	Month       *site.Month
	Terms       []*site.Term
	Months      []*site.Month
	Feeds       []Feed
	Nav         []*site.Term
}

// Feed is an alternate feed link for a page's head.
type Feed struct {
	Title string
	Type  string // MIME type
	Path  string
}

// Card is what the card partial receives: one brief in a list.
type Card struct {
	Site  *site.Site
	Brief *site.Brief
}

// Job renders one output file. Key summarises every input of the file: two
// jobs with the same Path and Key render the same bytes, so a rebuild can
// reuse the previous bytes instead of calling Render.
type Job struct {
	Path   string // slash path in the output: "briefs/x/index.html"
	Key    uint64
	Render func() ([]byte, error)
	// WriteTo, when set, appends the same bytes as Render to w. A caller
	// that only writes the bytes out can reuse one buffer for many files
	// instead of keeping a new slice of each: pages, editions and the
	// briefs' JSON, most of a build's bytes, have it.
	WriteTo func(w *bytes.Buffer) error
	// Deferred marks a slow file that no page embeds (the search index):
	// the preview may serve a rebuild's pages before rendering it.
	Deferred bool
}

// Renderer plans the output of a site.
type Renderer struct {
	cfg   *config.Config
	theme *theme.Theme
	// configKey identifies the configuration (and anything else global the
	// caller knows of), mixed into every job's key.
	configKey uint64

	// cards caches each brief's card: a brief appears on five or so list
	// pages, and its card is the same on each.
	mu     sync.Mutex
	cards  map[*site.Brief]cachedCard
	slab   slab.Slab // holds the cards' HTML
	global uint64    // the global key of the current plan, part of a card's key
	// partials caches the output of partialCached by partial and variant,
	// for the plan whose global key is partialsGlobal.
	partials       map[string]template.HTML
	partialsGlobal uint64

	pub publishing // the publishing outputs' state: publish.go

	last *plan // the last full plan, for planning the same site again
}

type cachedCard struct {
	key  uint64
	html template.HTML
}

// Funcs returns the template functions of a site with configuration cfg.
// They must be given to theme.Load.
func Funcs(cfg *config.Config) template.FuncMap {
	loc := cfg.Location()
	s := urlSite(cfg)
	return template.FuncMap{
		"url":         s.URL,
		"absURL":      s.AbsURL,
		"html":        func(s string) template.HTML { return template.HTML(s) },
		"date":        func(t time.Time) string { return formatDate(t, loc) },
		"datetime":    func(t time.Time) string { return formatDatetime(t, loc) },
		"timeOfDay":   func(t time.Time) string { return formatTimeOfDay(t, loc) },
		"newsArticle": newsArticle,
		"card":        func(s *site.Site, b *site.Brief) Card { return Card{s, b} },
		"add":         func(a, b int) int { return a + b },
	}
}

// urlSite is the site whose URL and AbsURL methods are the url and absURL
// template functions.
func urlSite(cfg *config.Config) *site.Site {
	s := &site.Site{Config: cfg}
	s.BaseURL, s.BasePath = cfg.BaseURL, site.BasePath(cfg.BaseURL)
	return s
}

// formatDate, formatDatetime and formatTimeOfDay write a time in the
// site's time zone loc: "June 3, 2026", RFC 3339, "9:05 a.m. EDT".
func formatDate(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("January 2, 2006")
}

func formatDatetime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(time.RFC3339)
}

func formatTimeOfDay(t time.Time, loc *time.Location) string {
	return meridiem.Replace(t.In(loc).Format("3:04 PM MST"))
}

var meridiem = strings.NewReplacer("AM", "a.m.", "PM", "p.m.")

// New returns a Renderer. configKey should change whenever the site's
// configuration or build options change.
//
// load loads the theme with the template functions it is given: Funcs(cfg)
// and the ones bound to this Renderer ("cardHTML").
func New(cfg *config.Config, configKey uint64, load func(template.FuncMap) (*theme.Theme, error)) (*Renderer, error) {
	r := &Renderer{cfg: cfg, configKey: configKey, cards: map[*site.Brief]cachedCard{}}
	funcs := Funcs(cfg)
	funcs["cardHTML"] = r.cardHTML
	funcs["partialCached"] = r.partialCached
	funcs["ogImage"] = r.ogImage
	th, err := load(funcs)
	if err != nil {
		return nil, err
	}
	r.theme = th
	return r, nil
}

// Theme returns the theme the Renderer uses.
func (r *Renderer) Theme() *theme.Theme { return r.theme }

// maxNav is how many topics the header shows.
const maxNav = 6

// feedSize is how many briefs a feed carries.
const feedSize = 20

// Plan returns a job for every file of the site, in a fixed order.
//
// Planning the same *site.Site again, after site.Update changed some of
// its briefs in place, is incremental: only the keys of jobs that show a
// changed brief are computed again.
func (r *Renderer) Plan(s *site.Site) []Job {
	nav := navTopics(s.Topics)
	g := newKey(r.configKey, r.theme.Version())
	for _, t := range nav {
		g.str(t.Path).str(t.Name)
	}
	if s.Preview {
		g.str("preview")
	}
	global := g.sum()
	r.mu.Lock()
	r.global = global
	r.mu.Unlock()
	if p := r.last; p != nil && p.site == s && p.global == global {
		return r.replan(p)
	}
	p := &plan{site: s, global: global, briefKey: make(map[*site.Brief]uint64, len(s.Briefs)),
		version: make(map[*site.Brief]uint64, len(s.Briefs)), deps: map[*site.Brief][]int{}}
	// Each brief's own key, hashed once: list pages and feeds combine them.
	keys := make([]uint64, len(s.Briefs))
	parallel.For(len(s.Briefs), func(i int) { keys[i] = newKey().brief(s.Briefs[i]).sum() })
	for i, b := range s.Briefs {
		p.briefKey[b], p.version[b] = keys[i], b.Version
	}
	r.mu.Lock()
	for b := range r.cards {
		if _, published := p.briefKey[b]; !published {
			delete(r.cards, b)
		}
	}
	r.mu.Unlock()
	r.planPages(p, nav)
	// A site of 100,000 briefs has 170,000 keys to hash, some over
	// thousands of briefs: on every core.
	parallel.For(len(p.jobs), func(i int) { p.jobs[i].Key = p.keyFns[i]() })
	r.last = p
	return r.finish(p)
}

// plan is what Plan keeps to plan the same site again.
type plan struct {
	site     *site.Site
	global   uint64
	jobs     []Job
	keyFns   []func() uint64        // computes jobs[i].Key
	deps     map[*site.Brief][]int  // the jobs whose key covers a brief
	always   []int                  // jobs keyed again on every plan
	briefKey map[*site.Brief]uint64 // each brief's own key
	version  map[*site.Brief]uint64 // the Version briefKey was made from
}

// add appends a job whose key keyFn computes, once the plan is finished;
// its key covers the briefs in deps (nil deps with all set: every brief).
func (p *plan) add(path string, render func() ([]byte, error), keyFn func() uint64, all bool, deps ...*site.Brief) {
	i := len(p.jobs)
	p.jobs = append(p.jobs, Job{Path: path, Render: render})
	p.keyFns = append(p.keyFns, keyFn)
	if all {
		p.always = append(p.always, i)
	}
	for _, b := range deps {
		p.deps[b] = append(p.deps[b], i)
	}
}

// addWriter is add for a job that writes into a buffer: see Job.WriteTo.
func (p *plan) addWriter(path string, write func(*bytes.Buffer) error, keyFn func() uint64, all bool, deps ...*site.Brief) {
	p.add(path, func() ([]byte, error) { return written(write) }, keyFn, all, deps...)
	p.jobs[len(p.jobs)-1].WriteTo = write
}

// buffers holds the buffers that jobs without a caller's buffer write into.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

// putBuffer returns b to the pool, but for a rare huge file's.
func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		b.Reset()
		buffers.Put(b)
	}
}

// written returns what write writes, as a new byte slice of its size.
func written(write func(*bytes.Buffer) error) ([]byte, error) {
	w := getBuffer()
	defer putBuffer(w)
	if err := write(w); err != nil {
		return nil, err
	}
	return bytes.Clone(w.Bytes()), nil
}

// replan updates the keys of the jobs that show briefs whose Version
// changed since p was made.
func (r *Renderer) replan(p *plan) []Job {
	rekey := map[int]bool{}
	for _, i := range p.always {
		rekey[i] = true
	}
	for _, b := range p.site.Briefs {
		if p.version[b] == b.Version {
			continue
		}
		p.briefKey[b], p.version[b] = newKey().brief(b).sum(), b.Version
		for _, i := range p.deps[b] {
			rekey[i] = true
		}
	}
	for i := range rekey {
		p.jobs[i].Key = p.keyFns[i]()
	}
	return r.finish(p)
}

// finish adds the jobs planned afresh every time to p's.
func (r *Renderer) finish(p *plan) []Job {
	extra := r.siteWideJobs(p.site, p.global, p.briefKey)
	jobs := make([]Job, 0, len(p.jobs)+len(extra))
	return append(append(jobs, p.jobs...), extra...)
}

// planPages plans the pages, feeds and other files of the site into p.
func (r *Renderer) planPages(p *plan, nav []*site.Term) {
	s, global, briefKey := p.site, p.global, p.briefKey
	siteFeeds := []Feed{
		{Title: s.Config.Title + " (RSS)", Type: "application/rss+xml", Path: "feed.xml"},
		{Title: s.Config.Title + " (Atom)", Type: "application/atom+xml", Path: "atom.xml"},
		{Title: s.Config.Title + " (JSON Feed)", Type: "application/feed+json", Path: "feed.json"},
	}
	// page adds the job of one page. The Page is made when it renders, so a
	// brief updated in place shows its new title.
	page := func(tmpl string, path string, make func() *Page, keyFn func() uint64, deps ...*site.Brief) {
		file := path + "index.html"
		if tmpl == "404.html" {
			file = "404.html"
		}
		p.addWriter(file, func(w *bytes.Buffer) error {
			pg := make()
			pg.Site, pg.Nav = s, nav
			if pg.Feeds == nil {
				pg.Feeds = siteFeeds
			}
			return r.writePageTo(w, tmpl, pg)
		}, keyFn, false, deps...)
	}
	fixed := func(k uint64) func() uint64 { return func() uint64 { return k } }
	lists := func(kind, title, base string, briefs []*site.Brief, extra func(*Page), feeds []Feed) {
		for _, pg := range site.Paginate(briefs, s.Config.Paginate, base) {
			pageTitle := title
			if pg.Number > 1 {
				pageTitle = title + " – page " + strconv.Itoa(pg.Number)
			}
			head := newKey(global).str(kind).str(pg.Path).str(pageTitle).num(uint64(pg.Total)).sum()
			keyFn := func() uint64 {
				k := newKey(head)
				for _, b := range pg.Briefs {
					k.num(briefKey[b])
				}
				return k.sum()
			}
			page(kind2tmpl(kind), pg.Path, func() *Page {
				p := &Page{Kind: kind, Title: pageTitle, Path: pg.Path, Pager: pg, Feeds: feeds,
					Description: s.Config.Description}
				if extra != nil {
					extra(p)
				}
				return p
			}, keyFn, pg.Briefs...)
		}
	}

	lists("home", s.Config.Title, "", s.Briefs, nil, nil)
	for _, b := range s.Briefs {
		page("brief.html", b.Path, func() *Page {
			return &Page{Kind: "brief", Title: b.Title, Description: b.Summary, Path: b.Path, Brief: b}
		}, func() uint64 { return r.photoKey(newKey(global).str("brief").num(briefKey[b]), b).sum() }, b)
	}
	for _, kind := range []string{"topic", "author"} {
		terms, label := s.Topics, "Topic: "
		if kind == "author" {
			terms, label = s.Authors, ""
		}
		idx := newKey(global).str(kind + "s")
		for _, t := range terms {
			idx.str(t.Path).str(t.Name).num(uint64(len(t.Briefs)))
			feeds := append(termFeeds(s, t), siteFeeds...)
			lists(kind, label+t.Name, t.Path, t.Briefs, func(p *Page) { p.Term = t }, feeds)
		}
		title := "Topics"
		if kind == "author" {
			title = "Authors"
		}
		page("terms.html", kind+"s/", func() *Page {
			return &Page{Kind: kind + "s", Title: title, Path: kind + "s/", Terms: terms,
				Description: title + " of " + s.Config.Title}
		}, fixed(idx.sum()))
	}
	arch := newKey(global).str("archive")
	for _, m := range s.Months {
		arch.str(m.Path).num(uint64(len(m.Briefs)))
		lists("month", m.Start.Format("January 2006"), m.Path, m.Briefs, func(p *Page) { p.Month = m }, nil)
	}
	page("archive.html", "archive/", func() *Page {
		return &Page{Kind: "archive", Title: "Archive", Path: "archive/", Months: s.Months,
			Description: "Every brief of " + s.Config.Title + " by month"}
	}, fixed(arch.sum()))
	page("404.html", "404.html", func() *Page {
		return &Page{Kind: "404", Title: "Page not found", Path: "404.html"}
	}, fixed(newKey(global).str("404").sum()))

	r.planFeeds(p, "", s.Config.Title, s.Briefs)
	for _, t := range s.Topics {
		r.planFeeds(p, t.Path, s.Config.Title+": "+t.Name, t.Briefs)
	}
	sitemapJob(p)
	robots := robotsJob(s, global)
	p.add(robots.Path, robots.Render, fixed(robots.Key), false)
	r.planPublishing(p)
	for _, path := range sortedKeys(r.theme.Assets()) {
		data := r.theme.Assets()[path]
		p.add("assets/"+path, func() ([]byte, error) { return data, nil },
			fixed(newKey(r.theme.Version()).str(path).sum()), false)
	}
}

// writePageTo writes the page pg with page template tmpl to w.
func (r *Renderer) writePageTo(w *bytes.Buffer, tmpl string, pg *Page) error {
	return r.theme.Execute(w, tmpl, pg)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func kind2tmpl(kind string) string {
	if kind == "home" {
		return "home.html"
	}
	return "list.html"
}

func termFeeds(s *site.Site, t *site.Term) []Feed {
	return []Feed{
		{Title: s.Config.Title + ": " + t.Name + " (RSS)", Type: "application/rss+xml", Path: t.Path + "feed.xml"},
		{Title: s.Config.Title + ": " + t.Name + " (Atom)", Type: "application/atom+xml", Path: t.Path + "atom.xml"},
		{Title: s.Config.Title + ": " + t.Name + " (JSON Feed)", Type: "application/feed+json", Path: t.Path + "feed.json"},
	}
}

// navTopics returns the largest topics, largest first, then by name.
func navTopics(topics []*site.Term) []*site.Term {
	nav := append([]*site.Term(nil), topics...)
	sort.SliceStable(nav, func(i, j int) bool { return len(nav[i].Briefs) > len(nav[j].Briefs) })
	if len(nav) > maxNav {
		nav = nav[:maxNav]
	}
	return nav
}

// key builds a job key.
// key builds a job key: FNV-1a over the parts, written out here so that
// hashing a string needs no conversion to bytes (plans hash a lot).
type key struct{ h uint64 }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func newKey(parts ...uint64) *key {
	k := &key{fnvOffset}
	for _, p := range parts {
		k.num(p)
	}
	return k
}

func (k *key) str(s string) *key {
	h := k.h
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	k.h = (h ^ 0) * fnvPrime // a separator, so ("ab","c") and ("a","bc") differ
	return k
}

func (k *key) num(n uint64) *key {
	h := k.h
	for i := 0; i < 8; i++ {
		h = (h ^ (n & 0xff)) * fnvPrime
		n >>= 8
	}
	k.h = h
	return k
}

func (k *key) flag(f bool) *key {
	if f {
		return k.num(1)
	}
	return k.num(0)
}

// brief adds what a page or feed shows of b: its own version, and what
// comes from other briefs or the build: the names of its topics and authors
// (the newest brief naming a term spells it), the URLs of its "Go deeper"
// refs and its draft and future marks.
func (k *key) brief(b *site.Brief) *key {
	k.num(b.Version).flag(b.Draft).flag(b.Future)
	for _, terms := range [][]*site.Term{b.Topics, b.Authors} {
		k.num(uint64(len(terms)))
		for _, t := range terms {
			k.str(t.Name)
		}
	}
	for _, l := range b.GoDeeper {
		k.str(l.URL)
	}
	return k
}

// time hashes a time as RFC 3339 writes it: the instant and the offset.
func (k *key) time(t time.Time) *key {
	_, offset := t.Zone()
	return k.num(uint64(t.Unix())).num(uint64(offset))
}

func (k *key) sum() uint64 { return k.h }
