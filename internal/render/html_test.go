package render_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/briefs-dev/briefs/internal/site"
)

// parseHTML parses a page, failing the test if the tokenizer reports an error
// other than the end of input.
func parseHTML(t *testing.T, name string, data []byte) *html.Node {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(data))
	for z.Next() != html.ErrorToken {
	}
	if err := z.Err(); err != nil && err.Error() != "EOF" {
		t.Errorf("%s: %v", name, err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// all returns the elements below n for which match is true, in document order.
func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func tag(a atom.Atom) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a }
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasAttr(key, val string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		v, ok := attr(n, key)
		return ok && v == val
	}
}

func and(fs ...func(*html.Node) bool) func(*html.Node) bool {
	return func(n *html.Node) bool {
		for _, f := range fs {
			if !f(n) {
				return false
			}
		}
		return true
	}
}

func hasClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		v, _ := attr(n, "class")
		for _, c := range strings.Fields(v) {
			if c == class {
				return true
			}
		}
		return false
	}
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// checkPage applies the rules every HTML page must meet and reports each
// broken one. path is the page's output path; files holds every output file,
// to check that links inside the site lead somewhere.
func checkPage(t *testing.T, path string, data []byte, base *url.URL, exists func(string) bool) {
	t.Helper()
	doc := parseHTML(t, path, data)
	if !bytes.HasPrefix(data, []byte("<!DOCTYPE html>")) {
		t.Errorf("%s: does not start with <!DOCTYPE html>", path)
	}
	if n := len(all(doc, tag(atom.Main))); n != 1 {
		t.Errorf("%s: %d <main> elements, want 1", path, n)
	}
	if n := len(all(doc, tag(atom.H1))); n != 1 {
		t.Errorf("%s: %d <h1> elements, want 1", path, n)
	}
	titles := all(doc, tag(atom.Title))
	if len(titles) != 1 || text(titles[0]) == "" {
		t.Errorf("%s: want one non-empty <title>, have %d", path, len(titles))
	}
	if h := all(doc, tag(atom.Html)); len(h) != 1 || func() bool { l, _ := attr(h[0], "lang"); return l == "" }() {
		t.Errorf("%s: <html> has no lang", path)
	}
	canon := all(doc, and(tag(atom.Link), hasAttr("rel", "canonical")))
	if path == "404.html" {
		// The 404 page is served at every missing address: it has no
		// canonical URL of its own.
		if len(canon) != 0 {
			t.Errorf("%s: has a canonical link", path)
		}
	} else if len(canon) != 1 {
		t.Errorf("%s: %d canonical links, want 1", path, len(canon))
	} else {
		href, _ := attr(canon[0], "href")
		want := base.String() + strings.TrimSuffix(path, "index.html")
		if href != want {
			t.Errorf("%s: canonical %q, want %q", path, href, want)
		}
	}
	ids := map[string]bool{}
	for _, n := range all(doc, func(n *html.Node) bool { _, ok := attr(n, "id"); return ok }) {
		id, _ := attr(n, "id")
		if id == "" {
			t.Errorf("%s: empty id on <%s>", path, n.Data)
		}
		if ids[id] {
			t.Errorf("%s: duplicate id %q", path, id)
		}
		ids[id] = true
	}
	for _, n := range all(doc, func(*html.Node) bool { return true }) {
		for _, key := range []string{"href", "src"} {
			v, ok := attr(n, key)
			if !ok {
				continue
			}
			checkLink(t, path, n.Data+" "+key, v, base, ids, exists)
		}
		if n.DataAtom == atom.Img {
			if _, ok := attr(n, "alt"); !ok {
				t.Errorf("%s: <img> without alt", path)
			}
		}
		if n.DataAtom == atom.Time {
			v, ok := attr(n, "datetime")
			if _, err := time.Parse(time.RFC3339, v); !ok || err != nil {
				t.Errorf("%s: <time datetime=%q> is not RFC 3339", path, v)
			}
		}
	}
	for _, n := range all(doc, and(tag(atom.Meta), func(n *html.Node) bool {
		p, _ := attr(n, "property")
		return p == "og:url" || p == "og:image"
	})) {
		v, _ := attr(n, "content")
		if !strings.HasPrefix(v, base.String()) {
			t.Errorf("%s: meta %v content %q is not below %s", path, n.Attr, v, base)
		}
	}
}

