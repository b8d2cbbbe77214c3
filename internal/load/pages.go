package load

import (
	"io/fs"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/site"
)

// Pages reads, parses and converts the site's standalone pages
// (content/pages/), with the links to briefs of the last Load. A site has
// a handful: they are read anew on every build. Every page that fails is
// in the error, a diag.List.
func (l *Loader) Pages(fsys fs.FS, cfg *config.Config, files *content.Files) ([]*site.Page, error) {
	conv := l.converter
	if conv == nil {
		conv = markdown.New(markdown.Options{Sections: cfg.Sections, Unsafe: cfg.Markdown.Unsafe, BaseURL: cfg.BaseURL})
	}
	opts := content.OptionsFor(cfg)
	var pages []*site.Page
	var errs diag.List
	l.pageDirs = map[string]bool{}
	for _, p := range files.PagePaths() {
		if _, bundle := content.RefAndBundle(p); bundle != "" {
			l.pageDirs[bundle] = true
		}
		raw, err := content.ReadBrief(fsys, p, opts)
		if err != nil {
			errs.Add(err)
			continue
		}
		src, err := content.Parse(p, raw, opts)
		if err != nil {
			errs.Add(err)
			continue
		}
		body, err := conv.Convert(src)
		if err != nil {
			errs.Add(err)
			continue
		}
		pages = append(pages, site.NewPage(src, body))
	}
	return pages, errs.Err()
}
