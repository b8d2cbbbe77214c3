package sitemaps

// SetMaxSitemapURLs sets how many URLs one sitemap may list, so that a test
// site of a few briefs gets a sitemap index, and returns a function that
// restores the limit. Tests that use it must not run in parallel.
func SetMaxSitemapURLs(n int) (restore func()) {
	old := maxSitemapURLs
	maxSitemapURLs = n
	return func() { maxSitemapURLs = old }
}
