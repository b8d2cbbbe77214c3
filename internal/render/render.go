// Package render plans every output file of a site: its pages, through
// the theme, and the files of the other output families, each written by
// a package of its own (feeds, sitemaps, search, editions, briefjson).
package render

import (
	"bytes"
	"html/template"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/editions"
	"github.com/briefs-dev/briefs/internal/feeds"
	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/search"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/slab"
	"github.com/briefs-dev/briefs/internal/theme"
)

// Page is the data of every page template.
type Page struct {
	Site        *site.Site
	Kind        string // home, brief, topic, author, month, topics, authors, archive, page, search, 404, gone, retracted
	Title       string
	Description string
	Path        string // the page's site path: "briefs/x/"
	Brief       *site.Brief
	Pager       *site.Pager
	Term        *site.TermLink // on a topic's or an author's list
	Month       *site.Month
	Terms       []*site.Term
	Months      []*site.Month
	Feeds       []feeds.Link
	Nav         []*site.TermLink
	Standalone  *site.Page // the standalone page a "page" shows
}

// Card is what the card partial receives: one brief in a list.
type Card struct {
	Site  *site.Site
	Brief *site.Brief
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
	cards  map[string]cachedCard // by brief path
	slab   slab.Slab             // holds the cards' HTML
	global uint64                // the global key of the current plan, part of a card's key
	// partials caches the output of partialCached by partial and variant,
	// for the plan whose global key is partialsGlobal.
	partials       map[string]template.HTML
	partialsGlobal uint64

	imgs    *images.Set   // the images of the environment
	search  *search.Index // kept between builds
	planner *plan.Planner // made anew with each environment
	// baseConfigKey is the configKey given to New, before the default
	// image's size was mixed in.
	baseConfigKey uint64
	// proc draws the social cards of briefs without a processed photo;
	// nil draws none.
	proc *images.Processor
	// words is the translator of the template functions and of the
	// titles written here: the theme's, in cfg.Language.
	words *words
}

type cachedCard struct {
	key  uint64
	html template.HTML
}

// Funcs returns the template functions of a site with configuration cfg.
// They must be given to theme.Load. Those that write words (T, messages,
// date, timeOfDay, monthYear) write them in cfg.Language, with the
// embedded default theme's translations; a Renderer's are its theme's.
func Funcs(cfg *config.Config) template.FuncMap {
	return funcs(cfg, &words{lang: cfg.Language})
}

// funcs is Funcs with the translator w.
func funcs(cfg *config.Config, w *words) template.FuncMap {
	loc := cfg.Location()
	s := urlSite(cfg)
	m := template.FuncMap{
		"url":         s.URL,
		"absURL":      s.AbsURL,
		"html":        func(s string) template.HTML { return template.HTML(s) },
		"datetime":    func(t time.Time) string { return formatDatetime(t, loc) },
		"newsArticle": newsArticle,
		"siteJSONLD":  siteJSONLD,
		"breadcrumbs": breadcrumbs,
		"ogLocale":    ogLocale,
		"profilePage": profilePage,
		"card":        func(s *site.Site, b *site.Brief) Card { return Card{s, b} },
		"add":         func(a, b int) int { return a + b },
		// editionPath is the path of the newsletter edition of the day
		// of t in the site's time zone: "editions/2026-06-07/".
		"editionPath": func(t time.Time) string { return editions.Dir(t.In(loc).Format("2006-01-02")) },
	}
	maps.Copy(m, wordFuncs(cfg, w))
	return m
}

// urlSite is the site whose URL and AbsURL methods are the url and absURL
// template functions.
func urlSite(cfg *config.Config) *site.Site {
	s := &site.Site{Config: cfg}
	s.BaseURL, s.BasePath = cfg.BaseURL, site.BasePath(cfg.BaseURL)
	return s
}

// formatDatetime writes a time in the site's time zone loc as RFC 3339,
// for <time datetime>.
func formatDatetime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(time.RFC3339)
}

// New returns a Renderer. configKey should change whenever the site's
// configuration or build options change.
//
// load loads the theme with the template functions it is given: Funcs(cfg)
// and the ones bound to this Renderer ("cardHTML").
func New(cfg *config.Config, configKey uint64, load func(template.FuncMap) (*theme.Theme, error)) (*Renderer, error) {
	r := &Renderer{cfg: cfg, configKey: configKey, baseConfigKey: configKey, cards: map[string]cachedCard{}, search: search.New(),
		words: &words{lang: cfg.Language}}
	funcs := funcs(cfg, r.words)
	funcs["cardHTML"] = r.cardHTML
	funcs["partialCached"] = r.partialCached
	funcs["ogImage"] = r.ogImage
	funcs["picture"] = r.picture
	funcs["newsArticle"] = r.newsArticle
	th, err := load(funcs)
	if err != nil {
		return nil, err
	}
	if cat := th.Translations(); cat != nil {
		r.words.set(cat.For(cfg.Language))
	}
	if err := checkGoKeys(r.words.get()); err != nil {
		return nil, err
	}
	r.theme = th
	r.SetEnvironment(Environment{})
	return r, nil
}

