// Package feeds writes the feeds of a site (RSS 2.0, Atom 1.0 and JSON
// Feed 1.1) for the whole site, each topic and each author, and gives the
// links to them that pages put in their head.
package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

// planFeeds plans the RSS 2.0 and JSON Feed 1.1 files of a list of briefs
// (the site's, dir "", or a topic's, dir "topics/x/").
func (f *Family) planFeeds(p *plan.Plan, dir, title string, briefs []*site.Brief) {
	if len(briefs) > feedSize {
		briefs = briefs[:feedSize]
	}
	head := plan.NewKey(p.Global).Str(dir).Str(title).Sum()
	keyFn := func() uint64 {
		k := plan.NewKey(head)
		for _, b := range briefs {
			k.Num(p.BriefKey(b))
		}
		return k.Sum()
	}
	p.Add(dir+RSSFile, func(w *bytes.Buffer) error { return rssFeed(w, p.Site, dir, title, p.Briefs(briefs)) }, keyFn, briefs...)
	if f.outputs.Enabled("json-feed") {
		p.Add(dir+JSONFile, func(w *bytes.Buffer) error { return jsonFeed(w, p.Site, dir, title, p.Briefs(briefs)) }, keyFn, briefs...)
	}
}

// fullContent is a brief's feed content: the photo with its credit, then the
// body, or for a body over [outputs] full_text_max_words its summary and a
// link. Its URLs are absolute, as feed readers need.
func fullContent(s *site.Site, b *site.Brief) string {
	var c strings.Builder
	if p := b.Photo; p != nil {
		c.WriteString(`<figure><img src="` + html.EscapeString(s.AbsURL(p.URL)) + `" alt="` + html.EscapeString(p.Alt) + `"><figcaption>`)
		if p.Caption != "" {
			c.WriteString(html.EscapeString(p.Caption) + " ")
		}
		c.WriteString(`<small>` + html.EscapeString(p.Credit) + `</small></figcaption></figure>`)
	}
	if b.Body.Words > s.Config.Outputs.FullTextMaxWords {
		c.WriteString(`<p>` + html.EscapeString(b.Summary) + `</p><p><a href="` + html.EscapeString(s.AbsURL(b.Path)) + `">Read the whole brief</a></p>`)
	} else {
		c.WriteString(b.Body.HTML)
	}
	for _, corr := range b.Corrections {
		c.WriteString(`<p><em>Correction, ` + corr.Date.In(s.Config.Location()).Format("January 2, 2006") + `:</em> ` + html.EscapeString(corr.Text) + `</p>`)
	}
	return c.String()
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

func rssFeed(buf *bytes.Buffer, s *site.Site, dir, title string, briefs []*site.Brief) error {
	ch := rssChannel{
		Title:       title,
		Link:        s.AbsURL(dir),
		Description: s.Config.Description,
		Language:    s.Config.Language,
		Generator:   "briefs",
		Self:        atomLink{Href: s.AbsURL(dir + RSSFile), Rel: "self", Type: "application/rss+xml"},
	}
	if ch.Description == "" {
		ch.Description = title
	}
	if t := site.LastModified(briefs); !t.IsZero() {
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
			Content:     cdata{fullContent(s, b)},
		}
		for _, a := range b.Authors {
			item.Creators = append(item.Creators, a.Name)
		}
		for _, t := range b.Topics {
			item.Categories = append(item.Categories, t.Name)
		}
		ch.Items = append(ch.Items, item)
	}
	return encodeXML(buf, rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom",
		Content: "http://purl.org/rss/1.0/modules/content/", DC: "http://purl.org/dc/elements/1.1/", Channel: ch})
}

// encodeXML writes v to buf as an indented XML document.
func encodeXML(buf *bytes.Buffer, v any) error {
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	err := enc.Encode(v)
	buf.WriteByte('\n')
	return err
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
	Sections      *jsonSections    `json:"_briefs_sections,omitempty"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// jsonSections exposes a brief's sections in the feed as an extension:
// JSON Feed 1.1 reserves keys starting with "_" for extensions, each an
// object whose "about" is the URL of its description.
type jsonSections struct {
	About    string        `json:"about"`
	Sections []jsonSection `json:"sections"`
}

// SectionsAbout is the URL that describes the _briefs_sections extension.
const SectionsAbout = "https://github.com/briefs-dev/briefs#json-feed-sections"

// jsonSection is one section of a brief in the _briefs_sections extension.
type jsonSection struct {
	Name string `json:"name"`
	ID   string `json:"id"`
	Text string `json:"text"`
}

func jsonFeed(buf *bytes.Buffer, s *site.Site, dir, title string, briefs []*site.Brief) error {
	doc := jsonFeedDoc{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       title,
		HomePageURL: s.AbsURL(dir),
		FeedURL:     s.AbsURL(dir + JSONFile),
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
		if m := b.Modified(); !m.IsZero() {
			item.DateModified = m.In(loc).Format(time.RFC3339)
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
			if item.Sections == nil {
				item.Sections = &jsonSections{About: SectionsAbout}
			}
			item.Sections.Sections = append(item.Sections.Sections, jsonSection{Name: sec.Name, ID: sec.ID, Text: sec.Text})
		}
		doc.Items = append(doc.Items, item)
	}
	// Compact, as a brief's JSON is (writeBriefJSON).
	return json.NewEncoder(buf).Encode(&doc)
}

// The names of a folder's feeds.
const (
	RSSFile  = "feed.xml"
	JSONFile = "feed.json"
)

// feedSize is how many briefs a feed carries.
const feedSize = 20

// Family plans the feeds of a site: RSS always, Atom and JSON Feed unless
// the site switches them off.
type Family struct{ outputs config.Outputs }

// New returns the feeds family of a site with the outputs settings.
func New(outputs config.Outputs) *Family { return &Family{outputs: outputs} }

// Plan plans the feeds of the site, of each topic and of each author.
func (f *Family) Plan(p *plan.Plan) {
	s := p.Site
	f.planFeeds(p, "", s.Config.Title, s.Briefs)
	for _, terms := range [][]*site.Term{s.Topics, s.Authors} {
		for _, t := range terms {
			f.planFeeds(p, t.Path, s.Config.Title+": "+t.Name, t.Briefs)
		}
	}
	if f.outputs.Enabled("atom") {
		f.planAtom(p)
	}
}

// Link is an alternate feed link for a page's head.
type Link struct {
	Title string
	Type  string // MIME type
	Path  string
}

// Links returns the links to the feeds of the folder dir ("" for the
// site's, "topics/x/" for a topic's), whose feeds are titled title.
func Links(cfg *config.Config, dir, title string) []Link {
	links := []Link{{Title: title + " (RSS)", Type: "application/rss+xml", Path: dir + RSSFile}}
	if cfg.Outputs.Enabled("atom") {
		links = append(links, Link{Title: title + " (Atom)", Type: "application/atom+xml", Path: dir + AtomFile})
	}
	if cfg.Outputs.Enabled("json-feed") {
		links = append(links, Link{Title: title + " (JSON Feed)", Type: "application/feed+json", Path: dir + JSONFile})
	}
	return links
}
