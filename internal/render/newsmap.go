package render

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"time"

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

// newsSitemapJob returns the Google News sitemap: the briefs published in
// the two days before the build time, newest first.
func (r *Renderer) newsSitemapJob(s *site.Site, global uint64, briefKey map[*site.Brief]uint64) Job {
	now := r.now(s)
	var briefs []*site.Brief
	for _, b := range s.Briefs {
		if b.Date.After(now) || !b.Date.After(now.Add(-NewsWindow)) {
			continue
		}
		if briefs = append(briefs, b); len(briefs) == newsMax {
			break
		}
	}
	// The key covers the briefs listed, not the time: the file changes only
	// when they do.
	k := newKey(global).str("news sitemap")
	for _, b := range briefs {
		k.num(briefKey[b])
	}
	return Job{Path: NewsSitemapPath, Key: k.sum(), Render: func() ([]byte, error) {
		return newsSitemap(s, briefs)
	}}
}

func newsSitemap(s *site.Site, briefs []*site.Brief) ([]byte, error) {
	pub := newsPublication{Name: s.Config.Publishing.NewsName, Language: newsLanguage(s.Config.Language)}
	if pub.Name == "" {
		pub.Name = s.Config.Title
	}
	set := newsURLSet{NS: sitemapNS, News: newsNS, URLs: []newsURL{}}
	loc := s.Config.Location()
	for _, b := range briefs {
		set.URLs = append(set.URLs, newsURL{Loc: s.AbsURL(b.Path), News: newsNews{
			Publication: pub,
			Date:        b.Date.In(loc).Format(time.RFC3339),
			Title:       b.Title,
		}})
	}
	return encodeXML(set)
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
func sitemapFile(s *site.Site, urls []sitemapURL) ([]byte, error) {
	if len(urls) <= maxSitemapURLs {
		return encodeXML(urlset{NS: sitemapNS, URLs: urls})
	}
	idx := sitemapIndex{NS: sitemapNS}
	for i := range sitemapParts(len(urls)) {
		idx.Sitemaps = append(idx.Sitemaps, sitemapEntry{Loc: s.AbsURL(sitemapPartPath(i))})
	}
	return encodeXML(idx)
}

func sitemapParts(n int) int { return (n + maxSitemapURLs - 1) / maxSitemapURLs }

func sitemapPartPath(i int) string { return "sitemap-" + strconv.Itoa(i+1) + ".xml" }

// sitemapPartJobs returns the parts of a sitemap too large for one file.
func sitemapPartJobs(s *site.Site, global uint64, briefKey map[*site.Brief]uint64) []Job {
	n := 1 + len(s.Briefs) + len(s.Topics) + len(s.Authors) + len(s.Months)
	if n <= maxSitemapURLs {
		return nil
	}
	// Every part is keyed by everything the sitemap shows: a large site's
	// parts are rewritten together, which is cheaper than listing the URLs
	// of every part on every plan.
	k := newKey(global).str("sitemap parts").num(uint64(maxSitemapURLs))
	for _, b := range s.Briefs {
		k.num(briefKey[b])
	}
	for _, terms := range [][]*site.Term{s.Topics, s.Authors} {
		for _, t := range terms {
			k.str(t.Path).num(uint64(len(t.Briefs)))
		}
	}
	for _, m := range s.Months {
		k.str(m.Path)
	}
	key := k.sum()
	var jobs []Job
	for i := range sitemapParts(n) {
		jobs = append(jobs, Job{Path: sitemapPartPath(i), Key: newKey(key).num(uint64(i)).sum(), Render: func() ([]byte, error) {
			urls := sitemapURLs(s)
			lo, hi := i*maxSitemapURLs, min((i+1)*maxSitemapURLs, len(urls))
			if lo >= hi {
				return encodeXML(urlset{NS: sitemapNS, URLs: []sitemapURL{}})
			}
			return encodeXML(urlset{NS: sitemapNS, URLs: urls[lo:hi]})
		}})
	}
	return jobs
}

// encodeXML writes v as an indented XML document.
func encodeXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	err := enc.Encode(v)
	buf.WriteByte('\n')
	return buf.Bytes(), err
}

// NextChange returns the first time after now at which the output of site
// s changes with time alone: a brief leaves the Google News sitemap's
// window. It is the zero time when none will.
func NextChange(s *site.Site, now time.Time) time.Time {
	var next time.Time
	for _, b := range s.Briefs {
		for _, t := range []time.Time{b.Date, b.Updated} {
			if t := t.Add(NewsWindow); t.After(now) && (next.IsZero() || t.Before(next)) {
				next = t
			}
		}
	}
	return next
}
