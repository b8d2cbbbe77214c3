package config

import (
	"fmt"
	"strings"
)

// Retired is a brief URL removed on purpose, from [[retired]] in
// config.toml (briefs retire writes one): the build no longer warns that
// it disappeared.
type Retired struct {
	Path   string `toml:"path"`   // the URL's path from the site's base: "/briefs/x/"
	Reason string `toml:"reason"` // optional: why, for the next editor
}

// SitePath returns the retired URL as a site path: "/briefs/x" →
// "briefs/x/"; a path that ends in .html keeps its form.
func (r Retired) SitePath() string {
	p := strings.Trim(strings.TrimSpace(r.Path), "/")
	if !strings.HasSuffix(p, ".html") {
		p += "/"
	}
	return p
}

// retiredProblems reports [[retired]] entries that are no path of the site.
func (c *Config) retiredProblems() []problem {
	var ps []problem
	for _, r := range c.Retired {
		p := strings.TrimSpace(r.Path)
		switch {
		case strings.Contains(p, "://") || strings.HasPrefix(p, "//"):
			ps = append(ps, problem{"retired", fmt.Sprintf("path %q is a URL: give the path of the site, such as /briefs/x/", r.Path)})
		case !strings.HasPrefix(p, "/") || p == "/" || strings.ContainsAny(p, " ?#\\") || strings.Contains(p, "/../") || strings.HasSuffix(p, "/.."):
			ps = append(ps, problem{"retired", fmt.Sprintf("path %q is not a path of a brief of the site, such as /briefs/x/", r.Path)})
		}
	}
	return ps
}
