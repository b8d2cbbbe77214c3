package headers

import (
	"strings"
	"testing"
	"time"
)

// hostMatch reports whether a _headers pattern matches a URL path as
// Netlify and Cloudflare Pages document it: a last "*" matches anything
// (nothing included), a ":name" segment any one segment, and every other
// character itself.
func hostMatch(pattern, url string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok && !strings.Contains(prefix, ":") {
		return strings.HasPrefix(url, prefix)
	}
	ps, us := strings.Split(pattern, "/"), strings.Split(url, "/")
	if len(ps) != len(us) {
		return false
	}
	for i := range ps {
		if strings.HasPrefix(ps[i], ":") && us[i] != "" {
			continue
		}
		if ps[i] != us[i] {
			return false
		}
	}
	return true
}

// hostHeaders returns the headers a host sends for a URL under rules: every
// rule that matches adds its headers, and two values of one header are
// joined with a comma, as Cloudflare Pages does.
func hostHeaders(rules []HostRule, url string) map[string]string {
	got := map[string]string{}
	for _, r := range rules {
		if !hostMatch(r.Pattern, url) {
			continue
		}
		for _, h := range r.Headers {
			if v, ok := got[h.Name]; ok {
				got[h.Name] = v + ", " + h.Value
			} else {
				got[h.Name] = h.Value
			}
		}
	}
	return got
}

// urls returns the URLs that serve the output file at p: a folder's
// index.html is served at the folder's URL too.
func urls(p string) []string {
	us := []string{"/" + p}
	if dir, ok := strings.CutSuffix(p, "index.html"); ok {
		us = append(us, "/"+dir)
	}
	return us
}

func TestHostMatch(t *testing.T) {
	tests := []struct {
		pattern, url string
		want         bool
	}{
		{"/*", "/", true},
		{"/*", "/briefs/x/", true},
		{"/", "/", true},
		{"/", "/index.html", false},
		{"/briefs/*", "/briefs/x/photo.jpg", true},
		{"/briefs/*", "/briefsx", false},
		{"/topics/:topic/feed.xml", "/topics/budget/feed.xml", true},
		{"/topics/:topic/feed.xml", "/topics/feed.xml", false},
		{"/topics/:topic/feed.xml", "/topics/a/b/feed.xml", false},
	}
	for _, tt := range tests {
		if got := hostMatch(tt.pattern, tt.url); got != tt.want {
			t.Errorf("hostMatch(%q, %q) = %v, want %v", tt.pattern, tt.url, got, tt.want)
		}
	}
}

// A host that reads the _headers file serves each kind of output file with
// the Content-Type and Cache-Control a deploy stores with it (one value of
// each, never two joined), and the security headers with every file.
func TestHostRulesAgreeWithDeploy(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for _, rules := range []*Rules{
		New(nil, time.Time{}, time.Time{}),
		New(nil, now, now.Add(90*time.Second)), // a brief goes live soon
	} {
		host := HostRules(rules)
		tests := []struct {
			path         string
			contentType  bool // the _headers file sets it
			cacheControl bool
		}{
			{"index.html", false, true},
			{"404.html", false, true},
			{"page/2/index.html", false, true},
			{"briefs/x/index.html", false, true},
			{"briefs/x/index.json", false, true},
			{"briefs/x/photo.jpg", false, true},
			{"briefs/x/photo-800w.webp", false, true},
			{"briefs/x/social-card.jpg", false, true},
			{"topics/index.html", false, true},
			{"topics/budget/index.html", false, true},
			{"topics/budget/page/2/index.html", false, true},
			{"topics/budget/feed.xml", true, true},
			{"topics/budget/atom.xml", true, true},
			{"topics/budget/feed.json", true, true},
			{"authors/dana/index.html", false, true},
			{"authors/dana/feed.xml", true, true},
			{"authors/dana/atom.xml", true, true},
			{"authors/dana/feed.json", true, true},
			{"archive/2026/06/index.html", false, true},
			{"editions/2026-06-07/index.html", false, true},
			{"editions/2026-06-07/index.txt", false, true},
			{"search/index.json", true, true},
			{"search/words/ab.json", true, true},
			{"search/briefs/0.json", true, true},
			{"search/topics/3.json", true, true},
			{"search/index.html", false, true},
			{"assets/style.css", false, true},
			{"assets/search.js", false, true},
			{"feed.xml", true, true},
			{"atom.xml", true, true},
			{"feed.json", true, true},
			{"sitemap.xml", true, true},
			{"news-sitemap.xml", true, true},
			{"robots.txt", true, true},
			// Neither a family's folder nor a file of its own: the host's
			// Cache-Control, which has browsers ask again each time.
			{"about/index.html", false, false},
			{"images/share.png", false, false},
		}
		for _, tt := range tests {
			for _, url := range urls(tt.path) {
				got := hostHeaders(host, url)
				if ct, ok := got["Content-Type"]; ok != tt.contentType || ok && ct != ContentType(tt.path) {
					t.Errorf("%s: Content-Type %q (set: %v), want %q (set: %v)", url, ct, ok, ContentType(tt.path), tt.contentType)
				}
				if cc, ok := got["Cache-Control"]; ok != tt.cacheControl || ok && cc != rules.CacheControl(tt.path) {
					t.Errorf("%s: Cache-Control %q (set: %v), want %q (set: %v)", url, cc, ok, rules.CacheControl(tt.path), tt.cacheControl)
				}
				for _, h := range Security {
					if got[h.Name] != h.Value {
						t.Errorf("%s: %s %q, want %q", url, h.Name, got[h.Name], h.Value)
					}
				}
			}
		}
	}
}
