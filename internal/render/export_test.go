package render

import "bytes"

// SetMaxSitemapURLs sets how many URLs one sitemap may list, so that a test
// site of a few briefs gets a sitemap index, and returns a function that
// restores the limit. Tests that use it must not run in parallel.
func SetMaxSitemapURLs(n int) (restore func()) {
	old := maxSitemapURLs
	maxSitemapURLs = n
	return func() { maxSitemapURLs = old }
}

// Compiled reports whether r writes the page of template tmpl ("" for the
// card) in Go (compiled.go) instead of running its templates.
func Compiled(r *Renderer, tmpl string) bool {
	if tmpl == "" {
		return r.compiledCards
	}
	return r.compiled[tmpl]
}

// DisableCompiled makes r run the templates of every page and the card.
func DisableCompiled(r *Renderer) { r.compiled, r.compiledCards = nil, false }

// Escape, EscapeURL and EscapeCSSURL return what compiled.go writes for s
// in text and attributes, in URL attributes and in a CSS string.
func Escape(s string) string       { return escaped(escape, s) }
func EscapeURL(s string) string    { return escaped(escapeURL, s) }
func EscapeCSSURL(s string) string { return escaped(escapeCSSURL, s) }

func escaped(write func(*bytes.Buffer, string), s string) string {
	var b bytes.Buffer
	write(&b, s)
	return b.String()
}
