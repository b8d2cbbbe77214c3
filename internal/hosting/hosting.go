// Package hosting writes the files a static host reads from the output:
// _headers for Netlify and Cloudflare Pages, .nojekyll and CNAME for
// GitHub Pages, as [hosting] in config.toml says.
package hosting

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/headers"
	"github.com/briefs-dev/briefs/internal/plan"
)

// Family plans the files of the site's host.
type Family struct {
	hosting config.Hosting
	now     time.Time
}

// New returns the hosting family of a site built at now: the Cache-Control
// that _headers sets lasts no longer than until the site's next scheduled
// change after now. A zero now bounds nothing, which keeps the output of
// tests the same.
func New(h config.Hosting, now time.Time) *Family { return &Family{hosting: h, now: now} }

// Files returns the files the host kind needs, by output path, for a site
// whose next scheduled change is at next (the zero time for none).
func (f *Family) Files(next time.Time) map[string]string {
	files := map[string]string{}
	switch f.hosting.Kind {
	case "netlify", "cloudflare-pages":
		files["_headers"] = headersFile(headers.HostRules(headers.New(nil, f.now, next)))
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
// it: a URL pattern on its own line, then its headers indented, a blank
// line between rules.
func headersFile(rules []headers.HostRule) string {
	var b strings.Builder
	b.WriteString("# Written by briefs build from [hosting] in config.toml: the headers\n")
	b.WriteString("# briefs deploy stores with each file, and security headers for all.\n")
	for _, r := range rules {
		b.WriteString("\n" + r.Pattern + "\n")
		for _, h := range r.Headers {
			b.WriteString("  " + h.Name + ": " + h.Value + "\n")
		}
	}
	return b.String()
}

// Plan adds the host's files. Their Cache-Control depends on the site's
// next scheduled change, so they are planned again with every site.
func (f *Family) Plan(p *plan.Plan) {
	text := func(path string) string { return f.Files(p.Site.NextChange())[path] }
	for _, path := range slices.Sorted(maps.Keys(f.Files(time.Time{}))) {
		p.AddEvery(path,
			func(w *bytes.Buffer) error { w.WriteString(text(path)); return nil },
			func() uint64 { return plan.NewKey(p.Global).Str("hosting").Str(path).Str(text(path)).Sum() })
	}
}
