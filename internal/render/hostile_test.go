package render_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/briefs-dev/briefs/internal/briefjson"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/site"
)

// breakout is text that ends a script element, opens another, and opens an
// HTML comment that would swallow the rest of the page's script.
const breakout = `Title </script><script>alert(1)</script> <!-- <script> --> </SCRIPT > ` + "\u2028" + ` & "q" 'a'`

// typesetBreakout is breakout as the fields a brief's typographer sets
// (title, summary, caption, credit, corrections) show it: "--" as a dash.
var typesetBreakout = markdown.Typeset(breakout)

// hostileBrief puts breakout in every text field of a brief that reaches
// the page, its JSON-LD and its JSON.
var hostileBrief = map[string]string{
	"content/briefs/hostile/index.md": `+++
title   = '''` + breakout + `'''
date    = 2026-06-07T09:30:00-04:00
authors = ['''` + breakout + `''']
topics  = ['''` + breakout + `''']
summary = '''Summary ` + breakout + `'''
[photo]
src     = "https://cdn.example.org/a.jpg?x=</script>"
alt     = '''Alt ` + breakout + `'''
credit  = '''Credit ` + breakout + `'''
caption = '''Caption ` + breakout + `'''
[[go_deeper]]
title = '''Deeper ` + breakout + `'''
url   = "https://example.com/?q=</script><script>alert(2)</script>"
[[corrections]]
date = 2026-06-08T10:00:00-04:00
text = '''Correction ` + breakout + `'''
[params]
kicker = '''` + breakout + `'''
+++
Lede &lt;/script&gt; &lt;!-- text.

**Why this matters:** ` + "`</script><script>alert(3)</script>`" + `
`,
}

// TestJSONLDCannotBreakOut renders a brief whose every field tries to close
// the JSON-LD script element, and parses the page as a browser would: it
// must hold exactly one script element, whose text is the whole JSON with
// the fields as written.
func TestJSONLDCannotBreakOut(t *testing.T) {
	cfg := testConfig(t)
	cfg.Title = breakout
	cfg.Description = breakout
	s := newSite(t, cfg, hostileBrief, site.Options{})
	files := renderAll(t, newRenderer(t, cfg, nil), s)
	page := files["briefs/hostile/index.html"]
	if page == nil {
		t.Fatal("no page for the brief")
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Script {
			scripts = append(scripts, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(scripts) != 2 {
		t.Fatalf("page has %d script elements, want 2 (the NewsArticle and BreadcrumbList JSON-LD):\n%s", len(scripts), page)
	}
	for _, sc := range scripts {
		if typ, _ := attr(sc, "type"); typ != "application/ld+json" {
			t.Errorf("script type = %q, want application/ld+json", typ)
		}
		if sc.FirstChild == nil || sc.FirstChild != sc.LastChild {
			t.Fatalf("script element does not hold exactly one text node")
		}
	}
	var crumbs struct {
		ItemListElement []struct {
			Name string `json:"name"`
		} `json:"itemListElement"`
	}
	if err := json.Unmarshal([]byte(scripts[1].FirstChild.Data), &crumbs); err != nil {
		t.Fatalf("BreadcrumbList does not parse: %v\n%s", err, scripts[1].FirstChild.Data)
	}
	// The site's title, the topic's name, the brief's title (typeset).
	for i, want := range []string{breakout, breakout, typesetBreakout} {
		if i >= len(crumbs.ItemListElement) || crumbs.ItemListElement[i].Name != want {
			t.Errorf("breadcrumb %d of %v, want %q", i, crumbs.ItemListElement, want)
		}
	}
	sc := scripts[0]
	var ld struct {
		Headline    string `json:"headline"`
		Description string `json:"description"`
		Keywords    string `json:"keywords"`
		Author      []struct {
			Name string `json:"name"`
		} `json:"author"`
		Image struct {
			URL        string `json:"url"`
			Caption    string `json:"caption"`
			CreditText string `json:"creditText"`
		} `json:"image"`
		Publisher struct {
			Name string `json:"name"`
		} `json:"publisher"`
		Correction []string `json:"correction"`
	}
	text := sc.FirstChild.Data
	if err := json.Unmarshal([]byte(text), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, text)
	}
	checks := []struct{ name, got, want string }{
		{"headline", ld.Headline, typesetBreakout},
		{"description", ld.Description, "Summary " + typesetBreakout},
		{"keywords", ld.Keywords, breakout},
		{"publisher", ld.Publisher.Name, breakout},
		{"image url", ld.Image.URL, "https://cdn.example.org/a.jpg?x=</script>"},
		{"image caption", ld.Image.Caption, "Caption " + typesetBreakout},
		{"image credit", ld.Image.CreditText, "Credit " + typesetBreakout},
	}
	if len(ld.Author) == 1 {
		checks = append(checks, struct{ name, got, want string }{"author", ld.Author[0].Name, breakout})
	} else {
		t.Errorf("JSON-LD has %d authors, want 1", len(ld.Author))
	}
	if len(ld.Correction) == 1 {
		checks = append(checks, struct{ name, got, want string }{"correction", ld.Correction[0], "2026-06-08: Correction " + typesetBreakout})
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("JSON-LD %s = %q, want %q", c.name, c.got, c.want)
		}
	}
	for _, bad := range []string{"</script", "<!--", "<script", "\u2028"} {
		if strings.Contains(strings.ToLower(text), bad) {
			t.Errorf("JSON-LD text holds %q, which ends or changes a script element in some parsers", bad)
		}
	}
	// Everything after the script element is still the page.
	if !bytes.Contains(page[bytes.LastIndex(page, []byte("</script>")):], []byte("</html>")) {
		t.Errorf("the page does not end after the JSON-LD")
	}
}

// TestBriefJSONKeepsText checks that the brief's JSON gives back every
// hostile field exactly, escaped so that no HTML parser sees a tag in it.
func TestBriefJSONKeepsText(t *testing.T) {
	cfg := testConfig(t)
	s := newSite(t, cfg, hostileBrief, site.Options{})
	files := renderAll(t, newRenderer(t, cfg, nil), s)
	data := files["briefs/hostile/"+site.JSONFile]
	var doc briefjson.BriefJSON
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Title != typesetBreakout || doc.Summary != "Summary "+typesetBreakout || doc.Photo == nil || doc.Photo.Credit != "Credit "+typesetBreakout {
		t.Errorf("BriefJSON = %+v, want the fields as written", doc)
	}
	for p, data := range files {
		if !strings.HasSuffix(p, ".json") {
			continue
		}
		if bytes.Contains(bytes.ToLower(data), []byte("<script")) || bytes.Contains(data, []byte("</")) {
			t.Errorf("%s holds a raw tag: JSON should escape < and >", p)
		}
	}
}
