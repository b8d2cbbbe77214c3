// Package site is the site model: briefs with their taxonomies, archives, pagination and URLs, as pure data.
package site

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/slug"
)

// Brief is one brief ready to render. Paths are relative to the site's base
// URL and end in a slash: "briefs/x/".
type Brief struct {
	Source  *content.Source
	Slug    string
	Title   string
	Summary string // from front matter, else the lede's text
	// Dek is the summary a page shows under its title: the front
	// matter's, or "" when there is none or it only repeats the lede,
	// which the page shows right after.
	Dek         string
	Date        time.Time
	Updated     time.Time // zero when never updated
	Draft       bool
	Future      bool      // goes live after the build time
	PublishAt   time.Time // when the brief goes live: publish_at, else Date
	Expires     time.Time // when the brief leaves the site; zero for never
	Expired     bool      // left the site by the build time
	Retracted   *content.Retraction
	Authors     []*TermLink
	Topics      []*TermLink
	Photo       *Photo
	GoDeeper    []Link
	Corrections []content.Correction
	Params      map[string]any
	Body        *markdown.Result
	Path        string
	// Version changes whenever the brief's file or body changes.
	Version uint64
	// goDeeper holds the typeset titles of the front matter's go_deeper
	// entries, in order: New makes them Links.
	goDeeper []string
}

// Photo is a brief's lead image, with its URL resolved.
type Photo struct {
	URL     string // absolute URL, or a path relative to the site base
	Alt     string
	Credit  string
	Caption string
}

// Link is a resolved "Go deeper" link.
type Link struct {
	Title    string
	URL      string // absolute URL, or a path relative to the site base; "" for a brief that is not published
	Internal bool   // the link names a brief of the site
}

// LastModified returns the latest LastModified of briefs, or the zero time.
func LastModified(briefs []*Brief) time.Time {
	var t time.Time
	for _, b := range briefs {
		if m := b.LastModified(); m.After(t) {
			t = m
		}
	}
	return t
}

// LastModified is Modified, or Date when the brief was never changed.
func (b *Brief) LastModified() time.Time {
	if m := b.Modified(); !m.IsZero() {
		return m
	}
	return b.Date
}

// Modified is the last time the brief changed after it was published: the
// latest of Updated and its corrections' dates, or the zero time when
// none is after Date. Every output that shows a modification time shows
// this one, so a correction moves them all.
func (b *Brief) Modified() time.Time {
	var t time.Time
	if b.Updated.After(b.Date) {
		t = b.Updated
	}
	for _, c := range b.Corrections {
		if c.Date.After(b.Date) && c.Date.After(t) {
			t = c.Date
		}
	}
	return t
}

// Section returns the brief's first section with the given name or id.
func (b *Brief) Section(name string) *markdown.Section {
	key := config.SectionKey(name)
	for i, s := range b.Body.Sections {
		if s.ID == name || config.SectionKey(s.Name) == key {
			return &b.Body.Sections[i]
		}
	}
	return nil
}

// TermLink is a topic or an author as a brief names it: a name, and the
// page of the briefs filed under it.
type TermLink struct {
	Name string
	Slug string
	Path string // "topics/cabinet/"
	// Author or Topic is the term's entry of the site's registries
	// ([[authors]], [[topics]]), or nil; Name is then the entry's.
	Author *config.Author
	Topic  *config.Topic
}

// Term is a topic or an author with the briefs filed under it, newest first.
type Term struct {
	*TermLink
	Briefs []*Brief
}

// Month is a month of the archive.
type Month struct {
	Start  time.Time // first instant of the month in the site's time zone
	Path   string    // "archive/2026/06/"
	Briefs []*Brief
}

