package markdown

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// testMail styles every element the tests look at with its own name, and
// knows the size of three files.
func testMail() *Mail {
	styles := map[string]string{}
	for _, el := range []string{"p", "h2", "h3", "ul", "ol", "li", "blockquote", "hr", "a", "img", "em", "strong", "code", "del"} {
		styles[el] = el + ":1;"
	}
	sizes := map[string][2]int{
		"content/briefs/golden/wide.png":   {1200, 600},
		"content/briefs/golden/narrow.png": {300, 200},
		"static/img/map.svg":               {1000, 333},
	}
	return &Mail{Styles: styles, Width: 560, ImageSize: func(file string) (int, int) {
		s := sizes[file]
		return s[0], s[1]
	}}
}

// mailConverter is goldenConverter with mail HTML.
func mailConverter(unsafe bool) *Converter {
	opts := goldenConverter().opts
	opts.Mail, opts.Unsafe = testMail(), unsafe
	return New(opts)
}

func TestMail(t *testing.T) {
	tests := []struct {
		name, body string
		unsafe     bool
		want       string // the lede's mail HTML
	}{
		{"paragraph", "One.\n\nTwo.", false, "<p style=\"p:1;\">One.</p>\n<p style=\"p:1;\">Two.</p>\n"},
		{"headings", "## Two\n\n### Three\n\n#### Four", false,
			"<h2 style=\"h2:1;\">Two</h2>\n<h3 style=\"h3:1;\">Three</h3>\n<h4>Four</h4>\n"},
		{"lists", "- a\n- b\n\n3. c", false,
			"<ul style=\"ul:1;\">\n<li style=\"li:1;\">a</li>\n<li style=\"li:1;\">b</li>\n</ul>\n<ol start=\"3\" style=\"ol:1;\">\n<li style=\"li:1;\">c</li>\n</ol>\n"},
		{"blockquote", "> Quoted.", false, "<blockquote style=\"blockquote:1;\">\n<p style=\"p:1;\">Quoted.</p>\n</blockquote>\n"},
		{"thematic break", "---", false, "<hr style=\"hr:1;\">\n"},
		{"inline", "*a* **b** `c` ~~d~~", false,
			"<p style=\"p:1;\"><em style=\"em:1;\">a</em> <strong style=\"strong:1;\">b</strong> <code style=\"code:1;\">c</code> <del style=\"del:1;\">d</del></p>\n"},
		{"code block without its language's class", "```go\nx := 1 < 2\n```", false, "<pre><code>x := 1 &lt; 2\n</code></pre>\n"},
		{"table", "| a |\n|---|\n| b |", false,
			"<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n"},
		{"link", `[x](https://example.com/?a=1&b=2 "T")`, false,
			"<p style=\"p:1;\"><a href=\"https://example.com/?a=1&amp;b=2\" title=\"T\" style=\"a:1;\">x</a></p>\n"},
		{"link in the site", "[x](/about/)", false,
			"<p style=\"p:1;\"><a href=\"https://example.org/news/about/\" style=\"a:1;\">x</a></p>\n"},
		{"link to a brief", "[x](../budget-vote.md#why)", false,
			"<p style=\"p:1;\"><a href=\"https://example.org/news/briefs/budget-vote/#why\" style=\"a:1;\">x</a></p>\n"},
		{"autolink", "<https://example.com/a> and https://example.com/b", false,
			"<p style=\"p:1;\"><a href=\"https://example.com/a\" style=\"a:1;\">https://example.com/a</a> and <a href=\"https://example.com/b\" style=\"a:1;\">https://example.com/b</a></p>\n"},
		{"dangerous link", "[x](javascript:alert(1))", false, "<p style=\"p:1;\"><a href=\"\" style=\"a:1;\">x</a></p>\n"},
		{"image wider than the column", `![A "wide" one](wide.png "T")`, false,
			"<p style=\"p:1;\"><img src=\"https://example.org/news/briefs/golden/wide.png\" alt=\"A “wide” one\" title=\"T\" width=\"560\" height=\"280\" style=\"img:1;\"></p>\n"},
		{"image narrower than the column", "![n](narrow.png)", false,
			"<p style=\"p:1;\"><img src=\"https://example.org/news/briefs/golden/narrow.png\" alt=\"n\" width=\"300\" height=\"200\" style=\"img:1;\"></p>\n"},
		{"static image, rounded", "![m](/img/map.svg?v=2#x)", false,
			"<p style=\"p:1;\"><img src=\"https://example.org/news/img/map.svg?v=2#x\" alt=\"m\" width=\"560\" height=\"186\" style=\"img:1;\"></p>\n"},
		{"image of unknown size", "![u](unknown.png)", false,
			"<p style=\"p:1;\"><img src=\"https://example.org/news/briefs/golden/unknown.png\" alt=\"u\" style=\"img:1;\"></p>\n"},
		{"image elsewhere", "![e](https://cdn.example.com/wide.png)", false,
			"<p style=\"p:1;\"><img src=\"https://cdn.example.com/wide.png\" alt=\"e\" style=\"img:1;\"></p>\n"},
		{"raw HTML off", "<div class=\"x\">a</div>\n\nb <span class=\"y\">c</span>", false,
			"<!-- raw HTML omitted -->\n<p style=\"p:1;\">b <!-- raw HTML omitted -->c<!-- raw HTML omitted --></p>\n"},
		// Raw HTML is the writer's own: it goes to mail as written.
		{"raw HTML on", "<div class=\"x\">a</div>\n\nb <span class=\"y\">c</span>", true,
			"<div class=\"x\">a</div>\n<p style=\"p:1;\">b <span class=\"y\">c</span></p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := mailConverter(tt.unsafe).Convert(bundleSource([]byte(tt.body)))
			if err != nil {
				t.Fatal(err)
			}
			if res.MailLede != tt.want {
				t.Errorf("Convert(%q).MailLede =\n%s\nwant\n%s", tt.body, res.MailLede, tt.want)
			}
		})
	}
}

