package build

import (
	"net/url"

	"github.com/briefs-dev/briefs/internal/site"
)

// warnRobots warns, once a build, about a site whose base_url has a path:
// its robots.txt is written all the same, below that path, but crawlers
// read robots.txt only at the root of a host, so its lines must go there
// to count.
func (b *Builder) warnRobots(res *Result) {
	if b.opts.Origin != "" {
		return // the preview, which serves robots.txt where it is written
	}
	base := b.cfg.BaseURL // --base-url applied
	prefix := site.BasePath(base)
	if prefix == "/" {
		return
	}
	root := "the host's root"
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		root = u.Scheme + "://" + u.Host + "/robots.txt"
	}
	res.Warnings = append(res.Warnings, "warning: base_url has the path "+prefix+": robots.txt is written at "+prefix+
		"robots.txt, but crawlers read it only at "+root+"; add its Sitemap lines to that file")
}