// Theme returns the theme the Renderer uses.
func (r *Renderer) Theme() *theme.Theme { return r.theme }

// maxNav is how many topics the header shows.
const maxNav = 6

// Plan returns a job for every file of the site, in a fixed order: the
// pages, and the files of each output family the site has on.
//
// Planning a site that site.Site.With made from the last one is
// incremental: only the keys of jobs that show an edited brief are
// computed again.
func (r *Renderer) Plan(s *site.Site) []plan.Job {
	nav := navTopics(s.Topics)
	g := plan.NewKey(r.configKey, r.theme.Version())
	for _, t := range nav {
		g.Str(t.Path).Str(t.Name)
	}
	if s.Preview {
		g.Str("preview")
	}
	for _, pg := range s.Pages { // every page's header or footer may link them
		g.Str(pg.Path).Str(pg.Title).Str(pg.Menu)
	}
	global := g.Sum()
	r.mu.Lock()
	r.global = global
	if len(r.cards) > len(s.Briefs) { // some briefs are no longer published
		live := make(map[string]bool, len(s.Briefs))
		for _, b := range s.Briefs {
			live[b.Path] = true
		}
		for path := range r.cards {
			if !live[path] {
				delete(r.cards, path)
			}
		}
	}
	r.mu.Unlock()
	return r.planner.Plan(s, global)
}

// pages is the Renderer as the family of a site's pages.
type pages struct{ r *Renderer }

// Plan plans the pages of the site and the theme's assets.
func (f pages) Plan(p *plan.Plan) { f.r.planPages(p, navTopics(p.Site.Topics)) }

