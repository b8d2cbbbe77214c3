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

// Compiled reports whether r writes the brief page and the card in Go
// (compiled.go) instead of running their templates.
func Compiled(r *Renderer) (brief, cards bool) { return r.compiledBrief, r.compiledCards }

// DisableCompiled makes r run the templates of the brief page and card.
func DisableCompiled(r *Renderer) { r.compiledBrief, r.compiledCards = false, false }

// Escape, EscapeURL and EscapeCSSURL return what compiled.go writes for s
// in text and attributes, in URL attributes and in a CSS string.
func Escape(s string) string       { return written(escape, s) }
func EscapeURL(s string) string    { return written(escapeURL, s) }
func EscapeCSSURL(s string) string { return written(escapeCSSURL, s) }

func written(write func(*bytes.Buffer, string), s string) string {
	var b bytes.Buffer
	write(&b, s)
	return b.String()
}
