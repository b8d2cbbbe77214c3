package render_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
)

// jsonLDBlocks returns the text of every JSON-LD script of a page.
func jsonLDBlocks(page []byte) [][]byte {
	const open = `<script type="application/ld+json">`
	var blocks [][]byte
	for {
		var ok bool
		_, page, ok = bytes.Cut(page, []byte(open))
		if !ok {
			return blocks
		}
		var block []byte
		block, page, _ = bytes.Cut(page, []byte("</script>"))
		blocks = append(blocks, block)
	}
}

// ldNodes returns the nodes of a JSON-LD document: the document itself, or
// each node of its @graph.
func ldNodes(doc map[string]any) []map[string]any {
	graph, ok := doc["@graph"].([]any)
	if !ok {
		return []map[string]any{doc}
	}
	var nodes []map[string]any
	for _, n := range graph {
		if m, ok := n.(map[string]any); ok {
			nodes = append(nodes, m)
		}
	}
	return nodes
}

// ldChecker checks JSON-LD nodes against what Google's structured data
// documentation requires and recommends, for the types a site writes.
type ldChecker struct {
	t     *testing.T
	res   *build.Result
	where string
}

func (c *ldChecker) errorf(format string, args ...any) {
	c.t.Helper()
	c.t.Errorf(c.where+": "+format, args...)
}

// str returns the non-empty string at key, or reports it missing.
func (c *ldChecker) str(n map[string]any, key string) string {
	c.t.Helper()
	s, _ := n[key].(string)
	if strings.TrimSpace(s) == "" {
		c.errorf("%s %v: no %s", n["@type"], n["@id"], key)
	}
	return s
}

// url checks that the string at key is an absolute URL, and that a URL of
// the site leads to a file of the build.
func (c *ldChecker) url(n map[string]any, key string) {
	c.t.Helper()
	s := c.str(n, key)
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() {
		c.errorf("%s %s = %q: not an absolute URL", n["@type"], key, s)
		return
	}
	if p, ok := strings.CutPrefix(s, c.res.Site.BaseURL); ok {
		p, _, _ = strings.Cut(p, "#")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if _, ok := c.res.Files[p]; !ok { // static files included
			c.errorf("%s %s = %q leads to no file of the site", n["@type"], key, s)
		}
	}
}

// date checks that the string at key is an ISO 8601 date and time.
func (c *ldChecker) date(n map[string]any, key string) {
	c.t.Helper()
	if _, err := time.Parse(time.RFC3339, c.str(n, key)); err != nil {
		c.errorf("%s %s: %v", n["@type"], key, err)
	}
}

// obj returns the object at key, or reports it missing.
func (c *ldChecker) obj(n map[string]any, key string) map[string]any {
	c.t.Helper()
	m, ok := n[key].(map[string]any)
	if !ok {
		c.errorf("%s: no %s object", n["@type"], key)
		return map[string]any{}
	}
	return m
}

// check checks one node and returns its type.
func (c *ldChecker) check(n map[string]any) string {
	c.t.Helper()
	typ, _ := n["@type"].(string)
	switch typ {
	case "NewsArticle":
		// Google: headline, image, datePublished, dateModified, author
		// (each with a name, a URL), publisher.
		c.str(n, "headline")
		c.date(n, "datePublished")
		c.date(n, "dateModified")
		c.url(n, "url")
		authors, _ := n["author"].([]any)
		if len(authors) == 0 {
			c.errorf("NewsArticle %q: no author", n["headline"])
		}
		for _, a := range authors {
			a, _ := a.(map[string]any)
			if t := a["@type"]; t != "Person" && t != "Organization" {
				c.errorf("author of type %v", t)
			}
			c.str(a, "name")
			c.url(a, "url")
		}
		// One ImageObject, or several (the photo in each of its sizes).
		images, _ := n["image"].([]any)
		if img, ok := n["image"].(map[string]any); ok {
			images = []any{img}
		}
		for _, img := range images {
			img, ok := img.(map[string]any)
			if !ok {
				c.errorf("NewsArticle %q: an image that is no object", n["headline"])
				continue
			}
			c.url(img, "url")
		}
		pub := c.obj(n, "publisher")
		if pub["@type"] != "Organization" {
			c.errorf("publisher of type %v", pub["@type"])
		}
		c.str(pub, "name")
		c.url(pub, "url")
		c.url(c.obj(pub, "logo"), "url")
	case "Organization":
		c.str(n, "name")
		c.url(n, "url")
		c.url(c.obj(n, "logo"), "url")
	case "ProfilePage":
		// Google: a mainEntity, the Person or Organization, with a name.
		c.url(n, "url")
		person := c.obj(n, "mainEntity")
		if person["@type"] != "Person" {
			c.errorf("ProfilePage of a %v", person["@type"])
		}
		c.str(person, "name")
		c.url(person, "url")
		if _, ok := person["image"]; ok {
			c.url(person, "image")
		}
		links, _ := person["sameAs"].([]any)
		for _, l := range links {
			if u, err := url.Parse(l.(string)); err != nil || !u.IsAbs() {
				c.errorf("sameAs %q", l)
			}
		}
	case "WebSite":
		c.str(n, "name")
		c.url(n, "url")
	case "BreadcrumbList":
		// Google: at least two ListItems, each with a position from 1, a
		// name, and an item but for the last.
		items, _ := n["itemListElement"].([]any)
		if len(items) < 2 {
			c.errorf("BreadcrumbList of %d items", len(items))
		}
		for i, it := range items {
			it, _ := it.(map[string]any)
			if it["@type"] != "ListItem" || it["position"] != float64(i+1) {
				c.errorf("breadcrumb %d: %v at position %v", i, it["@type"], it["position"])
			}
			c.str(it, "name")
			if i < len(items)-1 || it["item"] != nil {
				c.url(it, "item")
			}
		}
	default:
		c.errorf("JSON-LD of type %q, which this test does not check", typ)
	}
	return typ
}

// TestDemoJSONLD parses every JSON-LD block of the built demo site and
// checks the types and properties Google documents for them.
func TestDemoJSONLD(t *testing.T) {
	res := buildDemo(t)
	c := &ldChecker{t: t, res: res}
	pages := 0
	for _, p := range sortedPaths(res.Files, ".html") {
		if strings.HasPrefix(p, "editions/") {
			continue // mail, not web pages
		}
		pages++
		c.where = p
		types := map[string]int{}
		for _, block := range jsonLDBlocks(res.Files[p]) {
			var doc map[string]any
			if err := json.Unmarshal(block, &doc); err != nil {
				t.Errorf("%s: %v\n%s", p, err, block)
				continue
			}
			if doc["@context"] != "https://schema.org" {
				t.Errorf("%s: @context %v", p, doc["@context"])
			}
			for _, n := range ldNodes(doc) {
				types[c.check(n)]++
			}
		}
		var want []string
		switch {
		case p == "index.html":
			want = []string{"Organization", "WebSite"}
		case strings.HasPrefix(p, "briefs/"):
			want = []string{"NewsArticle", "BreadcrumbList"}
		case strings.HasPrefix(p, "authors/") && p != "authors/index.html" && !strings.Contains(p, "/page/"):
			want = []string{"ProfilePage"}
		}
		for _, typ := range want {
			if types[typ] != 1 {
				t.Errorf("%s: %d %s, want 1", p, types[typ], typ)
			}
		}
	}
	if pages < 20 {
		t.Errorf("only %d pages in the demo", pages)
	}
}
