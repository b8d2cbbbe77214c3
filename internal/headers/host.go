package headers

import (
	"github.com/briefs-dev/briefs/internal/feeds"
	"github.com/briefs-dev/briefs/internal/sitemaps"
)

// Header is one HTTP response header.
type Header struct{ Name, Value string }

// Security are the headers that keep a browser from guessing a file's type,
// from sending a reader's full URL to other sites, from letting another
// site frame the pages, and from lending a page the camera, microphone or
// location. Hosts that read a _headers file send them with every file; a
// bucket cannot store them with its objects, so a CDN in front of it must
// add them.
var Security = []Header{
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
	{"X-Frame-Options", "SAMEORIGIN"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
}

// HostRule is a rule of the _headers file of Netlify and Cloudflare Pages:
// the headers of every URL that its pattern matches. A pattern is a URL
// path, where a last "*" matches anything and a ":name" segment any one
// segment.
type HostRule struct {
	Pattern string
	Headers []Header
}

// hostPatterns are the URL patterns of a _headers file. Each stands for
// the output files of one kind, and takes their headers from an example
// of them: the same Content-Type and Cache-Control a deploy stores with
// the example. Hosts apply every rule that matches a URL, and Cloudflare
// Pages joins two values of one header with a comma, so no two patterns
// that set the same header match the same URL. A URL that no pattern
// gives a Cache-Control (a standalone page, a file of static/) keeps the
// host's, which has browsers ask again every time.
var hostPatterns = []struct {
	pattern      string
	example      string // an output path the pattern matches
	cacheControl bool
	contentType  bool
}{
	// The home page, lists and archives: what every new brief changes.
	{pattern: "/", example: "index.html", cacheControl: true},
	{pattern: "/index.html", example: "index.html", cacheControl: true},
	{pattern: "/404.html", example: "404.html", cacheControl: true},
	{pattern: "/page/*", example: "page/2/index.html", cacheControl: true},
	{pattern: "/topics/*", example: "topics/x/index.html", cacheControl: true},
	{pattern: "/authors/*", example: "authors/x/index.html", cacheControl: true},
	{pattern: "/archive/*", example: "archive/2026/06/index.html", cacheControl: true},
	{pattern: "/editions/*", example: "editions/2026-06-07/index.html", cacheControl: true},
	{pattern: "/assets/*", example: "assets/style.css", cacheControl: true},
	// The search page, and the index and shards it fetches.
	{pattern: "/search/*", example: "search/index.json", cacheControl: true},
	{pattern: "/search/index.json", example: "search/index.json", contentType: true},
	{pattern: "/search/words/*", example: "search/words/ab.json", contentType: true},
	{pattern: "/search/briefs/*", example: "search/briefs/0.json", contentType: true},
	{pattern: "/search/topics/*", example: "search/topics/0.json", contentType: true},
	// A brief's page, its JSON and its photos.
	{pattern: "/briefs/*", example: "briefs/x/index.html", cacheControl: true},
	// Feeds and sitemaps, with their own types.
	{pattern: "/" + feeds.RSSFile, example: feeds.RSSFile, cacheControl: true, contentType: true},
	{pattern: "/" + feeds.AtomFile, example: feeds.AtomFile, cacheControl: true, contentType: true},
	{pattern: "/" + feeds.JSONFile, example: feeds.JSONFile, cacheControl: true, contentType: true},
	{pattern: "/topics/:topic/" + feeds.RSSFile, example: "topics/x/" + feeds.RSSFile, contentType: true},
	{pattern: "/topics/:topic/" + feeds.AtomFile, example: "topics/x/" + feeds.AtomFile, contentType: true},
	{pattern: "/topics/:topic/" + feeds.JSONFile, example: "topics/x/" + feeds.JSONFile, contentType: true},
	{pattern: "/authors/:author/" + feeds.RSSFile, example: "authors/x/" + feeds.RSSFile, contentType: true},
	{pattern: "/authors/:author/" + feeds.AtomFile, example: "authors/x/" + feeds.AtomFile, contentType: true},
	{pattern: "/authors/:author/" + feeds.JSONFile, example: "authors/x/" + feeds.JSONFile, contentType: true},
	{pattern: "/sitemap.xml", example: "sitemap.xml", cacheControl: true, contentType: true},
	{pattern: "/" + sitemaps.NewsSitemapPath, example: sitemaps.NewsSitemapPath, cacheControl: true, contentType: true},
	{pattern: "/robots.txt", example: "robots.txt", cacheControl: true, contentType: true},
}

// HostRules returns the rules of a _headers file: the security headers
// for every URL, then the Content-Type and Cache-Control of each kind of
// output file, as ContentType and r give them to a deploy.
func HostRules(r *Rules) []HostRule {
	rules := []HostRule{{Pattern: "/*", Headers: Security}}
	for _, p := range hostPatterns {
		var hs []Header
		if p.contentType {
			hs = append(hs, Header{"Content-Type", ContentType(p.example)})
		}
		if p.cacheControl {
			hs = append(hs, Header{"Cache-Control", r.CacheControl(p.example)})
		}
		rules = append(rules, HostRule{Pattern: p.pattern, Headers: hs})
	}
	return rules
}