// A section's mail HTML has its label, a heading whichever way it was
// written, without the class and id the page's has.
func TestMailSections(t *testing.T) {
	body := "Lede.\n\n**Why this matters:** It does.\n\n## By the numbers\n\n- 3"
	res, err := mailConverter(false).Convert(bundleSource([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"<h2 style=\"h2:1;\">Why this matters</h2>\n<p style=\"p:1;\">It does.</p>\n",
		"<h2 style=\"h2:1;\">By the numbers</h2>\n<ul style=\"ul:1;\">\n<li style=\"li:1;\">3</li>\n</ul>\n",
	}
	if res.MailLede != "<p style=\"p:1;\">Lede.</p>\n" || len(res.Sections) != len(want) {
		t.Fatalf("MailLede = %q, %d sections", res.MailLede, len(res.Sections))
	}
	for i, s := range res.Sections {
		if s.Mail != want[i] {
			t.Errorf("section %s: Mail =\n%s\nwant\n%s", s.ID, s.Mail, want[i])
		}
	}
	// Only the sections named are written for mail.
	c := mailConverter(false)
	c.opts.Mail.Sections = []string{"Why this matters"}
	res, err = c.Convert(bundleSource([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Sections[0].Mail != want[0] || res.Sections[1].Mail != "" {
		t.Errorf("with Sections %q: Mail %q and %q, want %q and none", c.opts.Mail.Sections, res.Sections[0].Mail, res.Sections[1].Mail, want[0])
	}
	// The page's HTML is rendered before, with its classes.
	if !strings.Contains(res.HTML, `<h2 class="brief-section-label" id="why-this-matters-label">`) || !strings.Contains(res.HTML, `<h2 class="brief-section-label" id="by-the-numbers-label">`) {
		t.Errorf("HTML lost its classes:\n%s", res.HTML)
	}
}

// MailImages lists the site's images that the mail HTML shows, with the
// size it states; images elsewhere, or outside static/ and the bundle, are
// not the site's.
func TestMailImages(t *testing.T) {
	body := "![a](wide.png) ![b](unknown.png) ![c](/img/map.svg) ![d](https://cdn.example.com/x.png)\n\n" +
		"![e](/../config.toml) ![f](../../../config.toml) ![g](https://example.org/news/briefs/golden/narrow.png)\n\n" +
		"**Why this matters:** ![h](narrow.png)"
	res, err := mailConverter(false).Convert(bundleSource([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	want := []MailImage{
		{"content/briefs/golden/wide.png", 1200, 600},
		{"content/briefs/golden/unknown.png", 0, 0},
		{"static/img/map.svg", 1000, 333},
		{"content/briefs/golden/narrow.png", 300, 200},
		{"content/briefs/golden/narrow.png", 300, 200},
	}
	if !slices.Equal(res.MailImages, want) {
		t.Errorf("MailImages = %v, want %v", res.MailImages, want)
	}
	// Those of sections not written for mail are not shown.
	c := mailConverter(false)
	c.opts.Mail.Sections = []string{"Behind-the-scenes"}
	if res, err = c.Convert(bundleSource([]byte(body))); err != nil {
		t.Fatal(err)
	}
	if want := want[:4]; !slices.Equal(res.MailImages, want) {
		t.Errorf("with Sections %q: MailImages = %v, want %v", c.opts.Mail.Sections, res.MailImages, want)
	}
}

// Without Options.Mail there is no mail HTML, and no work for it.
func TestNoMail(t *testing.T) {
	res, err := goldenConverter().Convert(bundleSource([]byte("Lede ![a](wide.png).\n\n**Why this matters:** b")))
	if err != nil {
		t.Fatal(err)
	}
	if res.MailLede != "" || res.Sections[0].Mail != "" || res.MailImages != nil {
		t.Errorf("MailLede %q, Mail %q, MailImages %v, want none", res.MailLede, res.Sections[0].Mail, res.MailImages)
	}
}

// checkMail holds a body's mail HTML to its page HTML: it parses, has no
// class, and has the same elements and text.
func checkMail(t *testing.T, body []byte, res *Result) {
	t.Helper()
	pages := []string{res.Lede}
	mails := []string{res.MailLede}
	for _, s := range res.Sections {
		pages, mails = append(pages, s.HTML), append(mails, s.Mail)
	}
	for i := range pages {
		page, mail := plainHTML(pages[i]), plainHTML(mails[i])
		if page != mail {
			t.Errorf("Convert(%q): mail HTML differs from the page's but for attributes:\npage %s\nmail %s", body, page, mail)
		}
		if strings.Contains(mails[i], " class=") && !strings.Contains(string(body), "class") {
			t.Errorf("Convert(%q): a class in mail HTML:\n%s", body, mails[i])
		}
	}
}

// plainHTML parses an HTML fragment and renders it again without
// attributes but those that say what an element shows, and without text
// that is only space between blocks.
func plainHTML(fragment string) string {
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "div"})
	if err != nil {
		return "parse error: " + err.Error()
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c, next := n.FirstChild, (*html.Node)(nil); c != nil; c = next {
			next = c.NextSibling
			walk(c)
			if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
				n.RemoveChild(c)
			}
		}
		n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool {
			return a.Key != "href" && a.Key != "src" && a.Key != "alt" && a.Key != "title" && a.Key != "start"
		})
	}
	for _, n := range nodes {
		walk(n)
		_ = html.Render(&b, n)
	}
	return b.String()
}
