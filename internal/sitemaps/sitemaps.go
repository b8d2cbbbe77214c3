// Package sitemaps writes what tells search engines about a site:
// sitemap.xml (an index of parts on a large site), the Google News sitemap
// of the last two days, and robots.txt.
package sitemaps

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

// NewsSitemapPath is the Google News sitemap; robots.txt names it.
const NewsSitemapPath = "news-sitemap.xml"

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	newsNS    = "http://www.google.com/schemas/sitemap-news/0.9"
	// NewsWindow is how far back the Google News sitemap reaches: Google
	// News takes articles of the last two days.
	NewsWindow = 48 * time.Hour
	// newsMax is the most URLs a news sitemap may have.
	newsMax = 1000
)

// maxSitemapURLs is the most URLs one sitemap may list (sitemaps.org);
// a larger site gets a sitemap index. A variable for tests.
var maxSitemapURLs = 50000

type newsURLSet struct {
	XMLName xml.Name  `xml:"urlset"`
	NS      string    `xml:"xmlns,attr"`
	News    string    `xml:"xmlns:news,attr"`
	URLs    []newsURL `xml:"url"`
}

type newsURL struct {
	Loc  string   `xml:"loc"`
	News newsNews `xml:"news:news"`
}

type newsNews struct {
	Publication newsPublication `xml:"news:publication"`
	Date        string          `xml:"news:publication_date"`
	Title       string          `xml:"news:title"`
}

type newsPublication struct {
	Name     string `xml:"news:name"`
	Language string `xml:"news:language"`
}

// newsBriefs returns the briefs of the Google News sitemap: those
// published in the two days before the build time, newest first. A
// brief is published when it goes live: at its publish_at, for one held
// back by an embargo, else at its date.
func (f *Family) newsBriefs(s *site.Site) []*site.Brief {
	now := f.now
	if now.IsZero() {
		// No build time: the time the newest brief went live, which keeps
		// the output of tests and repeated builds the same.
		for _, b := range s.Briefs {
			if b.PublishAt.After(now) {
				now = b.PublishAt
			}
		}
	}
	var briefs []*site.Brief
	for _, b := range s.Briefs {
		if !b.PublishAt.After(now) && b.PublishAt.After(now.Add(-NewsWindow)) {
			briefs = append(briefs, b)
		}
	}
	slices.SortStableFunc(briefs, func(a, b *site.Brief) int { return b.PublishAt.Compare(a.PublishAt) })
	return briefs[:min(len(briefs), newsMax)]
}

// newsSitemapJob returns the Google News sitemap of briefs, which may not
// be empty: a sitemap without a URL is invalid.
func (f *Family) newsSitemapJob(p *plan.Plan, briefs []*site.Brief) plan.Job {
	s := p.Site
	// The key covers the briefs listed, not the time: the file changes only
	// when they do.
	k := plan.NewKey(p.Global).Str("news sitemap")
	for _, b := range briefs {
		k.Num(p.BriefKey(b))
	}
	return plan.Job{Path: NewsSitemapPath, Key: k.Sum(), Render: func(w *bytes.Buffer) error {
		return newsSitemap(w, s, briefs)
	}}
}

func newsSitemap(w *bytes.Buffer, s *site.Site, briefs []*site.Brief) error {
	pub := newsPublication{Name: s.Config.Publishing.NewsName, Language: newsLanguage(s.Config.Language)}
	if pub.Name == "" {
		pub.Name = s.Config.Title
	}
	set := newsURLSet{NS: sitemapNS, News: newsNS, URLs: []newsURL{}}
	loc := s.Config.Location()
	for _, b := range briefs {
		set.URLs = append(set.URLs, newsURL{Loc: s.AbsURL(b.Path), News: newsNews{
			Publication: pub,
			Date:        b.PublishAt.In(loc).Format(time.RFC3339),
			Title:       b.Title,
		}})
	}
	return encodeXML(w, set)
}

