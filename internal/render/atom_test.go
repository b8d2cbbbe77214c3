package render_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html/atom"

	"github.com/briefs-dev/briefs/internal/site"
)

const atomNS = "http://www.w3.org/2005/Atom"

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomDoc struct {
	XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Authors []struct {
		Name string `xml:"name"`
		URI  string `xml:"uri"`
	} `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Links     []atomLink `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Summary   string     `xml:"summary"`
	Authors   []struct {
		Name string `xml:"name"`
		URI  string `xml:"uri"`
	} `xml:"author"`
	Categories []struct {
		Term  string `xml:"term,attr"`
		Label string `xml:"label,attr"`
	} `xml:"category"`
	Content struct {
		Type  string `xml:"type,attr"`
		Base  string `xml:"http://www.w3.org/XML/1998/namespace base,attr"`
		Value string `xml:",chardata"`
	} `xml:"content"`
}

func parseAtom(t *testing.T, name string, data []byte) atomDoc {
	t.Helper()
	var doc atomDoc
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

func link(links []atomLink, rel, typ string) string {
	for _, l := range links {
		if l.Rel == rel && (typ == "" || l.Type == typ) {
			return l.Href
		}
	}
	return ""
}

// Every Atom feed has what RFC 4287 requires: ids, titles and RFC 3339
// dates on the feed and each entry, an author, absolute links, and the
// full content of each brief.
func TestAtom(t *testing.T) {
	s, files := publishSite(t, site.Options{}, testEnv())
	feeds := map[string][]*site.Brief{"atom.xml": s.Briefs}
	for _, terms := range [][]*site.Term{s.Topics, s.Authors} {
		for _, term := range terms {
			feeds[term.Path+"atom.xml"] = term.Briefs
		}
	}
	feedIDs := map[string]bool{}
	entryIDs := map[string]string{} // brief URL → entry id, the same in every feed
	for path, want := range feeds {
		data, ok := files[path]
		if !ok {
			t.Errorf("no %s", path)
			continue
		}
		doc := parseAtom(t, path, data)
		if doc.ID == "" || feedIDs[doc.ID] {
			t.Errorf("%s: feed id %q empty or shared", path, doc.ID)
		}
		feedIDs[doc.ID] = true
		if doc.Title == "" || doc.Lang != "en-US" {
			t.Errorf("%s: title %q, xml:lang %q", path, doc.Title, doc.Lang)
		}
		if _, err := time.Parse(time.RFC3339, doc.Updated); err != nil {
			t.Errorf("%s: updated: %v", path, err)
		}
		if self := link(doc.Links, "self", "application/atom+xml"); self != baseURL+path {
			t.Errorf("%s: self link %q", path, self)
		}
		if alt := link(doc.Links, "alternate", "text/html"); alt != baseURL+strings.TrimSuffix(path, "atom.xml") {
			t.Errorf("%s: alternate link %q", path, alt)
		}
		if len(doc.Authors) == 0 || doc.Authors[0].Name == "" {
			t.Errorf("%s: the feed has no author, and not every entry has one", path)
		}
		if len(doc.Entries) != len(want) {
			t.Errorf("%s: %d entries, want %d", path, len(doc.Entries), len(want))
			continue
		}
		for i, e := range doc.Entries {
			b := want[i]
			url := link(e.Links, "alternate", "text/html")
			if url != baseURL+b.Path {
				t.Errorf("%s: entry %d alternate link %q, want %q", path, i, url, baseURL+b.Path)
			}
			if !strings.HasPrefix(e.ID, "tag:example.org,") {
				t.Errorf("%s: entry id %q is not a tag URI", path, e.ID)
			}
			if prev, ok := entryIDs[url]; ok && prev != e.ID {
				t.Errorf("%s: entry id %q, another feed says %q", path, e.ID, prev)
			}
			entryIDs[url] = e.ID
			pub, err1 := time.Parse(time.RFC3339, e.Published)
			upd, err2 := time.Parse(time.RFC3339, e.Updated)
			if err1 != nil || err2 != nil {
				t.Errorf("%s: entry %d dates: %v, %v", path, i, err1, err2)
			} else if upd.Before(pub) {
				t.Errorf("%s: entry %d updated %s before published %s", path, i, e.Updated, e.Published)
			}
			if e.Title != b.Title || e.Content.Type != "html" || e.Content.Value == "" {
				t.Errorf("%s: entry %d title %q, content type %q", path, i, e.Title, e.Content.Type)
			}
			if e.Content.Base != baseURL+b.Path {
				t.Errorf("%s: entry %d content xml:base %q", path, i, e.Content.Base)
			}
			if strings.Contains(e.Content.Value, `src="/`) || strings.Contains(e.Content.Value, `href="/`) {
				t.Errorf("%s: entry %d content has root-relative URLs", path, i)
			}
			if len(b.Body.Sections) > 0 && !strings.Contains(e.Content.Value, `<section class="brief-section"`) {
				t.Errorf("%s: entry %d content lacks the sections", path, i)
			}
			if len(e.Authors) != len(b.Authors) {
				t.Errorf("%s: entry %d has %d authors, want %d", path, i, len(e.Authors), len(b.Authors))
			}
		}
	}
	if len(entryIDs) != len(s.Briefs) {
		t.Errorf("%d distinct entries, want %d", len(entryIDs), len(s.Briefs))
	}
	ids := map[string]bool{}
	for _, id := range entryIDs {
		if ids[id] {
			t.Errorf("entry id %q names two briefs", id)
		}
		ids[id] = true
	}

	// The brief with a photo, an update and a correction.
	doc := parseAtom(t, "atom.xml", files["atom.xml"])
	e := doc.Entries[0]
	if e.ID != "tag:example.org,2026-06-07:/news/briefs/minister-declines/" {
		t.Errorf("entry id = %q", e.ID)
	}
	// Corrected after its update: the correction is the last change.
	if e.Published != "2026-06-07T09:30:00-04:00" || e.Updated != "2026-06-08T10:00:00-04:00" {
		t.Errorf("published %q, updated %q", e.Published, e.Updated)
	}
	if doc.Updated != e.Updated {
		t.Errorf("feed updated %q, want its newest entry's %q", doc.Updated, e.Updated)
	}
	for _, want := range []string{"Jane Doe / Wire Photo", "misstated the hearing date", `id="why-this-matters"`,
		`<img src="` + baseURL + `briefs/minister-declines/minister.svg"`} {
		if !strings.Contains(e.Content.Value, want) {
			t.Errorf("entry content lacks %q", want)
		}
	}
	if got := link(e.Links, "enclosure", ""); got != baseURL+"briefs/minister-declines/minister.svg" {
		t.Errorf("enclosure = %q", got)
	}
	if len(e.Categories) != 2 || e.Categories[0].Term != "cabinet" || e.Categories[0].Label != "Cabinet" {
		t.Errorf("categories = %+v", e.Categories)
	}
}

// An entry's id survives a move from http to https: it is not the URL.
func TestAtomIDsStable(t *testing.T) {
	ids := func(base string) []string {
		cfg := testConfig(t)
		cfg.BaseURL = base
		s := newSite(t, cfg, briefs, site.Options{})
		doc := parseAtom(t, "atom.xml", renderAll(t, newRenderer(t, cfg, nil), s)["atom.xml"])
		var out []string
		for _, e := range doc.Entries {
			out = append(out, e.ID)
		}
		return out
	}
	a, b := ids("http://example.org/news/"), ids("https://example.org/news/")
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("entry ids changed with the scheme:\n%q\n%q", a, b)
	}
}

