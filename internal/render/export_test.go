package render

import (
	"bytes"
	"strings"
)

// SetMaxSitemapURLs sets how many URLs one sitemap may list, so that a test
// site of a few briefs gets a sitemap index, and returns a function that
// restores the limit. Tests that use it must not run in parallel.
func SetMaxSitemapURLs(n int) (restore func()) {
	old := maxSitemapURLs
	maxSitemapURLs = n
	return func() { maxSitemapURLs = old }
}

// Compiled reports whether r writes the edition (tmpl "edition.html") in
// Go (compiled_edition.go) instead of running its template.
func Compiled(r *Renderer, tmpl string) bool { return r.compiled[tmpl] }

// DisableCompiled makes r run the edition's template.
func DisableCompiled(r *Renderer) { r.compiled = nil }

// Escape and EscapeURL return what compiled_edition.go writes for s in
// text and attributes, and in URL attributes.
func Escape(s string) string    { return escaped(escape, s) }
func EscapeURL(s string) string { return escaped(escapeURL, s) }

func escaped(write func(*bytes.Buffer, string), s string) string {
	var b bytes.Buffer
	write(&b, s)
	return b.String()
}

// AppendJSONString appends s as a JSON string, as a brief's JSON writes it.
func AppendJSONString(dst []byte, s string) []byte { return appendJSONString(dst, s) }

// CachedPartials returns the names of the partials that partialCached
// holds, one for each variant.
func CachedPartials(r *Renderer) []string {
	var names []string
	for key := range r.partials {
		names = append(names, strings.SplitN(key, "\x00", 2)[0])
	}
	return names
}
