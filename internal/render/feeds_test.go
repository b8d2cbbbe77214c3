package render_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	briefsfeeds "github.com/briefs-dev/briefs/internal/feeds"
	"github.com/briefs-dev/briefs/internal/site"
)

type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title string `xml:"title"`
		// Links holds <link> and <atom:link>, told apart by XMLName.Space.
		Links []struct {
			XMLName xml.Name
			Href    string `xml:"href,attr"`
			Rel     string `xml:"rel,attr"`
			Value   string `xml:",chardata"`
		} `xml:"link"`
		Description             string `xml:"description"`
		Language                string `xml:"language"`
		LastBuildDate           string `xml:"lastBuildDate"`
		Link, SelfHref, SelfRel string `xml:"-"`
		Items                   []struct {
			Title       string   `xml:"title"`
			Link        string   `xml:"link"`
			GUID        string   `xml:"guid"`
			PubDate     string   `xml:"pubDate"`
			Description string   `xml:"description"`
			Content     string   `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
			Creators    []string `xml:"http://purl.org/dc/elements/1.1/ creator"`
			Categories  []string `xml:"category"`
		} `xml:"item"`
	} `xml:"channel"`
}

func parseRSS(t *testing.T, name string, data []byte) rssDoc {
	t.Helper()
	var doc rssDoc
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, l := range doc.Channel.Links {
		switch l.XMLName.Space {
		case "":
			doc.Channel.Link = l.Value
		case "http://www.w3.org/2005/Atom":
			doc.Channel.SelfHref, doc.Channel.SelfRel = l.Href, l.Rel
		}
	}
	return doc
}

func TestRSS(t *testing.T) {
	s, files := testSite(t, site.Options{})
	feeds := map[string]int{"feed.xml": len(s.Briefs)}
	for _, topic := range s.Topics {
		feeds[topic.Path+"feed.xml"] = len(topic.Briefs)
	}
	for path, n := range feeds {
		data, ok := files[path]
		if !ok {
			t.Errorf("no %s", path)
			continue
		}
		doc := parseRSS(t, path, data)
		ch := doc.Channel
		if doc.Version != "2.0" {
			t.Errorf("%s: version %q", path, doc.Version)
		}
		if ch.Title == "" || ch.Description == "" || !strings.HasPrefix(ch.Link, baseURL) {
			t.Errorf("%s: channel title %q, link %q, description %q", path, ch.Title, ch.Link, ch.Description)
		}
		if ch.SelfHref != baseURL+path || ch.SelfRel != "self" {
			t.Errorf("%s: atom:link href %q rel %q", path, ch.SelfHref, ch.SelfRel)
		}
		if _, err := time.Parse(time.RFC1123Z, ch.LastBuildDate); err != nil {
			t.Errorf("%s: lastBuildDate: %v", path, err)
		}
		if len(ch.Items) != n {
			t.Errorf("%s: %d items, want %d", path, len(ch.Items), n)
		}
		guids := map[string]bool{}
		var prev time.Time
		for i, it := range ch.Items {
			date, err := time.Parse(time.RFC1123Z, it.PubDate)
			if err != nil {
				t.Errorf("%s: item %d pubDate: %v", path, i, err)
			}
			if i > 0 && date.After(prev) {
				t.Errorf("%s: item %d is newer than the one before", path, i)
			}
			prev = date
			if !strings.HasPrefix(it.Link, baseURL+"briefs/") {
				t.Errorf("%s: item link %q is not absolute", path, it.Link)
			}
			if it.GUID == "" || guids[it.GUID] {
				t.Errorf("%s: item guid %q empty or repeated", path, it.GUID)
			}
			guids[it.GUID] = true
			if it.Title == "" || it.Description == "" || it.Content == "" {
				t.Errorf("%s: item %d lacks title, description or content", path, i)
			}
			if strings.Contains(it.Content, `src="/`) || strings.Contains(it.Content, `href="/`) {
				t.Errorf("%s: item %d content has root-relative URLs, which feed readers cannot resolve", path, i)
			}
		}
	}
	if path := "topics/cabinet/feed.xml"; files[path] != nil {
		doc := parseRSS(t, path, files[path])
		if doc.Channel.Link != baseURL+"topics/cabinet/" || !strings.Contains(doc.Channel.Title, "Cabinet") {
			t.Errorf("%s: channel %q %q", path, doc.Channel.Title, doc.Channel.Link)
		}
	}
	// The item with the photo carries it, with its credit.
	doc := parseRSS(t, "feed.xml", files["feed.xml"])
	for _, it := range doc.Channel.Items {
		if it.Link != baseURL+"briefs/minister-declines/" {
			continue
		}
		if !strings.Contains(it.Content, `<img src="`+baseURL+`briefs/minister-declines/minister.svg"`) ||
			!strings.Contains(it.Content, "Jane Doe / Wire Photo") || !strings.Contains(it.Content, "misstated the hearing date") {
			t.Errorf("feed content of the brief lacks the photo, credit or correction:\n%s", it.Content)
		}
		if len(it.Creators) != 2 || len(it.Categories) != 2 {
			t.Errorf("item creators %q, categories %q", it.Creators, it.Categories)
		}
	}
}

type jsonFeedDoc struct {
	Version     string `json:"version"`
	Title       string `json:"title"`
	HomePageURL string `json:"home_page_url"`
	FeedURL     string `json:"feed_url"`
	Items       []struct {
		ID            string `json:"id"`
		URL           string `json:"url"`
		Title         string `json:"title"`
		ContentHTML   string `json:"content_html"`
		DatePublished string `json:"date_published"`
		DateModified  string `json:"date_modified"`
		Image         string `json:"image"`
		Sections      struct {
			About    string
			Sections []struct {
				Name, ID, Text string
			}
		} `json:"_briefs_sections"`
	} `json:"items"`
}

func TestJSONFeed(t *testing.T) {
	s, files := testSite(t, site.Options{})
	feeds := map[string]int{"feed.json": len(s.Briefs)}
	for _, topic := range s.Topics {
		feeds[topic.Path+"feed.json"] = len(topic.Briefs)
	}
	for path, n := range feeds {
		var doc jsonFeedDoc
		if err := json.Unmarshal(files[path], &doc); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if doc.Version != "https://jsonfeed.org/version/1.1" {
			t.Errorf("%s: version %q", path, doc.Version)
		}
		if doc.Title == "" || !strings.HasPrefix(doc.HomePageURL, baseURL) || doc.FeedURL != baseURL+path {
			t.Errorf("%s: title %q, home_page_url %q, feed_url %q", path, doc.Title, doc.HomePageURL, doc.FeedURL)
		}
		if len(doc.Items) != n {
			t.Errorf("%s: %d items, want %d", path, len(doc.Items), n)
		}
		ids := map[string]bool{}
		for i, it := range doc.Items {
			if it.ID == "" || ids[it.ID] {
				t.Errorf("%s: item id %q empty or repeated", path, it.ID)
			}
			ids[it.ID] = true
			if !strings.HasPrefix(it.URL, baseURL+"briefs/") {
				t.Errorf("%s: item url %q", path, it.URL)
			}
			if _, err := time.Parse(time.RFC3339, it.DatePublished); err != nil {
				t.Errorf("%s: item %d date_published: %v", path, i, err)
			}
			if it.DateModified != "" {
				if _, err := time.Parse(time.RFC3339, it.DateModified); err != nil {
					t.Errorf("%s: item %d date_modified: %v", path, i, err)
				}
			}
			if it.Title == "" || it.ContentHTML == "" {
				t.Errorf("%s: item %d lacks title or content", path, i)
			}
		}
	}
	var doc jsonFeedDoc
	if err := json.Unmarshal(files["feed.json"], &doc); err != nil {
		t.Fatal(err)
	}
	for _, it := range doc.Items {
		if it.URL != baseURL+"briefs/minister-declines/" {
			continue
		}
		if it.Image != baseURL+"briefs/minister-declines/minister.svg" {
			t.Errorf("image = %q", it.Image)
		}
		if it.DatePublished != "2026-06-07T09:30:00-04:00" || it.DateModified != "2026-06-08T10:00:00-04:00" { // the correction
			t.Errorf("dates = %q, %q", it.DatePublished, it.DateModified)
		}
		// An extension is an object with the URL that describes it.
		secs := it.Sections.Sections
		if it.Sections.About != briefsfeeds.SectionsAbout || len(secs) != 4 || secs[0].ID != "why-this-matters" || secs[3].ID != "go-deeper" || strings.HasPrefix(secs[0].Text, "Why") {
			t.Errorf("_briefs_sections = %+v", it.Sections)
		}
	}
}

func TestSitemap(t *testing.T) {
	s, files := testSite(t, site.Options{})
	var set struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	d := xml.NewDecoder(bytes.NewReader(files["sitemap.xml"]))
	d.Strict = true
	if err := d.Decode(&set); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	locs := map[string]bool{}
	for _, u := range set.URLs {
		if !strings.HasPrefix(u.Loc, baseURL) {
			t.Errorf("sitemap loc %q is not below %s", u.Loc, baseURL)
		}
		if locs[u.Loc] {
			t.Errorf("sitemap loc %q repeated", u.Loc)
		}
		locs[u.Loc] = true
		if u.LastMod != "" {
			if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
				t.Errorf("sitemap lastmod %q: %v", u.LastMod, err)
			}
		}
		// Every loc is a page of the site.
		p := strings.TrimPrefix(u.Loc, baseURL) + "index.html"
		if _, ok := files[p]; !ok {
			t.Errorf("sitemap loc %q names no page", u.Loc)
		}
	}
	for _, b := range s.Briefs {
		if !locs[baseURL+b.Path] {
			t.Errorf("sitemap lacks %s", b.Path)
		}
	}
	if !locs[baseURL] {
		t.Errorf("sitemap lacks the home page")
	}
	if robots := string(files["robots.txt"]); !strings.Contains(robots, "Sitemap: "+baseURL+"sitemap.xml") {
		t.Errorf("robots.txt does not point at the sitemap:\n%s", robots)
	}
}

// Feeds and the sitemap leave out drafts and future briefs.
func TestFeedsLeaveOutUnpublished(t *testing.T) {
	_, files := testSite(t, site.Options{})
	for _, p := range []string{"feed.xml", "feed.json", "sitemap.xml", "topics/cabinet/feed.xml", "topics/cabinet/feed.json"} {
		for _, slug := range []string{"secret-plan", "tomorrow"} {
			if bytes.Contains(files[p], []byte(slug)) {
				t.Errorf("%s mentions %s, which is not published", p, slug)
			}
		}
	}
}
