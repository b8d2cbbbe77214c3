package build

import (
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/site"
)

// setPages loads the standalone pages of the site and gives them to s.
func (b *Builder) setPages(s *site.Site, files *content.Files, published map[string]content.File) error {
	pages, err := b.loader.Pages(b.opts.FS, b.cfg, files)
	if err != nil {
		return err
	}
	return s.SetPages(pages, b.cfg.Build.Drafts || b.opts.Drafts, published)
}
