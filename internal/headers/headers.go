// Package headers says which Content-Type and Cache-Control each output
// file is served with: for briefs deploy, and for the _headers file of
// hosts that read one.
package headers

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/cachecontrol"
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/feeds"
)

// Immutable is the Cache-Control of files whose name changes with their
// bytes: fingerprinted assets and processed images.
var Immutable = cachecontrol.Header("x.0123abcd.css", time.Time{}, time.Time{})

// Rules decides the Cache-Control of each output file.
type Rules struct {
	custom    []rule
	now, next time.Time
}

type rule struct {
	re    *regexp.Regexp
	value string
}

// New returns the rules of a site: custom rules first, in order (the first
// that matches a file wins), then the lifetimes of package cachecontrol
// for output made at now whose next scheduled change is at next (zero
// times for none): fingerprinted files are immutable, the others are kept
// no longer than until the next change.
func New(custom []config.HeaderRule, now, next time.Time) *Rules {
	r := &Rules{now: now, next: next}
	for _, c := range custom {
		if re, err := compile(c.Pattern); err == nil {
			r.custom = append(r.custom, rule{re, c.CacheControl})
		}
	}
	return r
}

// CacheControl returns the Cache-Control header of the output file at
// path p ("briefs/x/index.html").
func (r *Rules) CacheControl(p string) string {
	for _, c := range r.custom {
		if c.re.MatchString(p) {
			return c.value
		}
	}
	return cachecontrol.Header(p, r.now, r.next)
}

// Match reports whether the output path p matches pattern: path.Match
// syntax, where "**" also matches across folders. A leading "/" of the
// pattern is ignored.
func Match(pattern, p string) bool {
	re, err := compile(pattern)
	return err == nil && re.MatchString(p)
}

// compile turns a pattern into a regular expression of the same meaning.
func compile(pattern string) (*regexp.Regexp, error) {
	if err := config.CheckPattern(pattern); err != nil {
		return nil, err
	}
	pattern = strings.TrimPrefix(pattern, "/")
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; c {
		case '*':
			if i+1 < len(pattern) && pattern[i+1] == '*' {
				b.WriteString(".*")
				i++
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		case '\\':
			if i+1 < len(pattern) {
				i++
				b.WriteString(regexp.QuoteMeta(pattern[i : i+1]))
			}
		case '[':
			// path.Match's classes ("[a-z]", "[^0-9]") mean the same in a
			// regular expression; CheckPattern has seen that it closes.
			end := strings.IndexByte(pattern[i:], ']')
			b.WriteString(pattern[i : i+end+1])
			i += end
		default:
			b.WriteString(regexp.QuoteMeta(pattern[i : i+1]))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// ContentType returns the Content-Type of the output file at path p, with
// a charset for text: feeds as their own types, sitemaps as XML.
func ContentType(p string) string {
	switch path.Base(p) {
	case feeds.RSSFile:
		return "application/rss+xml; charset=utf-8"
	case feeds.AtomFile:
		return "application/atom+xml; charset=utf-8"
	case feeds.JSONFile:
		return "application/feed+json; charset=utf-8"
	case "CNAME", "_headers", "_redirects":
		return "text/plain; charset=utf-8"
	}
	ext := strings.ToLower(path.Ext(p))
	if t, ok := types[ext]; ok {
		return t
	}
	// Not the system's MIME tables: they differ by host, and a deploy from
	// another machine would change the type of every such file.
	return "application/octet-stream"
}

// types are the Content-Types of the files a build writes, fixed here
// rather than read from the system's MIME tables, which differ by host.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".png":         "image/png",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".pdf":         "application/pdf",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".mp3":         "audio/mpeg",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".csv":         "text/csv; charset=utf-8",
	".map":         "application/json; charset=utf-8",
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json; charset=utf-8",
}

// Digest sums up the rules and the Content-Type table: the same digest
// gives every path the same headers. A deploy stores it in the bucket to
// know whether the headers of files whose bytes did not change may have.
func (r *Rules) Digest() string {
	h := sha256.New()
	for _, c := range r.custom {
		fmt.Fprintf(h, "rule %q %q\n", c.re, c.value)
	}
	// A change due sooner than the longest lifetime it bounds makes the
	// lifetimes depend on the time of the deploy: each such deploy has
	// rules of its own. A change further off bounds nothing.
	if left := r.next.Sub(r.now); !r.next.IsZero() && left < max(cachecontrol.Lists, cachecontrol.Briefs) {
		fmt.Fprintf(h, "left %d\n", int64(left/time.Second))
	}
	for _, p := range []string{"index.html", "briefs/x/index.html", "briefs/x/photo.jpg", "a.0123abcd.css"} {
		fmt.Fprintf(h, "%s %q\n", p, cachecontrol.Header(p, time.Time{}, time.Time{}))
	}
	fmt.Fprintf(h, "feeds %q %q %q\n", feeds.RSSFile, feeds.AtomFile, feeds.JSONFile)
	for _, ext := range slices.Sorted(maps.Keys(types)) {
		fmt.Fprintf(h, "type %q %q\n", ext, types[ext])
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
