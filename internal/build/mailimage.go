package build

import (
	"io/fs"

	"github.com/briefs-dev/briefs/internal/render"
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