// Site is everything a build renders.
type Site struct {
	Config   *config.Config
	BaseURL  string // absolute, ends in "/"
	BasePath string // the path of BaseURL: "/" or "/news/"
	Briefs   []*Brief
	Topics   []*Term // by name
	Authors  []*Term // by name
	Months   []*Month
	// Expired holds the briefs that were live and have expired: their URL
	// answers with a page that says so, without their headline.
	Expired []*Brief
	// Retracted holds the briefs withdrawn by their editors: their URL
	// shows a notice, and no list, feed or index has them.
	Retracted []*Brief
	// Pages are the standalone pages, by file (SetPages).
	Pages []*Page
	// Preview is set by the preview server: drafts and future briefs are
	// marked as such on their pages.
	Preview bool
	// Languages indexes the sites of a site in several languages, Lang
	// being this one's (languages.go); nil for a site of one language.
	Languages *Languages
	Lang      int

	// all is every brief loaded, published or not, by source path; the
	// maps index it, and say which are published. With shares them.
	all       []*Brief
	byRef     map[string]int // content.Source.Ref → index in all
	bySlug    map[string]int // lower-cased slug → index in all
	published map[string]bool
	changes   []Change // after the build time, earliest first: schedule.go
	aliases   []Alias  // aliases.go
	// lineage is shared by a site and the sites made from it by With,
	// which have the same briefs in the same places.
	lineage uint64
	opts    Options // as New was given them
}

// Options selects which briefs a site includes.
type Options struct {
	Drafts bool
	Future bool
	Now    time.Time // the build time, for future briefs
	// Elsewhere, on a site in several languages, finds the brief of
	// another language that a go_deeper ref names when no brief of this
	// site does (languages.go).
	Elsewhere *Elsewhere
}

// NewBrief builds a Brief from its source and converted body.
func NewBrief(src *content.Source, body *markdown.Result) *Brief {
	fm := &src.Front
	b := &Brief{
		Source:      src,
		Slug:        src.Slug,
		Title:       markdown.Typeset(strings.TrimSpace(fm.Title)),
		Summary:     markdown.Typeset(strings.TrimSpace(fm.Summary)),
		Date:        fm.Date,
		Updated:     fm.Updated,
		PublishAt:   fm.PublishAt,
		Expires:     fm.Expires,
		Retracted:   fm.Retracted,
		Draft:       fm.Draft,
		Corrections: typesetCorrections(fm.Corrections),
		Params:      fm.Params,
		Body:        body,
		Path:        src.URLPath(),
	}
	if b.Summary == "" {
		b.Summary = firstParagraph(body.LedeText)
	} else if b.Summary != firstParagraph(body.LedeText) {
		b.Dek = b.Summary
	}
	for _, l := range fm.GoDeeper {
		b.goDeeper = append(b.goDeeper, markdown.Typeset(l.Title))
	}
	if b.PublishAt.IsZero() {
		b.PublishAt = b.Date
	}
	if p := fm.Photo; p != nil {
		b.Photo = &Photo{URL: p.Src, Alt: p.Alt, Credit: markdown.Typeset(p.Credit), Caption: markdown.Typeset(p.Caption)}
		if !strings.Contains(p.Src, "://") {
			b.Photo.URL = path.Join(b.Path, strings.TrimPrefix(p.Src, "/"))
			if strings.HasPrefix(p.Src, "/") {
				b.Photo.URL = strings.TrimPrefix(path.Clean(p.Src), "/")
			}
		}
	}
	h := fnv.New64a()
	h.Write(src.Raw)
	h.Write([]byte(body.HTML))
	h.Write([]byte(b.Path)) // lists link to it: a renamed file moves the page
	b.Version = h.Sum64()
	return b
}

// typesetCorrections returns corrections with their texts typeset, or
// corrections itself when no text changes.
func typesetCorrections(corrections []content.Correction) []content.Correction {
	var out []content.Correction
	for i, c := range corrections {
		t := markdown.Typeset(c.Text)
		if t == c.Text && out == nil {
			continue
		}
		if out == nil {
			out = slices.Clone(corrections)
		}
		out[i].Text = t
	}
	if out == nil {
		return corrections
	}
	return out
}

func firstParagraph(text string) string {
	p, _, _ := strings.Cut(text, "\n\n")
	return strings.TrimSpace(p)
}

