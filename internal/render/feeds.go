package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/site"
)

// planFeeds plans the RSS 2.0 and JSON Feed 1.1 files of a list of briefs
// (the site's, dir "", or a topic's, dir "topics/x/").
func (r *Renderer) planFeeds(p *plan, dir, title string, briefs []*site.Brief) {
	if len(briefs) > feedSize {
		briefs = briefs[:feedSize]
	}
	s, head := p.site, newKey(p.global).str(dir).str(title).sum()
	keyFn := func() uint64 {
		k := newKey(head)
		for _, b := range briefs {
			k.num(p.briefKey[b])
		}
		return k.sum()
	}
	p.add(dir+"feed.xml", func() ([]byte, error) { return rssFeed(s, dir, title, briefs) }, keyFn, false, briefs...)
	p.add(dir+"feed.json", func() ([]byte, error) { return jsonFeed(s, dir, title, briefs) }, keyFn, false, briefs...)
}

// fullContent is a brief's feed content: the photo with its credit, then the
// body. Its URLs are absolute, as feed readers need.
func fullContent(s *site.Site, b *site.Brief) string {
	var c strings.Builder
	if p := b.Photo; p != nil {
		c.WriteString(`<figure><img src="` + html.EscapeString(s.AbsURL(p.URL)) + `" alt="` + html.EscapeString(p.Alt) + `"><figcaption>`)
		if p.Caption != "" {
			c.WriteString(html.EscapeString(p.Caption) + " ")
		}
		c.WriteString(`<small>` + html.EscapeString(p.Credit) + `</small></figcaption></figure>`)
	}
	c.WriteString(b.Body.HTML)
	for _, corr := range b.Corrections {
		c.WriteString(`<p><em>Correction, ` + corr.Date.In(s.Config.Location()).Format("January 2, 2006") + `:</em> ` + html.EscapeString(corr.Text) + `</p>`)
	}
	return c.String()
}

// newest is the latest modification among briefs, for a feed's own date.
// Using it (not the build time) keeps builds byte-identical.
func newest(briefs []*site.Brief) time.Time {
	var t time.Time
	for _, b := range briefs {
		if m := b.LastModified(); m.After(t) {
			t = m
		}
	}
	return t
}

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Content string     `xml:"xmlns:content,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Generator     string    `xml:"generator"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Description string   `xml:"description"`
	Content     cdata    `xml:"content:encoded"`
	Creators    []string `xml:"dc:creator"`
	Categories  []string `xml:"category"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type cdata struct {
	Value string `xml:",cdata"`
}

func rssFeed(s *site.Site, dir, title string, briefs []*site.Brief) ([]byte, error) {
	ch := rssChannel{
		Title:       title,
		Link:        s.AbsURL(dir),
		Description: s.Config.Description,
		Language:    s.Config.Language,
		Generator:   "briefs",
		Self:        atomLink{Href: s.AbsURL(dir + "feed.xml"), Rel: "self", Type: "application/rss+xml"},
	}
	if ch.Description == "" {
		ch.Description = title
	}
	if t := newest(briefs); !t.IsZero() {
		ch.LastBuildDate = t.Format(time.RFC1123Z)
	}
	for _, b := range briefs {
		// Readers take an item's description as HTML: the summary is text,
		// and a "<" in it (or a lede that read "<script>" once its raw
		// HTML was dropped) must stay text.
		item := rssItem{
			Title:       b.Title,
			Link:        s.AbsURL(b.Path),
			GUID:        rssGUID{IsPermaLink: "true", Value: s.AbsURL(b.Path)},
			PubDate:     b.Date.Format(time.RFC1123Z),
			Description: html.EscapeString(b.Summary),
			Content:     cdata{strings.ReplaceAll(fullContent(s, b), "]]>", "]]]]><![CDATA[>")},
		}
		for _, a := range b.Authors {
			item.Creators = append(item.Creators, a.Name)
		}
		for _, t := range b.Topics {
			item.Categories = append(item.Categories, t.Name)
		}
		ch.Items = append(ch.Items, item)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	err := enc.Encode(rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom",
		Content: "http://purl.org/rss/1.0/modules/content/", DC: "http://purl.org/dc/elements/1.1/", Channel: ch})
	buf.WriteByte('\n')
	return buf.Bytes(), err
}

type jsonFeedDoc struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Description string         `json:"description,omitempty"`
	Language    string         `json:"language,omitempty"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	ContentHTML   string           `json:"content_html"`
	ContentText   string           `json:"content_text,omitempty"`
	Summary       string           `json:"summary,omitempty"`
	Image         string           `json:"image,omitempty"`
	DatePublished string           `json:"date_published"`
	DateModified  string           `json:"date_modified,omitempty"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
	Language      string           `json:"language,omitempty"`
	Sections      []jsonSection    `json:"_briefs_sections,omitempty"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// jsonSection exposes a brief's sections in the feed as an extension
