// Package cachecontrol says how long a cache may keep each file of a
// build's output: never past the build's next scheduled change, when a
// brief goes live or expires and the lists, feeds and sitemaps change.
package cachecontrol

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// The longest a cache keeps a file of each kind while nothing is
// scheduled. Any page can change when a scheduled brief goes live (the
// lists, feeds and sitemaps show it; another brief's "Go deeper" gains
// the link to it) or expires (its own page): each is cut to the time left
// until the next change.
const (
	// Lists is the lifetime of the home page, lists, feeds, sitemaps and
	// the search index: what every new brief changes.
	Lists = 5 * time.Minute
	// Briefs is the lifetime of a brief's page, JSON and photos.
	Briefs = time.Hour
	// Immutable is the lifetime of a file whose name carries the digest
	// of its bytes (style.3f2a9c1d.css): a change makes a new name.
	Immutable = 365 * 24 * time.Hour
)

// MaxAge returns how long a cache may keep the output file at path (a
// slash path relative to the output folder, "briefs/x/index.html") of a
// build made at now whose output next changes with time at next (the zero
// time for never; briefs next and the build's manifest give it). A build
// whose next change has passed is out of date: its files get 0.
func MaxAge(p string, now, next time.Time) time.Duration {
	if Fingerprinted(p) {
		return Immutable
	}
	age := Lists
	if strings.HasPrefix(p, "briefs/") && strings.Count(p, "/") >= 2 {
		age = Briefs
	}
	if !next.IsZero() {
		left := next.Sub(now).Truncate(time.Second)
		age = max(min(age, left), 0)
	}
	return age
}

// Header returns the Cache-Control header of the output file at path, as
// MaxAge gives its lifetime.
func Header(p string, now, next time.Time) string {
	age := MaxAge(p, now, next)
	if Fingerprinted(p) {
		return fmt.Sprintf("public, max-age=%d, immutable", int64(age/time.Second))
	}
	return fmt.Sprintf("public, max-age=%d", int64(age/time.Second))
}

// Fingerprinted reports whether the name of the file at path carries a
// digest of its bytes: a part between dots of at least 8 hexadecimal
// digits before its extension, as in "style.3f2a9c1d.css".
func Fingerprinted(p string) bool {
	parts := strings.Split(path.Base(p), ".")
	if len(parts) < 3 {
		return false
	}
	for _, part := range parts[1 : len(parts)-1] {
		if len(part) >= 8 && strings.Trim(part, "0123456789abcdef") == "" {
			return true
		}
	}
	return false
}