// planPages plans the pages, feeds and other files of the site into p.
//
// A page's data is made when it renders, from the plan's site as it is
// then: a brief edited since the plan was made shows its new version.
func (r *Renderer) planPages(p *plan.Plan, nav []*site.TermLink) {
	s, global := p.Site, p.Global
	siteFeeds := feeds.Links(s.Config, "", s.Config.Title)
	// page adds the job of one page.
	page := func(tmpl string, path string, make func() *Page, keyFn func() uint64, deps ...*site.Brief) {
		file := path + "index.html"
		if tmpl == "404.html" {
			file = "404.html"
		}
		p.Add(file, func(w *bytes.Buffer) error {
			pg := make()
			pg.Site, pg.Nav = p.Site, nav
			if pg.Feeds == nil {
				pg.Feeds = siteFeeds
			}
			return r.theme.Execute(w, tmpl, pg)
		}, keyFn, deps...)
	}
	fixed := func(k uint64) func() uint64 { return func() uint64 { return k } }
	lists := func(kind, title, base string, briefs []*site.Brief, extra func(*Page), links []feeds.Link) {
		for _, pg := range site.Paginate(briefs, s.Config.Paginate, base) {
			pageTitle := title
			if pg.Number > 1 {
				pageTitle = r.word("page_title", "title", title, "number", pg.Number)
			}
			head := plan.NewKey(global).Str(kind).Str(pg.Path).Str(pageTitle).Num(uint64(pg.Total)).Sum()
			keyFn := func() uint64 {
				k := plan.NewKey(head)
				for _, b := range pg.Briefs {
					k.Num(p.BriefKey(b)).Photo(r.imgs, p.Brief(b))
				}
				return k.Sum()
			}
			page(listTemplate(kind), pg.Path, func() *Page {
				pager := *pg
				pager.Briefs = p.Briefs(pg.Briefs)
				lp := &Page{Kind: kind, Title: pageTitle, Path: pg.Path, Pager: &pager, Feeds: links,
					Description: s.Config.Description}
				if extra != nil {
					extra(lp)
				}
				return lp
			}, keyFn, pg.Briefs...)
		}
	}

	lists("home", s.Config.Title, "", s.Briefs, nil, nil)
	for _, b := range s.Briefs {
		page("brief.html", b.Path, func() *Page {
			b := p.Brief(b)
			return &Page{Kind: "brief", Title: b.Title, Description: b.Summary, Path: b.Path, Brief: b}
		}, func() uint64 {
			k := plan.NewKey(global).Str("brief").Num(p.BriefKey(b)).Photo(r.imgs, p.Brief(b))
			if v := s.LanguageVariant(b.Path); v != "" { // its translations: hreflang, the switcher
				k.Str(v)
			}
			return k.Sum()
		}, b)
	}
	for _, b := range s.Expired {
		page("gone.html", b.Path, func() *Page {
			return &Page{Kind: "gone", Title: r.word("gone_page_title"), Path: b.Path}
		}, fixed(plan.NewKey(global).Str("gone").Str(b.Path).Sum()))
	}
	for _, b := range s.Retracted {
		page("retracted.html", b.Path, func() *Page {
			// The notice shows the headline and the retraction; the
			// photo is no longer published, so no page may point at it.
			notice := *b
			notice.Photo = nil
			return &Page{Kind: "retracted", Title: r.word("retracted_prefix", "text", b.Title),
				Description: r.word("retracted_prefix", "text", b.Retracted.Reason), Path: b.Path, Brief: &notice}
		}, func() uint64 {
			return plan.NewKey(global).Str("retracted").Str(b.Path).Str(b.Title).Str(b.Retracted.Reason).
				Str(b.Retracted.Date.String()).Str(b.Date.String()).Sum()
		})
	}
	for _, kind := range []string{"topic", "author"} {
		terms := s.Topics
		label := func(name string) string { return r.word("topic_title", "name", name) }
		current := func() []*site.Term { return p.Site.Topics }
		if kind == "author" {
			terms, label = s.Authors, func(name string) string { return name }
			current = func() []*site.Term { return p.Site.Authors }
		}
		idx := plan.NewKey(global).Str(kind + "s")
		for _, t := range terms {
			idx.Str(t.Path).Str(t.Name).Num(uint64(len(t.Briefs)))
			links := append(feeds.Links(s.Config, t.Path, s.Config.Title+": "+t.Name), siteFeeds...)
			lists(kind, label(t.Name), t.Path, t.Briefs, func(p *Page) {
				p.Term = t.TermLink
				if d := termDescription(t.TermLink); d != "" {
					p.Description = d
				}
			}, links)
		}
		title := r.word(kind + "s")
		description := r.word(kind+"s_description", "site", s.Config.Title)
		page("terms.html", kind+"s/", func() *Page {
			return &Page{Kind: kind + "s", Title: title, Path: kind + "s/", Terms: current(),
				Description: description}
		}, fixed(idx.Sum()))
	}
	arch := plan.NewKey(global).Str("archive")
	for i, m := range s.Months {
		arch.Str(m.Path).Num(uint64(len(m.Briefs)))
		lists("month", r.words.get().MonthYear(m.Start), m.Path, m.Briefs, func(pg *Page) { pg.Month = p.Site.Months[i] }, nil)
	}
	page("archive.html", "archive/", func() *Page {
		return &Page{Kind: "archive", Title: r.word("archive"), Path: "archive/", Months: p.Site.Months,
			Description: r.word("archive_description", "site", s.Config.Title)}
	}, fixed(arch.Sum()))
	for i, sp := range s.Pages {
		page("page.html", sp.Path, func() *Page {
			sp := p.Site.Pages[i]
			return &Page{Kind: "page", Title: sp.Title, Description: sp.Description, Path: sp.Path, Standalone: sp}
		}, fixed(plan.NewKey(global).Str("page").Str(sp.Path).Num(sp.Version).Sum()))
	}
	page("404.html", "404.html", func() *Page {
		return &Page{Kind: "404", Title: r.word("page_not_found"), Path: "404.html"}
	}, fixed(plan.NewKey(global).Str("404").Sum()))

	if s.Config.Outputs.Enabled("search") {
		page("search.html", "search/", func() *Page {
			return &Page{Kind: "search", Title: r.word("search"), Path: "search/",
				Description: r.word("search_description", "site", s.Config.Title)}
		}, fixed(plan.NewKey(global).Str("search page").Sum()))
	}
	assets := r.theme.Assets()
	for _, path := range slices.Sorted(maps.Keys(assets)) {
		if strings.HasPrefix(path, "search.") && !s.Config.Outputs.Enabled("search") {
			continue // the search page's script and styles, without the page
		}
		data := assets[path]
		p.Add("assets/"+path, func(w *bytes.Buffer) error { w.Write(data); return nil },
			fixed(plan.NewKey(r.theme.Version()).Str(path).Sum()))
	}
}

// listTemplate returns the page template of a list of kind.
func listTemplate(kind string) string {
	if kind == "home" {
		return "home.html"
	}
	return "list.html"
}

// navTopics returns the largest topics, largest first, then by name.
func navTopics(topics []*site.Term) []*site.TermLink {
	largest := slices.Clone(topics)
	sort.SliceStable(largest, func(i, j int) bool { return len(largest[i].Briefs) > len(largest[j].Briefs) })
	nav := make([]*site.TermLink, 0, min(len(largest), maxNav))
	for _, t := range largest[:min(len(largest), maxNav)] {
		nav = append(nav, t.TermLink)
	}
	return nav
}