// New assembles a site from its briefs: it drops drafts and future briefs
// unless asked for, orders briefs newest first, resolves "Go deeper" refs
// and files briefs under topics, authors and months. Duplicate slugs and
// refs to no brief are errors.
//
// The site holds copies of briefs, with what it works out for them: their
// terms, their links and whether they are in the future. The briefs passed
// in are left as they are, so one loaded brief can serve many sites.
func New(cfg *config.Config, briefs []*Brief, opts Options) (*Site, error) {
	s := &Site{Config: cfg, BaseURL: cfg.BaseURL, lineage: lineages.Add(1), opts: opts}
	s.BasePath = BasePath(cfg.BaseURL)
	s.all = make([]*Brief, len(briefs))
	for i, b := range briefs {
		c := *b
		s.all[i] = &c
	}
	sort.Slice(s.all, func(i, j int) bool { return s.all[i].Source.Path < s.all[j].Source.Path })
	s.byRef = make(map[string]int, len(s.all))
	s.bySlug = make(map[string]int, len(s.all))
	srcs := make([]*content.Source, len(s.all))
	for i, b := range s.all {
		s.byRef[b.Source.Ref] = i
		s.bySlug[strings.ToLower(b.Slug)] = i
		srcs[i] = b.Source
	}
	var errs diag.List
	errs.Add(DuplicateSlugs(srcs))
	errs.Add(checkAliases(s.all))
	s.published = make(map[string]bool, len(s.all))
	for _, b := range s.all {
		b.Future, b.Expired = b.PublishAt.After(opts.Now), b.expiredAt(opts.Now)
		if !b.Draft || opts.Drafts {
			s.changes = append(s.changes, b.changes(opts.Now)...)
		}
		switch {
		case opts.Publishes(b) && b.Retracted != nil:
			s.Retracted = append(s.Retracted, b)
		case opts.Publishes(b):
			s.published[b.Path] = true
			s.Briefs = append(s.Briefs, b)
		case b.Expired && !b.Draft && b.Expires.After(b.PublishAt): // it was live
			s.Expired = append(s.Expired, b)
		}
	}
	sortChanges(s.changes)
	for _, b := range s.all {
		var err error
		b.GoDeeper, err = s.links(b)
		errs.Add(err)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(s.Briefs, func(i, j int) bool {
		a, b := s.Briefs[i], s.Briefs[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.Slug < b.Slug
	})
	s.Topics = s.file("topics/", func(b *Brief) []string { return b.Source.Front.Topics }, func(b *Brief, t *TermLink) { b.Topics = append(b.Topics, t) })
	s.Authors = s.file("authors/", func(b *Brief) []string { return b.Source.Front.Authors }, func(b *Brief, t *TermLink) { b.Authors = append(b.Authors, t) })
	s.Months = s.archive()
	s.aliases = collectAliases(s.Briefs, s.Expired, s.Retracted)
	s.nameTerms()
	return s, nil
}

// lineages numbers the sites that New makes.
var lineages atomic.Uint64

// Lineage identifies the site New made, which this site is or which With
// made it from: sites of one lineage have the same briefs in the same
// places, in the same lists, and differ only in what those briefs say.
func (s *Site) Lineage() uint64 { return s.lineage }

// With returns a new site in which each brief of edits takes the place of
// the brief with the same source file. The site s does not change, and the
// new one shares every brief that was not edited. ok is false, and the
// site nil, when an edit would change what orders or groups briefs (its
// file, slug, date, schedule, draft flag, topics, authors, aliases or
// retraction), or has a "Go deeper" ref
// that names no brief: make the site anew with New then.
func (s *Site) With(edits ...*Brief) (next *Site, ok bool) {
	n := *s
	n.all = slices.Clone(s.all)
	replaced := make(map[*Brief]*Brief, len(edits))
	for _, e := range edits {
		i, found := s.byRef[e.Source.Ref]
		if !found {
			return nil, false
		}
		old := s.all[i]
		if old.Source.Path != e.Source.Path || old.Slug != e.Slug || !old.Date.Equal(e.Date) ||
			old.Draft != e.Draft || !slices.Equal(old.Source.Front.Topics, e.Source.Front.Topics) ||
			!slices.Equal(old.Source.Front.Authors, e.Source.Front.Authors) ||
			!old.PublishAt.Equal(e.PublishAt) || !old.Expires.Equal(e.Expires) ||
			!slices.Equal(old.Source.Front.Aliases, e.Source.Front.Aliases) || old.Retracted != nil || e.Retracted != nil {
			return nil, false
		}
		c := *e
		c.Topics, c.Authors, c.Future, c.Expired = old.Topics, old.Authors, old.Future, old.Expired
		var err error
		if c.GoDeeper, err = s.links(&c); err != nil {
			return nil, false
		}
		n.all[i], replaced[old] = &c, &c
	}
	// Only the lists that hold an edited brief change: copy those.
	touched := map[string]bool{}
	for old := range replaced {
		for _, t := range slices.Concat(old.Topics, old.Authors) {
			touched[t.Path] = true
		}
		touched[monthPath(old.Date.In(s.Config.Location()))] = true
	}
	swap := func(briefs []*Brief) []*Brief {
		out := slices.Clone(briefs)
		for i, b := range out {
			if r := replaced[b]; r != nil {
				out[i] = r
			}
		}
		return out
	}
	n.Briefs = swap(s.Briefs)
	for _, terms := range []*[]*Term{&n.Topics, &n.Authors} {
		*terms = slices.Clone(*terms)
		for i, t := range *terms {
			if touched[t.Path] {
				(*terms)[i] = &Term{TermLink: t.TermLink, Briefs: swap(t.Briefs)}
			}
		}
	}
	n.Months = slices.Clone(s.Months)
	for i, m := range n.Months {
		if touched[m.Path] {
			c := *m
			c.Briefs, n.Months[i] = swap(m.Briefs), &c
		}
	}
	return &n, true
}

// links resolves a brief's "Go deeper" links: a ref that names no brief is
// an error at its place in the front matter.
func (s *Site) links(b *Brief) ([]Link, error) {
	var links []Link
	var errs diag.List
	for i, l := range b.Source.Front.GoDeeper {
		link := Link{Title: l.Title, URL: l.URL}
		if i < len(b.goDeeper) {
			link.Title = b.goDeeper[i]
		}
		if l.Ref != "" {
			target := s.lookup(l.Ref)
			if target == nil && s.opts.Elsewhere != nil {
				if other, u := s.opts.Elsewhere.Lookup(l.Ref); other != nil {
					if link, ok := s.linkElsewhere(link, other, u); ok {
						links = append(links, link)
					}
					continue
				}
			}
			if target == nil {
				errs.Addf(b.Source.KeyPos("go_deeper", strconv.Itoa(i), "ref"), "go_deeper ref %q names no brief", l.Ref)
				continue
			}
			link.Internal, link.URL = true, target.Path
			if !s.published[target.Path] {
				switch {
				case target.Future || target.Expired:
					// Before its time, not even the title of a link may
					// tell of a brief under embargo.
					continue
				case target.Retracted != nil && !target.Draft:
					// Its URL shows the retraction notice.
				default:
					link.URL = "" // a brief that is not published links nowhere
				}
			}
		}
		links = append(links, link)
	}
	return links, errs.Err()
}

// DuplicateSlugs reports every brief whose slug another brief already uses.
// Slugs that differ only in case collide too: they are one folder on
// case-insensitive file systems and many static hosts.
func DuplicateSlugs(srcs []*content.Source) error {
	sorted := append([]*content.Source(nil), srcs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	var errs diag.List
	seen := make(map[string]*content.Source, len(sorted))
	for _, src := range sorted {
		key := slug.Fold(src.Slug)
		if other, dup := seen[key]; dup {
			why := ""
			if other.Slug != src.Slug {
				why = fmt.Sprintf(" (as %q: slugs that differ only in case are one folder on macOS, Windows and many hosts)", other.Slug)
			}
			errs.Addf(src.KeyPos("slug"), "slug %q is already used by %s%s: rename one of the files or set slug",
				src.Slug, other.KeyPos("slug"), why)
			continue
		}
		seen[key] = src
	}
	return errs.Err()
}

// lookup finds a brief, published or not, by ref ("briefs/x") or by slug.
func (s *Site) lookup(ref string) *Brief {
	refKey, slugKey := RefKeys(ref)
	if i, ok := s.byRef[refKey]; ok {
		return s.all[i]
	}
	if i, ok := s.bySlug[slugKey]; ok {
		return s.all[i]
	}
	return nil
}

// RefKeys returns what a "Go deeper" ref is matched against: a brief's ref
// (content.Source.Ref, "briefs/x"), else its lower-cased slug, taken from
// the ref's last element. "/briefs/x.md" and "briefs/x/index" work too.
func RefKeys(ref string) (refKey, slugKey string) {
	refKey = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(ref, "/"), ".md"), "/index")
	return refKey, strings.ToLower(path.Base(refKey))
}

// file groups the published briefs under the terms named by names.
func (s *Site) file(prefix string, names func(*Brief) []string, add func(*Brief, *TermLink)) []*Term {
	bySlug := map[string]*Term{}
	slugs := map[string]string{} // names repeat across briefs: make each slug once
	var terms []*Term
	for _, b := range s.Briefs {
		for _, name := range names(b) {
			sl, ok := slugs[name]
			if !ok {
				sl = slug.Make(name)
				slugs[name] = sl
			}
			t := bySlug[sl]
			if t == nil {
				t = &Term{TermLink: &TermLink{Name: strings.TrimSpace(name), Slug: sl, Path: prefix + sl + "/"}}
				bySlug[sl] = t
				terms = append(terms, t)
			}
			if n := len(t.Briefs); n > 0 && t.Briefs[n-1] == b {
				continue // named twice in one brief
			}
			t.Briefs = append(t.Briefs, b)
			add(b, t.TermLink)
		}
	}
	sort.Slice(terms, func(i, j int) bool { return terms[i].Slug < terms[j].Slug })
	return terms
}

// archive groups the published briefs by month, newest first.
func (s *Site) archive() []*Month {
	var months []*Month
	loc := s.Config.Location()
	for _, b := range s.Briefs {
		d := b.Date.In(loc)
		start := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, loc)
		if n := len(months); n == 0 || !months[n-1].Start.Equal(start) {
			months = append(months, &Month{Start: start, Path: monthPath(start)})
		}
		m := months[len(months)-1]
		m.Briefs = append(m.Briefs, b)
	}
	return months
}