// checkLink checks one href or src: a root-relative URL is below the base
// path and leads to an output file; an absolute URL on the site's host is
// below the base URL; a fragment names an id of the page (ids holds them
// all).
func checkLink(t *testing.T, page, what, v string, base *url.URL, ids map[string]bool, exists func(string) bool) {
	t.Helper()
	u, err := url.Parse(v)
	switch {
	case err != nil:
		t.Errorf("%s: %s %q: %v", page, what, v, err)
	case strings.HasPrefix(v, "#"):
		if !ids[u.Fragment] {
			t.Errorf("%s: %s %q names no id of the page", page, what, v)
		}
	case u.Scheme == "mailto" || u.Scheme == "tel":
	case u.Scheme != "":
		if u.Scheme != "https" && u.Scheme != "http" {
			t.Errorf("%s: %s %q has scheme %q", page, what, v, u.Scheme)
		}
		if u.Host == base.Host && !strings.HasPrefix(v, base.String()) {
			t.Errorf("%s: %s %q is on the site's host but not below %s", page, what, v, base)
		}
	case strings.HasPrefix(v, "//"):
		t.Errorf("%s: %s %q is protocol-relative", page, what, v)
	case strings.HasPrefix(v, "/"):
		if !strings.HasPrefix(u.Path, base.Path) {
			t.Errorf("%s: %s %q does not start with the base path %s", page, what, v, base.Path)
			return
		}
		if exists != nil && !exists(strings.TrimPrefix(u.Path, base.Path)) {
			t.Errorf("%s: %s %q leads to no output file", page, what, v)
		}
	default:
		t.Errorf("%s: %s %q is relative: it breaks when the page moves", page, what, v)
	}
}

// existsIn reports whether a site path names a file of files: "x/" is
// "x/index.html". extra lists files written by others (bundle photos).
func existsIn(files map[string][]byte, extra ...string) func(string) bool {
	return func(p string) bool {
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if _, ok := files[p]; ok {
			return true
		}
		for _, e := range extra {
			if e == p {
				return true
			}
		}
		return false
	}
}

func TestEveryPage(t *testing.T) {
	for _, opts := range []site.Options{{}, {Drafts: true, Future: true}} {
		_, files := testSite(t, opts)
		base, _ := url.Parse(baseURL)
		exists := existsIn(files, "briefs/minister-declines/minister.svg", "briefs/minister-declines/chart.svg")
		pages := sortedPaths(files, ".html")
		if len(pages) < 10 {
			t.Fatalf("only %d pages", len(pages))
		}
		for _, p := range pages {
			checkPage(t, p, files[p], base, exists)
		}
	}
}

// The same site at the root of its host.
func TestEveryPageAtRoot(t *testing.T) {
	cfg := testConfig(t)
	cfg.BaseURL = "https://briefs.example/"
	s := newSite(t, cfg, briefs, site.Options{})
	files := renderAll(t, newRenderer(t, cfg, nil), s)
	base, _ := url.Parse(cfg.BaseURL)
	for _, p := range sortedPaths(files, ".html") {
		checkPage(t, p, files[p], base, nil)
		if bytes.Contains(files[p], []byte("example.org")) {
			t.Errorf("%s mentions example.org, the other base URL", p)
		}
	}
}

func meta(doc *html.Node, key, name string) (string, bool) {
	ms := all(doc, and(tag(atom.Meta), hasAttr(key, name)))
	if len(ms) == 0 {
		return "", false
	}
	return attr(ms[0], "content")
}

