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
	Source      *content.Source
	Slug        string
	Title       string
	Summary     string // from front matter, else the lede's text
	Date        time.Time
	Updated     time.Time // zero when never updated
	Draft       bool
	Future      bool // dated after the build time
	Authors     []*Term
	Topics      []*Term
	Photo       *Photo
	GoDeeper    []Link
	Corrections []content.Correction
	Params      map[string]any
	Body        *markdown.Result
	Path        string
	// Version changes whenever the brief's file or body changes.
	Version uint64
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
	Title string
	URL   string // absolute URL, or a path relative to the site base
	Brief *Brief // the brief an internal link points to, else nil
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

// LastModified is Updated, or Date when the brief was never updated.
func (b *Brief) LastModified() time.Time {
	if b.Updated.After(b.Date) {
		return b.Updated
	}
	return b.Date
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

// Term is a topic or an author with the briefs filed under it, newest first.
type Term struct {
	Name   string
	Slug   string
	Path   string // "topics/cabinet/"
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
	// Preview is set by the preview server: drafts and future briefs are
	// marked as such on their pages.
	Preview bool

	byRef     map[string]*Brief
	bySlug    map[string]*Brief // lower-cased slug → brief
	published map[*Brief]bool
	nextDue   time.Time // the earliest date of a future brief
}

// Options selects which briefs a site includes.
type Options struct {
	Drafts bool
	Future bool
	Now    time.Time // the build time, for future briefs
}

// NewBrief builds a Brief from its source and converted body.
func NewBrief(src *content.Source, body *markdown.Result) *Brief {
	fm := &src.Front
	b := &Brief{
		Source:      src,
		Slug:        src.Slug,
		Title:       strings.TrimSpace(fm.Title),
		Summary:     strings.TrimSpace(fm.Summary),
		Date:        fm.Date,
		Updated:     fm.Updated,
		Draft:       fm.Draft,
		Corrections: fm.Corrections,
		Params:      fm.Params,
		Body:        body,
		Path:        "briefs/" + src.Slug + "/",
	}
	if b.Summary == "" {
		b.Summary = firstParagraph(body.LedeText)
	}
	if p := fm.Photo; p != nil {
		b.Photo = &Photo{URL: p.Src, Alt: p.Alt, Credit: p.Credit, Caption: p.Caption}
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

func firstParagraph(text string) string {
	p, _, _ := strings.Cut(text, "\n\n")
	return strings.TrimSpace(p)
}

// New assembles a site from its briefs: it drops drafts and future briefs
// unless asked for, orders briefs newest first, resolves "Go deeper" refs
// and files briefs under topics, authors and months. Duplicate slugs and
// refs to no brief are errors.
func New(cfg *config.Config, briefs []*Brief, opts Options) (*Site, error) {
	s := &Site{Config: cfg, BaseURL: cfg.BaseURL, byRef: map[string]*Brief{}}
	s.BasePath = BasePath(cfg.BaseURL)
	var errs diag.List
	all := append([]*Brief(nil), briefs...)
	sort.Slice(all, func(i, j int) bool { return all[i].Source.Path < all[j].Source.Path })
	bySlug := map[string]*Brief{}
	for _, b := range all {
		s.byRef[b.Source.Ref] = b
		bySlug[strings.ToLower(b.Slug)] = b
	}
	srcs := make([]*content.Source, len(all))
	for i, b := range all {
		srcs[i] = b.Source
	}
	errs.Add(DuplicateSlugs(srcs))
	for _, b := range all {
		b.Future = b.Date.After(opts.Now)
		if b.Future && (s.nextDue.IsZero() || b.Date.Before(s.nextDue)) {
			s.nextDue = b.Date
		}
		b.GoDeeper = b.GoDeeper[:0]
		for i, l := range b.Source.Front.GoDeeper {
			link := Link{Title: l.Title, URL: l.URL}
			if l.Ref != "" {
				target := s.lookup(l.Ref, bySlug)
				if target == nil {
					errs.Addf(b.Source.KeyPos("go_deeper", strconv.Itoa(i), "ref"), "go_deeper ref %q names no brief", l.Ref)
					continue
				}
				link.Brief, link.URL = target, target.Path
			}
			b.GoDeeper = append(b.GoDeeper, link)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	for _, b := range all {
		if (b.Draft && !opts.Drafts) || (b.Future && !opts.Future) {
			continue
		}
		s.Briefs = append(s.Briefs, b)
	}
	sort.SliceStable(s.Briefs, func(i, j int) bool {
		a, b := s.Briefs[i], s.Briefs[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.Slug < b.Slug
	})
	// A link to a brief that is not published links nowhere.
	published := map[*Brief]bool{}
	for _, b := range s.Briefs {
		published[b] = true
	}
	s.bySlug, s.published = bySlug, published
	for _, b := range s.Briefs {
		for i, l := range b.GoDeeper {
			if l.Brief != nil && !published[l.Brief] {
				b.GoDeeper[i].URL = ""
			}
		}
	}
	s.Topics = s.file("topics/", func(b *Brief) []string { return b.Source.Front.Topics }, func(b *Brief, t *Term) { b.Topics = append(b.Topics, t) })
	s.Authors = s.file("authors/", func(b *Brief) []string { return b.Source.Front.Authors }, func(b *Brief, t *Term) { b.Authors = append(b.Authors, t) })
	s.Months = s.archive()
	return s, nil
}

// Due reports whether a brief dated in the future when the site was made
// has come due by now, which changes what the site shows.
func (s *Site) Due(now time.Time) bool {
	return !s.nextDue.IsZero() && !now.Before(s.nextDue)
}

// NextChange returns the first time after the site's build time at which
// the same briefs make another site: a brief dated in the future falls
// due. It is the zero time when none will.
func (s *Site) NextChange() time.Time { return s.nextDue }

// CanUpdate reports whether next, a new version of the brief old, leaves
// the site's structure as it was: same file, slug, date, draft flag, topics
// and authors, and "Go deeper" refs that name briefs.
func (s *Site) CanUpdate(old, next *Brief) bool {
	if old.Source.Path != next.Source.Path || old.Slug != next.Slug || !old.Date.Equal(next.Date) ||
		old.Draft != next.Draft || !slices.Equal(old.Source.Front.Topics, next.Source.Front.Topics) ||
		!slices.Equal(old.Source.Front.Authors, next.Source.Front.Authors) {
		return false
	}
	_, ok := s.links(next)
	return ok
}

// Update puts next in old's place when CanUpdate allows it: it copies next
// into old, so every list that holds old shows the new version, and
// returns true. Otherwise it changes nothing and returns false: make the
// site anew with New.
func (s *Site) Update(old, next *Brief) bool {
	if !s.CanUpdate(old, next) {
		return false
	}
	links, _ := s.links(next)
	topics, authors, future := old.Topics, old.Authors, old.Future
	*old = *next
	old.Topics, old.Authors, old.Future, old.GoDeeper = topics, authors, future, links
	return true
}

// links resolves a brief's "Go deeper" links; ok is false when a ref names
// no brief.
func (s *Site) links(b *Brief) (links []Link, ok bool) {
	for _, l := range b.Source.Front.GoDeeper {
		link := Link{Title: l.Title, URL: l.URL}
		if l.Ref != "" {
			target := s.lookup(l.Ref, s.bySlug)
			if target == nil {
				return nil, false
			}
			link.Brief, link.URL = target, target.Path
			if !s.published[target] {
				link.URL = ""
			}
		}
		links = append(links, link)
	}
	return links, true
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

// lookup finds a brief by ref ("briefs/x") or by slug.
func (s *Site) lookup(ref string, bySlug map[string]*Brief) *Brief {
	refKey, slugKey := RefKeys(ref)
	if b := s.byRef[refKey]; b != nil {
		return b
	}
	return bySlug[slugKey]
}

// RefKeys returns what a "Go deeper" ref is matched against: a brief's ref
// (content.Source.Ref, "briefs/x"), else its lower-cased slug, taken from
// the ref's last element. "/briefs/x.md" and "briefs/x/index" work too.
func RefKeys(ref string) (refKey, slugKey string) {
	refKey = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(ref, "/"), ".md"), "/index")
	return refKey, strings.ToLower(path.Base(refKey))
}

// file groups the published briefs under the terms named by names.
func (s *Site) file(prefix string, names func(*Brief) []string, add func(*Brief, *Term)) []*Term {
	bySlug := map[string]*Term{}
	slugs := map[string]string{} // names repeat across briefs: make each slug once
	var terms []*Term
	for _, b := range s.Briefs {
		if prefix == "topics/" {
			b.Topics = nil
		} else {
			b.Authors = nil
		}
		for _, name := range names(b) {
			sl, ok := slugs[name]
			if !ok {
				sl = slug.Make(name)
				slugs[name] = sl
			}
			t := bySlug[sl]
			if t == nil {
				t = &Term{Name: strings.TrimSpace(name), Slug: sl, Path: prefix + sl + "/"}
				bySlug[sl] = t
				terms = append(terms, t)
			}
			if n := len(t.Briefs); n > 0 && t.Briefs[n-1] == b {
				continue // named twice in one brief
			}
			t.Briefs = append(t.Briefs, b)
			add(b, t)
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
			months = append(months, &Month{Start: start, Path: start.Format("archive/2006/01/")})
		}
		m := months[len(months)-1]
		m.Briefs = append(m.Briefs, b)
	}
	return months
}

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
	if b := s.lookup(ref, s.bySlug); b != nil && s.published[b] {
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