// (JSON Feed reserves keys starting with "_" for extensions).
type jsonSection struct {
	Name string `json:"name"`
	ID   string `json:"id"`
	Text string `json:"text"`
}

func jsonFeed(s *site.Site, dir, title string, briefs []*site.Brief) ([]byte, error) {
	doc := jsonFeedDoc{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       title,
		HomePageURL: s.AbsURL(dir),
		FeedURL:     s.AbsURL(dir + "feed.json"),
		Description: s.Config.Description,
		Language:    s.Config.Language,
		Items:       []jsonFeedItem{},
	}
	loc := s.Config.Location()
	for _, b := range briefs {
		item := jsonFeedItem{
			ID:            s.AbsURL(b.Path),
			URL:           s.AbsURL(b.Path),
			Title:         b.Title,
			ContentHTML:   fullContent(s, b),
			Summary:       b.Summary,
			DatePublished: b.Date.In(loc).Format(time.RFC3339),
		}
		if !b.Updated.IsZero() {
			item.DateModified = b.LastModified().In(loc).Format(time.RFC3339)
		}
		if b.Photo != nil {
			item.Image = s.AbsURL(b.Photo.URL)
		}
		for _, a := range b.Authors {
			item.Authors = append(item.Authors, jsonFeedAuthor{Name: a.Name, URL: s.AbsURL(a.Path)})
		}
		for _, t := range b.Topics {
			item.Tags = append(item.Tags, t.Name)
		}
		for _, sec := range b.Body.Sections {
			item.Sections = append(item.Sections, jsonSection{Name: sec.Name, ID: sec.ID, Text: sec.Text})
		}
		doc.Items = append(doc.Items, item)
	}
	// Compact, as a brief's JSON is (writeBriefJSON).
	var buf bytes.Buffer
	err := json.NewEncoder(&buf).Encode(&doc)
	return buf.Bytes(), err
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemapJob plans sitemap.xml. Its key covers every brief, so it is
// keyed again on every plan. The URLs it lists are hashed once per plan:
// a plan is only made again for the same site after site.Update, which
// keeps every brief's path, topics, authors and month; only modification
// times, hashed on each plan, can change.
func sitemapJob(p *plan) {
	s := p.site
	// What the sitemap lists: paths and modification times. (Brief keys
	// would change with every edit of a brief's text.) The dates of topic,
	// author and month pages follow from the briefs' dates and which briefs
	// each lists; months list briefs by their dates.
	k := newKey(p.global).str("sitemap")
	for _, b := range s.Briefs {
		k.str(b.Path)
	}
	for _, terms := range [][]*site.Term{s.Topics, s.Authors} {
		for _, t := range terms {
			k.str(t.Path)
			for _, b := range t.Briefs {
				k.str(b.Path)
			}
		}
	}
	for _, m := range s.Months {
		k.str(m.Path)
	}
	urls := k.sum()
	keyFn := func() uint64 {
		k := newKey(urls)
		for _, b := range s.Briefs {
			k.time(b.LastModified())
		}
		return k.sum()
	}
	p.add("sitemap.xml", func() ([]byte, error) {
		return sitemapFile(s, sitemapURLs(s)) // newsmap.go: a sitemap index on large sites
	}, keyFn, true)
}

// sitemapURLs lists the pages of the sitemap with their last modification.
func sitemapURLs(s *site.Site) []sitemapURL {
	var urls []sitemapURL
	add := func(p string, t time.Time) {
		u := sitemapURL{Loc: s.AbsURL(p)}
		if !t.IsZero() {
			u.LastMod = t.Format(time.RFC3339)
		}
		urls = append(urls, u)
	}
	add("", newest(s.Briefs))
	for _, b := range s.Briefs {
		add(b.Path, b.LastModified())
	}
	for _, terms := range [][]*site.Term{s.Topics, s.Authors} {
		for _, t := range terms {
			add(t.Path, newest(t.Briefs))
		}
	}
	for _, m := range s.Months {
		add(m.Path, newest(m.Briefs))
	}
	return urls
}

func robotsJob(s *site.Site, global uint64) Job {
	return Job{Path: "robots.txt", Key: newKey(global).str("robots").sum(), Render: func() ([]byte, error) {
		return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.AbsURL("sitemap.xml") + "\nSitemap: " + s.AbsURL(NewsSitemapPath) + "\n"), nil
	}}
}