// monthPath returns the path of the archive page of t's month.
func monthPath(t time.Time) string { return t.Format("archive/2006/01/") }

// JSONFile is the name of a brief's JSON beside its page.
const JSONFile = "index.json"

// EntryID returns a brief's entry id in feeds and JSON: a tag URI (RFC
// 4151) made of the site's host, the day the brief was first published and
// its path. Unlike its URL, it stays the same when the site moves from
// http to https or the brief's page is updated, and it is unique while
// slugs are.
func (s *Site) EntryID(b *Brief) string {
	host := s.BaseURL
	if u, err := url.Parse(s.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "tag:" + host + "," + b.Date.UTC().Format("2006-01-02") + ":" + s.URL(b.Path)
}

// URL returns the root-relative URL of a site path: "briefs/x/" →
// "/news/briefs/x/". Absolute URLs are returned unchanged.
func (s *Site) URL(p string) string {
	if strings.Contains(p, "://") {
		return p
	}
	return s.BasePath + strings.TrimPrefix(p, "/")
}

// AbsURL returns the absolute URL of a site path.
func (s *Site) AbsURL(p string) string {
	if strings.Contains(p, "://") {
		return p
	}
	return s.BaseURL + strings.TrimPrefix(p, "/")
}

// Ref returns the published brief with the given ref or slug, or nil.
func (s *Site) Ref(ref string) *Brief {
	if b := s.lookup(ref); b != nil && s.published[b.Path] {
		return b
	}
	return nil
}

// BasePath returns the path of an absolute base URL: "https://x.org/news/"
// → "/news/".
func BasePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}