// newsLanguage turns a BCP 47 tag into the ISO 639 code Google News asks
// for: "en-US" → "en"; Chinese keeps its script as "zh-cn" or "zh-tw".
func newsLanguage(tag string) string {
	parts := strings.FieldsFunc(strings.ToLower(tag), func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 {
		return ""
	}
	if parts[0] == "zh" {
		for _, p := range parts[1:] {
			switch p {
			case "tw", "hk", "mo", "hant":
				return "zh-tw"
			}
		}
		return "zh-cn"
	}
	return parts[0]
}

type sitemapIndex struct {
	XMLName  xml.Name       `xml:"sitemapindex"`
	NS       string         `xml:"xmlns,attr"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc string `xml:"loc"`
}

// sitemapFile writes sitemap.xml: the URLs, or when there are more than
// one sitemap may hold, an index of the parts sitemapPartJobs writes.
func sitemapFile(w *bytes.Buffer, s *site.Site, urls []sitemapURL) error {
	if len(urls) <= maxSitemapURLs {
		return encodeXML(w, newURLSet(s, urls))
	}
	idx := sitemapIndex{NS: sitemapNS}
	for i := range sitemapParts(len(urls)) {
		idx.Sitemaps = append(idx.Sitemaps, sitemapEntry{Loc: s.AbsURL(sitemapPartPath(i))})
	}
	return encodeXML(w, idx)
}

func sitemapParts(n int) int { return (n + maxSitemapURLs - 1) / maxSitemapURLs }

func sitemapPartPath(i int) string { return "sitemap-" + strconv.Itoa(i+1) + ".xml" }

// sitemapPartJobs returns the parts of a sitemap too large for one file.
func sitemapPartJobs(p *plan.Plan) []plan.Job {
	s := p.Site
	n := 1 + len(s.Briefs) + len(s.Topics) + len(s.Authors) + len(s.Months) + len(s.Pages)
	if n <= maxSitemapURLs {
		return nil
	}
	// Every part is keyed by everything the sitemap shows: a large site's
	// parts are rewritten together, which is cheaper than listing the URLs
	// of every part on every plan.
	k := plan.NewKey(p.Global).Str("sitemap parts").Num(uint64(maxSitemapURLs))
	for _, b := range s.Briefs {
		k.Num(p.BriefKey(b)).Str(s.LanguageVariant(b.Path))
	}
	for _, terms := range [][]*site.Term{s.Topics, s.Authors} {
		for _, t := range terms {
			k.Str(t.Path).Num(uint64(len(t.Briefs)))
		}
	}
	for _, m := range s.Months {
		k.Str(m.Path)
	}
	for _, pg := range s.Pages {
		k.Str(pg.Path)
	}
	key := k.Sum()
	var jobs []plan.Job
	for i := range sitemapParts(n) {
		jobs = append(jobs, plan.Job{Path: sitemapPartPath(i), Key: plan.NewKey(key).Num(uint64(i)).Sum(), Render: func(w *bytes.Buffer) error {
			urls := sitemapURLs(s)
			lo, hi := i*maxSitemapURLs, min((i+1)*maxSitemapURLs, len(urls))
			if lo >= hi {
				return encodeXML(w, urlset{NS: sitemapNS, URLs: []sitemapURL{}})
			}
			return encodeXML(w, newURLSet(s, urls[lo:hi]))
		}})
	}
	return jobs
}

// encodeXML writes v as an indented XML document.
func encodeXML(buf *bytes.Buffer, v any) error {
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	err := enc.Encode(v)
	buf.WriteByte('\n')
	return err
}

// NextChange returns the first time after now at which the output of site
// s changes with time alone: a brief leaves the Google News sitemap's
// window. It is the zero time when none will.
func NextChange(s *site.Site, now time.Time) time.Time {
	var next time.Time
	for _, b := range s.Briefs {
		if t := b.PublishAt.Add(NewsWindow); t.After(now) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	return next
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr,omitempty"` // on a site in several languages
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
	// Alternates are the page's versions in the site's languages.
	Alternates []xhtmlLink `xml:"xhtml:link"`
}

// xhtmlLink is a hreflang alternate in a sitemap, as Google documents it.
type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// xhtmlNS is the namespace of a sitemap's xhtml:link alternates.
const xhtmlNS = "http://www.w3.org/1999/xhtml"

// sitemapJob plans sitemap.xml. Its key covers every brief, so it is
// keyed again on every plan. The URLs it lists are hashed once per plan:
// a plan is only made again for a site of the same lineage, whose briefs
// keep their paths, topics, authors and months; only modification times,
// hashed on each plan, can change.
func sitemapJob(p *plan.Plan) {
	s := p.Site
	// What the sitemap lists: paths and modification times. (Brief keys
	// would change with every edit of a brief's text.) The dates of topic,
	// author and month pages follow from the briefs' dates and which briefs
	// each lists; months list briefs by their dates.
	k := plan.NewKey(p.Global).Str("sitemap")
	for _, b := range s.Briefs {
		k.Str(b.Path).Str(s.LanguageVariant(b.Path))
	}
	for _, terms := range [][]*site.Term{s.Topics, s.Authors} {
		for _, t := range terms {
			k.Str(t.Path)
			for _, b := range t.Briefs {
				k.Str(b.Path)
			}
		}
	}
	for _, m := range s.Months {
		k.Str(m.Path)
	}
	for _, pg := range s.Pages {
		k.Str(pg.Path)
	}
	urls := k.Sum()
	keyFn := func() uint64 {
		k := plan.NewKey(urls)
		for _, b := range p.Site.Briefs {
			k.Time(b.LastModified())
		}
		return k.Sum()
	}
	p.AddEvery("sitemap.xml", func(w *bytes.Buffer) error {
		return sitemapFile(w, p.Site, sitemapURLs(p.Site)) // a sitemap index on large sites
	}, keyFn)
}

// sitemapURLs lists the pages of the sitemap with their last modification.
func sitemapURLs(s *site.Site) []sitemapURL {
	var urls []sitemapURL
	add := func(p string, t time.Time) {
		u := sitemapURL{Loc: s.AbsURL(p)}
		if !t.IsZero() {
			u.LastMod = t.Format(time.RFC3339)
		}
		for _, a := range s.Alternates(p) {
			u.Alternates = append(u.Alternates, xhtmlLink{Rel: "alternate", Hreflang: a.Lang, Href: a.URL})
		}
		urls = append(urls, u)
	}
	add("", site.LastModified(s.Briefs))
	for _, b := range s.Briefs {
		add(b.Path, b.LastModified())
	}
	for _, terms := range [][]*site.Term{s.Topics, s.Authors} {
		for _, t := range terms {
			add(t.Path, site.LastModified(t.Briefs))
		}
	}
	for _, m := range s.Months {
		add(m.Path, site.LastModified(m.Briefs))
	}
	for _, pg := range s.Pages { // standalone pages have no date
		add(pg.Path, time.Time{})
	}
	return urls
}

// Family plans the sitemaps of a site and its robots.txt.
type Family struct {
	outputs config.Outputs
	now     time.Time // the build time the news sitemap counts back from
}

// New returns the sitemaps family of a site with the outputs settings,
// built at now; a zero now counts back from the newest brief.
func New(outputs config.Outputs, now time.Time) *Family { return &Family{outputs: outputs, now: now} }

// Plan plans sitemap.xml.
func (f *Family) Plan(p *plan.Plan) {
	sitemapJob(p)
}

// Fresh returns the files that show the briefs of a time or of a large
// site: the Google News sitemap, when a brief is in its window, robots.txt,
// which names it then, and the parts of a large sitemap.
func (f *Family) Fresh(p *plan.Plan) []plan.Job {
	var jobs []plan.Job
	s := p.Site
	robots := "User-agent: *\nAllow: /\n\nSitemap: " + s.AbsURL("sitemap.xml") + "\n"
	if s.Languages != nil {
		for _, l := range s.Languages.List[1:] { // a site in several languages: theirs too
			robots += "Sitemap: " + l.Home + "sitemap.xml\n"
		}
	}
	if f.outputs.Enabled("news-sitemap") {
		if briefs := f.newsBriefs(s); len(briefs) > 0 {
			jobs = append(jobs, f.newsSitemapJob(p, briefs))
			robots += "Sitemap: " + s.AbsURL(NewsSitemapPath) + "\n"
		}
	}
	jobs = append(jobs, plan.Job{Path: "robots.txt", Key: plan.NewKey(p.Global).Str("robots").Str(robots).Sum(),
		Render: func(w *bytes.Buffer) error { w.WriteString(robots); return nil }})
	return append(jobs, sitemapPartJobs(p)...)
}

// newURLSet returns the sitemap of urls, with the namespace of their
// alternates on a site in several languages.
func newURLSet(s *site.Site, urls []sitemapURL) urlset {
	set := urlset{NS: sitemapNS, URLs: urls}
	if s.Languages != nil {
		set.XHTML = xhtmlNS
	}
	return set
}