func TestBriefPage(t *testing.T) {
	_, files := testSite(t, site.Options{})
	const path = "briefs/minister-declines/index.html"
	doc := parseHTML(t, path, files[path])
	pageURL := baseURL + "briefs/minister-declines/"

	if got := text(all(doc, tag(atom.H1))[0]); got != "Allies fume as spokesman declines to back the minister" {
		t.Errorf("h1 = %q", got)
	}
	if got := text(all(doc, tag(atom.Title))[0]); !strings.HasPrefix(got, "Allies fume as spokesman declines") || !strings.Contains(got, "The Test Brief") {
		t.Errorf("title = %q, want the brief's title and the site's", got)
	}
	for _, m := range []struct{ key, name, want string }{
		{"property", "og:title", "Allies fume as spokesman declines to back the minister"},
		{"property", "og:url", pageURL},
		{"property", "og:type", "article"},
		{"property", "og:image", pageURL + "minister.svg"},
		{"property", "og:image:alt", "The minister leaves a hearing"},
		{"property", "og:description", "The spokesman’s silence left the minister exposed before Tuesday’s vote."},
		{"name", "twitter:card", "summary_large_image"},
		{"name", "description", "The spokesman’s silence left the minister exposed before Tuesday’s vote."},
	} {
		if got, ok := meta(doc, m.key, m.name); !ok || got != m.want {
			t.Errorf("meta %s=%q content = %q (present %v), want %q", m.key, m.name, got, ok, m.want)
		}
	}
	if got, ok := meta(doc, "property", "article:published_time"); !ok || got != "2026-06-07T09:30:00-04:00" {
		t.Errorf("article:published_time = %q, want 2026-06-07T09:30:00-04:00", got)
	}

	// JSON-LD.
	scripts := all(doc, and(tag(atom.Script), hasAttr("type", "application/ld+json")))
	if len(scripts) != 2 {
		t.Fatalf("%d JSON-LD scripts, want 2 (NewsArticle, BreadcrumbList)", len(scripts))
	}
	var ld struct {
		Context       string `json:"@context"`
		Type          string `json:"@type"`
		Headline      string `json:"headline"`
		URL           string `json:"url"`
		DatePublished string `json:"datePublished"`
		DateModified  string `json:"dateModified"`
		Author        []struct {
			Type string `json:"@type"`
			Name string `json:"name"`
			URL  string `json:"url"`
		} `json:"author"`
		Image struct {
			Type       string `json:"@type"`
			URL        string `json:"url"`
			CreditText string `json:"creditText"`
		} `json:"image"`
		Publisher struct {
			Name string `json:"name"`
		} `json:"publisher"`
	}
	raw := scripts[0].FirstChild.Data
	if err := json.Unmarshal([]byte(raw), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, raw)
	}
	if ld.Context != "https://schema.org" || ld.Type != "NewsArticle" {
		t.Errorf("JSON-LD @context, @type = %q, %q", ld.Context, ld.Type)
	}
	if ld.Headline != "Allies fume as spokesman declines to back the minister" {
		t.Errorf("JSON-LD headline = %q", ld.Headline)
	}
	if ld.URL != pageURL {
		t.Errorf("JSON-LD url = %q, want %q", ld.URL, pageURL)
	}
	for name, v := range map[string]string{"datePublished": ld.DatePublished, "dateModified": ld.DateModified} {
		if _, err := time.Parse(time.RFC3339, v); err != nil {
			t.Errorf("JSON-LD %s = %q: %v", name, v, err)
		}
	}
	// Modified by the correction, after the update.
	if ld.DatePublished != "2026-06-07T09:30:00-04:00" || ld.DateModified != "2026-06-08T10:00:00-04:00" {
		t.Errorf("JSON-LD dates = %q, %q", ld.DatePublished, ld.DateModified)
	}
	if len(ld.Author) != 2 || ld.Author[0].Name != "Dana Whitfield" || ld.Author[0].Type != "Person" || ld.Author[1].URL != baseURL+"authors/marisol-okafor/" {
		t.Errorf("JSON-LD author = %+v", ld.Author)
	}
	if ld.Image.CreditText != "Jane Doe / Wire Photo" || ld.Image.URL != pageURL+"minister.svg" || ld.Image.Type != "ImageObject" {
		t.Errorf("JSON-LD image = %+v", ld.Image)
	}
	if ld.Publisher.Name != "The Test Brief" {
		t.Errorf("JSON-LD publisher = %+v", ld.Publisher)
	}

	// The photo, in a figure with its credit.
	figs := all(doc, tag(atom.Figure))
	if len(figs) != 1 {
		t.Fatalf("%d figures, want 1", len(figs))
	}
	imgs := all(figs[0], tag(atom.Img))
	if len(imgs) != 1 {
		t.Fatalf("figure has %d images", len(imgs))
	}
	if src, _ := attr(imgs[0], "src"); src != "/news/briefs/minister-declines/minister.svg" {
		t.Errorf("photo src = %q", src)
	}
	if alt, _ := attr(imgs[0], "alt"); alt != "The minister leaves a hearing" {
		t.Errorf("photo alt = %q", alt)
	}
	caps := all(figs[0], tag(atom.Figcaption))
	if len(caps) != 1 || !strings.Contains(text(caps[0]), "Jane Doe / Wire Photo") || !strings.Contains(text(caps[0]), "The minister after the hearing on Monday.") {
		t.Errorf("figcaption does not hold the caption and credit")
	}

	// Dates.
	times := all(doc, tag(atom.Time))
	var datetimes []string
	for _, n := range times {
		v, _ := attr(n, "datetime")
		datetimes = append(datetimes, v)
	}
	// Published, last modified (by the correction), and the correction.
	for _, want := range []string{"2026-06-07T09:30:00-04:00", "2026-06-08T10:00:00-04:00"} {
		if !contains(datetimes, want) {
			t.Errorf("no <time datetime=%q>; have %q", want, datetimes)
		}
	}

	// Corrections.
	corr := all(doc, hasClass("corrections"))
	if len(corr) != 1 || !strings.Contains(text(corr[0]), "An earlier version misstated the hearing date.") {
		t.Errorf("correction not shown")
	} else if ts := all(corr[0], tag(atom.Time)); len(ts) != 1 {
		t.Errorf("correction is not dated")
	}

	// Sections, in order, labels visible.
	var secs []string
	for _, n := range all(doc, and(tag(atom.Section), hasClass("brief-section"))) {
		id, _ := attr(n, "id")
		secs = append(secs, id+": "+text(n))
	}
	wantSecs := []string{
		"why-this-matters: Why this matters A minister without the spokesman's backing rarely lasts a week. See the rules and",
		"behind-the-scenes: Behind-the-scenes Two deputies said they had been told to “stay quiet”.",
		"whats-next: What's next A confidence vote is due on Tuesday.",
	}
	if len(secs) != len(wantSecs) {
		t.Errorf("sections = %q, want %d", secs, len(wantSecs))
	} else {
		for i := range secs {
			if !strings.HasPrefix(strings.ReplaceAll(secs[i], "’", "'"), strings.ReplaceAll(wantSecs[i], "’", "'")) {
				t.Errorf("section %d = %q, want prefix %q", i, secs[i], wantSecs[i])
			}
		}
	}
	// Each section is named by its heading, whichever way its label was
	// written.
	for _, n := range all(doc, and(tag(atom.Section), hasClass("brief-section"))) {
		id, _ := attr(n, "id")
		by, _ := attr(n, "aria-labelledby")
		hs := all(n, tag(atom.H2))
		if by != id+"-label" || len(hs) != 1 {
			t.Errorf("section %s: aria-labelledby %q, %d h2", id, by, len(hs))
		} else if hid, _ := attr(hs[0], "id"); hid != by {
			t.Errorf("section %s: its heading's id is %q, not %q", id, hid, by)
		}
	}

	// One Go deeper block: the front matter's entries, then the body's.
	deeper := all(doc, hasClass("go-deeper"))
	if len(deeper) != 1 {
		t.Fatalf("%d Go deeper blocks, want 1", len(deeper))
	}
	var items []string
	for _, li := range all(deeper[0], tag(atom.Li)) {
		items = append(items, strings.TrimSpace(text(li)))
	}
	wantItems := []string{"Earlier: the minister’s recusal", "The hearing transcript (external link)", "The committee’s report"}
	if strings.Join(items, "|") != strings.Join(wantItems, "|") {
		t.Errorf("Go deeper items = %q, want %q", items, wantItems)
	}
	if lede := text(all(doc, hasClass("brief-body"))[0]); !strings.HasPrefix(lede, "The spokesman declined three times") {
		t.Errorf("body does not start with the lede: %q", lede)
	}

	// Links of the body and of go deeper.
	var hrefs []string
	for _, a := range all(doc, tag(atom.A)) {
		h, _ := attr(a, "href")
		hrefs = append(hrefs, h)
	}
	for _, want := range []string{
		baseURL + "briefs/minister-recusal/", // the body's link to another brief's file
		"/news/briefs/minister-recusal/",     // go deeper ref
		"https://example.com/transcript",     // go deeper url
		"/news/topics/cabinet/", "/news/topics/white-house/",
		"/news/authors/dana-whitfield/", "/news/authors/marisol-okafor/",
	} {
		if !contains(hrefs, want) {
			t.Errorf("no link to %s", want)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Every brief page has the basic metadata, photo or not.
func TestBriefPagesMetadata(t *testing.T) {
	s, files := testSite(t, site.Options{})
	for _, b := range s.Briefs {
		path := b.Path + "index.html"
		doc := parseHTML(t, path, files[path])
		for _, m := range []struct{ key, name string }{
			{"property", "og:title"}, {"property", "og:url"}, {"name", "twitter:card"}, {"property", "og:type"},
		} {
			if v, ok := meta(doc, m.key, m.name); !ok || v == "" {
				t.Errorf("%s: no %s", path, m.name)
			}
		}
		if got, _ := meta(doc, "property", "og:url"); got != baseURL+b.Path {
			t.Errorf("%s: og:url = %q", path, got)
		}
		scripts := all(doc, and(tag(atom.Script), hasAttr("type", "application/ld+json")))
		if len(scripts) != 2 {
			t.Errorf("%s: %d JSON-LD scripts, want 2 (NewsArticle, BreadcrumbList)", path, len(scripts))
			continue
		}
		var ld map[string]any
		if err := json.Unmarshal([]byte(scripts[0].FirstChild.Data), &ld); err != nil {
			t.Errorf("%s: JSON-LD: %v", path, err)
		}
		if ld["@type"] != "NewsArticle" || ld["headline"] != b.Title {
			t.Errorf("%s: JSON-LD @type %v, headline %v", path, ld["@type"], ld["headline"])
		}
		if b.Photo == nil && ld["image"] != nil {
			t.Errorf("%s: JSON-LD has an image, the brief has none", path)
		}
	}
}

// Text that looks like markup is escaped everywhere, and cannot end the
// JSON-LD script early.
func TestEscaping(t *testing.T) {
	cfg := testConfig(t)
	files := map[string]string{
		"content/briefs/x.md": `+++
title = "Tags </script><b>bold</b> & \"quotes\""
date = 2026-06-01T08:00:00Z
topics = ["<i>topic</i>"]
authors = ["A & B"]
summary = "Summary with <em>markup</em> & </script>"
+++
Body <script>alert(1)</script> text.
`,
	}
	s := newSite(t, cfg, files, site.Options{})
	out := renderAll(t, newRenderer(t, cfg, nil), s)
	for _, p := range sortedPaths(out, ".html") {
		data := out[p]
		if bytes.Contains(data, []byte("<b>bold</b>")) || bytes.Contains(data, []byte("<i>topic</i>")) ||
			bytes.Contains(data, []byte("<em>markup</em>")) || bytes.Contains(data, []byte("<script>alert")) {
			t.Errorf("%s: unescaped markup from the brief", p)
		}
		doc := parseHTML(t, p, data)
		for _, sc := range all(doc, and(tag(atom.Script), hasAttr("type", "application/ld+json"))) {
			var v map[string]any
			if err := json.Unmarshal([]byte(sc.FirstChild.Data), &v); err != nil {
				t.Errorf("%s: JSON-LD: %v", p, err)
			} else if v["@type"] == "NewsArticle" && v["headline"] != `Tags </script><b>bold</b> & “quotes”` {
				t.Errorf("%s: JSON-LD headline = %q", p, v["headline"])
			}
		}
	}
}

// A site-level layout overrides one template of the default theme.
func TestSiteLayoutOverride(t *testing.T) {
	cfg := testConfig(t)
	s := newSite(t, cfg, briefs, site.Options{})
	layouts := fstest.MapFS{
		"layouts/partials/footer.html": {Data: []byte(`<footer class="site-footer">Custom footer for {{.Site.Config.Title}}</footer>`)},
	}
	files := renderAll(t, newRenderer(t, cfg, layouts), s)
	for _, p := range sortedPaths(files, ".html") {
		if strings.HasPrefix(p, "editions/") {
			continue // mail: a document of its own, without baseof.html and partials
		}
		if !bytes.Contains(files[p], []byte("Custom footer for The Test Brief")) {
			t.Errorf("%s: site footer not used", p)
		}
	}
}
