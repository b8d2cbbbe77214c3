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
	none := time.Time{}
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	plain, soon := New(nil, none, none), New(nil, now, now.Add(15*time.Second))
	tests := []struct {
		rules *Rules
		path  string
		want  string
	}{
		{plain, "index.html", "public, max-age=300"},
		{plain, "feed.xml", "public, max-age=300"},
		{plain, "sitemap.xml", "public, max-age=300"},
		{plain, "briefs/x/index.html", "public, max-age=3600"},
		{plain, "assets/style.css", "public, max-age=300"}, // not fingerprinted
		{plain, "assets/style.3f9a2c1b.css", Immutable},
		{plain, "briefs/deadbeef/index.html", "public, max-age=3600"},                  // a hex folder is no fingerprint
		{soon, "index.html", "public, max-age=15"},                                     // the next scheduled change bounds it
		{soon, "assets/a.0123abcd.js", Immutable},                                      // but not an immutable file
		{New(custom, none, none), "briefs/x/index.json", "no-cache"},                   // ** across one folder
		{New(custom, none, none), "briefs/x/y/index.json", "no-cache"},                 // and more
		{New(custom, none, none), "briefs/index.json", "public, max-age=300"},          // "/**/" needs a folder between
		{New(custom, none, none), "archive/2026/index.html", "public, max-age=3600"},   // a leading / is ignored
		{New(custom, none, none), "archive/2026/06/index.html", "public, max-age=300"}, // * stays in one folder
		{New(custom, now, now.Add(time.Second)), "briefs/x/index.json", "no-cache"},    // a rule is a rule
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

// The digest changes with the rules and with a change due soon enough to
// bound a lifetime, and with nothing else.
func TestDigest(t *testing.T) {
	none := time.Time{}
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	base := New(nil, none, none).Digest()
	tests := []struct {
		rules *Rules
		same  bool
	}{
		{New(nil, now, none), true},
		{New(nil, now, now.AddDate(70, 0, 0)), true}, // a brief dated decades ahead
		{New(nil, now.Add(time.Second), now.AddDate(70, 0, 0)), true},
		{New(nil, now, now.Add(10*time.Minute)), false}, // bounds the briefs' hour
		{New([]config.HeaderRule{{Pattern: "**", CacheControl: "no-store"}}, none, none), false},
	}
	for i, tt := range tests {
		if got := tt.rules.Digest() == base; got != tt.same {
			t.Errorf("%d: same digest = %v, want %v", i, got, tt.same)
		}
	}
}
