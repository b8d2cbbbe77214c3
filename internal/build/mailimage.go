package build

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/theme"
)

// imageSize returns the size of an image file of the site for the mail
// HTML of briefs: a file of content/ as last read, else one read now, if
// it is a regular file (not a link that could lead out of the site).
func (b *Builder) imageSize(file string) (width, height int) {
	data, ok := b.contentFiles[file]
	if !ok {
		if info, err := fs.Lstat(b.opts.FS, file); err != nil || !info.Mode().IsRegular() {
			return 0, 0
		}
		data, _ = fs.ReadFile(b.opts.FS, file)
	}
	return render.ImageSize(data)
}

// forgetMail drops the converted body of each brief whose mail HTML shows
// one of the changed files, as it states the image's size, or of every
// brief when a theme's mail styles changed: they are converted again.
func (b *Builder) forgetMail(changed []string) {
	styles := slices.ContainsFunc(changed, func(p string) bool {
		return path.Base(p) == theme.MailFile && (strings.HasPrefix(p, "layouts/") || strings.HasPrefix(p, "themes/"))
	})
	for _, e := range b.briefs {
		if e.brief != nil && (styles || slices.ContainsFunc(e.brief.Body.MailImages, func(img markdown.MailImage) bool {
			return slices.Contains(changed, img.File)
		})) {
			e.brief = nil
		}
	}
}
