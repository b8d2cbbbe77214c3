package config

// Hosting holds what the site's host is told beside the pages.
type Hosting struct {
	// RedirectsFile writes _redirects, the redirects of the briefs'
	// aliases in the syntax of Netlify and Cloudflare Pages (real 301s;
	// every host also gets a page at each alias).
	RedirectsFile bool `toml:"redirects_file"`
	// Kind is the host, one of HostingKinds, whose files a build writes
	// (_headers, .nojekyll, CNAME); "" is "plain".
	Kind string `toml:"kind"`
	// Domain is the site's own domain name, for GitHub Pages' CNAME file.
	Domain string `toml:"domain"`
}
