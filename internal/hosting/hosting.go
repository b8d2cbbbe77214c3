// Package hosting writes the files a static host reads from the output:
// _headers for Netlify and Cloudflare Pages, .nojekyll and CNAME for
// GitHub Pages, as [hosting] in config.toml says.
package hosting

import (
	"bytes"
	"maps"
	"slices"
	"strings"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/headers"
	"github.com/briefs-dev/briefs/internal/plan"
)

// Family plans the files of the site's host.
type Family struct {
	hosting config.Hosting
	rules   *headers.Rules
}

// New returns the hosting family of a site; rules give the Cache-Control
// that _headers sets.
func New(h config.Hosting, rules *headers.Rules) *Family { return &Family{hosting: h, rules: rules} }

// Files returns the files the host kind needs, by output path.
func (f *Family) Files() map[string]string {
	files := map[string]string{}
	switch f.hosting.Kind {
	case "netlify", "cloudflare-pages":
		files["_headers"] = f.headersFile()
	case "github-pages":
		// Without it, GitHub Pages runs Jekyll over the output, which
		// drops files and folders whose names start with "_" or ".".
		files[".nojekyll"] = ""
		if f.hosting.Domain != "" {
			files["CNAME"] = f.hosting.Domain + "\n"
		}
	}
	return files
}

// headersFile is a _headers file as Netlify and Cloudflare Pages document
// it: a URL pattern on its own line, then its headers indented. A page,
// feed or sitemap gets the short lifetime of every file that is not
// fingerprinted.
func (f *Family) headersFile() string {
	var b strings.Builder
	b.WriteString("# Written by briefs build from [hosting] in config.toml.\n")
	b.WriteString("/*\n  Cache-Control: " + f.rules.CacheControl("index.html") + "\n")
	return b.String()
}

// Plan adds the host's files.
func (f *Family) Plan(p *plan.Plan) {
	files := f.Files()
	for _, path := range slices.Sorted(maps.Keys(files)) {
		text := files[path]
		key := plan.NewKey(p.Global).Str("hosting").Str(path).Str(text).Sum()
		p.Add(path, func(w *bytes.Buffer) error { w.WriteString(text); return nil }, func() uint64 { return key })
	}
}