// The Atom entry of one brief is pinned: photo and credit, sections,
// correction, dates, authors and topics.
func TestGoldenAtomEntry(t *testing.T) {
	_, files := publishSite(t, site.Options{}, testEnv())
	data := string(files["atom.xml"])
	for _, chunk := range strings.Split(data, "<entry>")[1:] {
		if strings.Contains(chunk, "/news/briefs/minister-declines/</id>") {
			entry, _, _ := strings.Cut(chunk, "</entry>")
			golden(t, "atom-entry.xml", []byte("<entry>"+entry+"</entry>\n"))
			return
		}
	}
	t.Fatalf("atom.xml has no entry for minister-declines:\n%s", data)
}

// Authors get RSS and JSON feeds too, valid as the site's are.
func TestAuthorFeeds(t *testing.T) {
	s, files := testSite(t, site.Options{})
	for _, a := range s.Authors {
		rss := parseRSS(t, a.Path+"feed.xml", files[a.Path+"feed.xml"])
		if len(rss.Channel.Items) != len(a.Briefs) || !strings.Contains(rss.Channel.Title, a.Name) {
			t.Errorf("%sfeed.xml: %d items, title %q", a.Path, len(rss.Channel.Items), rss.Channel.Title)
		}
		for _, it := range rss.Channel.Items {
			if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
				t.Errorf("%sfeed.xml: pubDate: %v", a.Path, err)
			}
		}
		var jf jsonFeedDoc
		if err := json.Unmarshal(files[a.Path+"feed.json"], &jf); err != nil {
			t.Fatalf("%sfeed.json: %v", a.Path, err)
		}
		if jf.FeedURL != baseURL+a.Path+"feed.json" || len(jf.Items) != len(a.Briefs) {
			t.Errorf("%sfeed.json: feed_url %q, %d items", a.Path, jf.FeedURL, len(jf.Items))
		}
		for _, it := range jf.Items {
			if _, err := time.Parse(time.RFC3339, it.DatePublished); err != nil {
				t.Errorf("%sfeed.json: date_published: %v", a.Path, err)
			}
		}
	}
}

// Every page's head links the site's feeds in all three formats; topic and
// author pages link their own first.
func TestFeedAutodiscovery(t *testing.T) {
	s, files := testSite(t, site.Options{})
	own := map[string]string{} // page → its term's feed folder
	for _, terms := range [][]*site.Term{s.Topics, s.Authors} {
		for _, term := range terms {
			own[term.Path+"index.html"] = term.Path
		}
	}
	for _, p := range sortedPaths(files, ".html") {
		if strings.HasPrefix(p, "editions/") {
			continue // mail, not a page of the site
		}
		doc := parseHTML(t, p, files[p])
		got := map[string]bool{}
		for _, l := range all(doc, and(tag(atom.Link), hasAttr("rel", "alternate"))) {
			href, _ := attr(l, "href")
			typ, _ := attr(l, "type")
			title, _ := attr(l, "title")
			if !strings.HasPrefix(href, baseURL) || files[strings.TrimPrefix(href, baseURL)] == nil {
				t.Errorf("%s: feed link %q leads to no file", p, href)
			}
			if title == "" {
				t.Errorf("%s: feed link %q has no title", p, href)
			}
			got[typ+" "+strings.TrimPrefix(href, baseURL)] = true
		}
		dirs := []string{""}
		if d, ok := own[p]; ok {
			dirs = append(dirs, d)
		}
		for _, dir := range dirs {
			for _, f := range []string{"application/rss+xml feed.xml", "application/atom+xml atom.xml", "application/feed+json feed.json"} {
				typ, file, _ := strings.Cut(f, " ")
				if !got[typ+" "+dir+file] {
					t.Errorf("%s: no autodiscovery link to %s%s (%s)", p, dir, file, typ)
				}
			}
		}
	}
}
