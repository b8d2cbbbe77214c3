package headers

import (
	"path"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
)

func TestContentType(t *testing.T) {
	tests := []struct{ path, want string }{
		{"index.html", "text/html; charset=utf-8"},
		{"briefs/x/index.html", "text/html; charset=utf-8"},
		{"feed.xml", "application/rss+xml; charset=utf-8"},
		{"topics/budget/feed.xml", "application/rss+xml; charset=utf-8"},
		{"atom.xml", "application/atom+xml; charset=utf-8"},
		{"feed.json", "application/feed+json; charset=utf-8"},
		{"sitemap.xml", "application/xml; charset=utf-8"},
		{"news-sitemap.xml", "application/xml; charset=utf-8"},
		{"briefs/x/index.json", "application/json; charset=utf-8"},
		{"search/index.json", "application/json; charset=utf-8"},
		{"robots.txt", "text/plain; charset=utf-8"},
		{"editions/2026-01-02/index.txt", "text/plain; charset=utf-8"},
		{"assets/style.css", "text/css; charset=utf-8"},
		{"assets/search.js", "text/javascript; charset=utf-8"},
		{"assets/favicon.svg", "image/svg+xml"},
		{"briefs/x/photo.JPG", "image/jpeg"},
		{"briefs/x/photo-640.webp", "image/webp"},
		{"CNAME", "text/plain; charset=utf-8"},
		{"_headers", "text/plain; charset=utf-8"},
		{"data.unknownext", "application/octet-stream"},
		{"noext", "application/octet-stream"},
	}
	for _, tt := range tests {
		if got := ContentType(tt.path); got != tt.want {
			t.Errorf("ContentType(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestCacheControl(t *testing.T) {
	custom := []config.HeaderRule{
		{Pattern: "briefs/**/index.json", CacheControl: "no-cache"},
		{Pattern: "/archive/*/index.html", CacheControl: "public, max-age=3600"},
		{Pattern: "[", CacheControl: "never used: a bad pattern matches nothing"},
	}
	tests := []struct {
		rules *Rules
		path  string
		want  string
	}{
		{New(nil, 0), "index.html", "public, max-age=60"},
		{New(nil, 0), "feed.xml", "public, max-age=60"},
		{New(nil, 0), "sitemap.xml", "public, max-age=60"},
		{New(nil, 0), "assets/style.css", "public, max-age=60"}, // not fingerprinted
		{New(nil, 0), "assets/style.3f9a2c1b.css", Immutable},
		{New(nil, 0), "briefs/x/photo-640-0a1b2c3d4e.webp", Immutable},
		{New(nil, 0), "briefs/deadbeef/index.html", "public, max-age=60"},    // a hex folder is no fingerprint
		{New(nil, 0), "briefs/x/cafe.jpg", "public, max-age=60"},             // nor a short hex word
		{New(nil, 15*time.Second), "index.html", "public, max-age=15"},       // the scheduling hook
		{New(nil, 15*time.Second), "assets/a.0123abcd.js", Immutable},        // which leaves immutable files alone
		{New(custom, 0), "briefs/x/index.json", "no-cache"},                  // ** across one folder
		{New(custom, 0), "briefs/x/y/index.json", "no-cache"},                // and more
		{New(custom, 0), "briefs/index.json", "public, max-age=60"},          // "/**/" needs a folder between
		{New(custom, 0), "archive/2026/index.html", "public, max-age=3600"},  // a leading / is ignored
		{New(custom, 0), "archive/2026/06/index.html", "public, max-age=60"}, // * stays in one folder
	}
	for _, tt := range tests {
		if got := tt.rules.CacheControl(tt.path); got != tt.want {
			t.Errorf("CacheControl(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"*.html", "index.html", true},
		{"*.html", "a/index.html", false},
		{"**.html", "a/b/index.html", true},
		{"**", "anything/at/all", true},
		{"briefs/**", "briefs/x/index.html", true},
		{"briefs/**", "topics/x/index.html", false},
		{"a?c", "abc", true},
		{"a?c", "a/c", false},
		{"[a-c]x", "bx", true},
		{"[^a-c]x", "bx", false},
		{"a.b", "aXb", false}, // a dot is a dot
		{`\*`, "*", true},
		{"(x)+", "(x)+", true}, // regexp syntax means nothing
		{"[", "[", false},      // a bad pattern matches nothing
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.path); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

// FuzzMatch: patterns come from config.toml. Match never panics, and a
// pattern without "**" means what path.Match says.
func FuzzMatch(f *testing.F) {
	f.Add("briefs/*/index.html", "briefs/x/index.html")
	f.Add("[a-]x", "-x")
	f.Add(`a\`, `a\`)
	f.Fuzz(func(t *testing.T, pattern, p string) {
		got := Match(pattern, p)
		if config.CheckPattern(pattern) != nil || strings.Contains(pattern, "**") || strings.HasPrefix(pattern, "/") {
			return
		}
		if want, _ := path.Match(pattern, p); got != want {
			t.Errorf("Match(%q, %q) = %v, path.Match says %v", pattern, p, got, want)
		}
	})
}
