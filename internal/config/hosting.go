package config

// Hosting holds what the site's host is told beside the pages.
type Hosting struct {
	// RedirectsFile writes _redirects, the redirects of the briefs'
	// aliases in the syntax of Netlify and Cloudflare Pages (real 301s;
	// every host also gets a page at each alias).
	RedirectsFile bool `toml:"redirects_file"`
}
