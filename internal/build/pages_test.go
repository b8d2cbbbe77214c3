package build_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
)

// pagesSite writes a small site with standalone pages into a folder.
func pagesSite(t *testing.T, pages map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "config.toml", "title = \"Pages\"\nbase_url = \"https://example.org/\"\n")
	write(t, dir, "content/briefs/one.md", "+++\ntitle = \"One brief\"\ndate = 2026-11-01T09:00:00Z\ntopics = [\"budget\"]\n+++\nThe budget passed.\n\n**Why this matters:** Money.\n")
	write(t, dir, "static/files/x.txt", "x")
	for p, text := range pages {
		write(t, dir, p, text)
	}
	return dir
}

// A standalone page is published at /<slug>/ through the theme, linked
// from the menu it names, listed in the sitemap, and in no feed, list or
// search.
func TestStandalonePages(t *testing.T) {
	dir := pagesSite(t, map[string]string{
		"content/pages/about.md":        "+++\ntitle = \"About us\"\nmenu = \"header\"\nsummary = \"Who we are.\"\n+++\nWe are a **small** newsroom.\n",
		"content/pages/ethics/index.md": "---\ntitle: Ethics and standards\nmenu: footer\n---\nWe take no gifts.\n",
		"content/pages/unlinked.md":     "+++\ntitle = \"Unlinked\"\n+++\nOnly by its address.\n",
		"content/pages/draft-policy.md": "+++\ntitle = \"Draft policy\"\ndraft = true\n+++\nNot yet.\n",
	})
	res, err := build.New(options(dir)).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	about := string(res.Files["about/index.html"])
	for _, want := range []string{"<title>About us · Pages</title>", `<meta name="description" content="Who we are.">`,
		"<strong>small</strong> newsroom", `<a href="/about/" aria-current="page">About us</a>`, `<link rel="canonical" href="https://example.org/about/">`} {
		if !strings.Contains(about, want) {
			t.Errorf("about/index.html lacks %s", want)
		}
	}
	if res.Files["ethics/index.html"] == nil || res.Files["unlinked/index.html"] == nil {
		t.Errorf("a page of a bundle or outside the menus is not published")
	}
	if res.Files["draft-policy/index.html"] != nil {
		t.Errorf("a draft page is published")
	}
	home := string(res.Files["index.html"])
	if !strings.Contains(home, `<a href="/about/">About us</a>`) || !strings.Contains(home, `<li><a href="/ethics/">Ethics and standards</a></li>`) ||
		strings.Contains(home, "/unlinked/") {
		t.Errorf("the home page's menus do not link the header and footer pages alone")
	}
	sitemap := string(res.Files["sitemap.xml"])
	for _, p := range []string{"about", "ethics", "unlinked"} {
		if !strings.Contains(sitemap, "<loc>https://example.org/"+p+"/</loc>") {
			t.Errorf("sitemap.xml lacks /%s/", p)
		}
	}
	// Feeds, JSON and the news sitemap know nothing of pages.
	for p, data := range res.Files {
		if (strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".json")) && p != "sitemap.xml" &&
			(bytes.Contains(data, []byte("We take no gifts")) || bytes.Contains(data, []byte("example.org/ethics/"))) {
			t.Errorf("%s shows a standalone page", p)
		}
	}
	var shards []string
	for p := range res.Files {
		if strings.HasPrefix(p, "search/words/") {
			shards = append(shards, string(res.Files[p]))
		}
	}
	if s := strings.Join(shards, ""); strings.Contains(s, `"gifts"`) || !strings.Contains(s, `"budget"`) {
		t.Errorf("the search index holds a page's words, or not the brief's")
	}
	if n := res.Briefs; n != 1 {
		t.Errorf("%d briefs, want 1: pages are not briefs", n)
	}
	var feed struct{ Items []json.RawMessage }
	if err := json.Unmarshal(res.Files["feed.json"], &feed); err != nil || len(feed.Items) != 1 {
		t.Errorf("feed.json: %v, %d items", err, len(feed.Items))
	}
}

// svgImage is a small image for page bundles.
const svgImage = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`

// The files of a page's bundle are published beside the page, where its
// body links them; those of a draft page are not published at all.
func TestStandalonePageBundle(t *testing.T) {
	dir := pagesSite(t, map[string]string{
		"content/pages/team/index.md":  "+++\ntitle = \"Our team\"\n+++\nThe desk at work.\n\n![The desk](desk.svg)\n",
		"content/pages/team/desk.svg":  svgImage,
		"content/pages/later/index.md": "+++\ntitle = \"Later\"\ndraft = true\n+++\n![Plan](plan.svg)\n",
		"content/pages/later/plan.svg": svgImage,
	})
	res, err := build.New(options(dir)).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files["team/desk.svg"] == nil {
		t.Errorf("the bundle's image is not published beside the page")
	}
	if !strings.Contains(string(res.Files["team/index.html"]), `src="https://example.org/team/desk.svg"`) {
		t.Errorf("the page does not show the image where it is published:\n%s", res.Files["team/index.html"])
	}
	for p := range res.Files {
		if strings.Contains(p, "desk.svg") && p != "team/desk.svg" || strings.Contains(p, "plan.svg") {
			t.Errorf("published %s", p)
		}
	}
}

// A page whose address another output has is an error at the page, and
// the build publishes nothing.
func TestStandalonePageCollisions(t *testing.T) {
	tests := []struct {
		path, text, want string
	}{
		{"content/pages/search.md", "+++\ntitle = \"Search\"\n+++\nx\n", "content/pages/search.md:1:1: page /search/ would be published where the site's search/ folder is"},
		{"content/pages/about.md", "+++\ntitle = \"About\"\nslug = \"topics\"\n+++\nx\n", "content/pages/about.md:3:1: page /topics/ would be published where the site's topics/ folder is"},
		{"content/pages/files.md", "+++\ntitle = \"Files\"\n+++\nx\n", "content/pages/files.md:1:1: page /files/ would be published where the published file files/x.txt is"},
		{"content/pages/page/index.md", "+++\ntitle = \"Page\"\n+++\nx\n", "content/pages/page/index.md:1:1: page /page/ would be published where the site's page/ folder is"},
		{"content/pages/x.md", "+++\ntitle = \"X\"\nmenu = \"side\"\n+++\nx\n", `content/pages/x.md:3:1: menu "side" is not one of header, footer`},
	}
	for _, tt := range tests {
		dir := pagesSite(t, map[string]string{tt.path: tt.text})
		_, err := build.New(options(dir)).Build(context.Background(), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.path, err, tt.want)
		}
	}
	// Two pages of one slug.
	dir := pagesSite(t, map[string]string{"content/pages/about.md": "+++\ntitle = \"A\"\n+++\nx\n",
		"content/pages/about/index.md": "+++\ntitle = \"B\"\n+++\ny\n"})
	_, err := build.New(options(dir)).Build(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "content/pages/about/index.md:1:1: page /about/ would be published where content/pages/about.md is") {
		t.Errorf("two pages of one slug: error %v", err)
	}
}
