package render

import (
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

// CachedPartials returns the names of the partials that partialCached
// holds, one for each variant.
func CachedPartials(r *Renderer) []string {
	var names []string
	for key := range r.partials {
		names = append(names, strings.SplitN(key, "\x00", 2)[0])
	}
	return names
}
