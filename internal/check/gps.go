package check

import (
	"io"
	"path"
	"strings"

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/site"
)

// metadataBytes is how much of a photo is read for its EXIF block, which
// comes before the pixels and is at most 64 KB in a JPEG.
const metadataBytes = 256 << 10

// photoGPS warns about a photo whose original records where it was taken:
// the build strips it from what it publishes, but the original in the
// repository still tells, which can expose a source or a photographer.
func (c *checker) photoGPS(b *site.Brief) {
	p := b.Source.Front.Photo
	if p == nil || c.in.FS == nil || !c.on("photo-gps") || strings.Contains(p.Src, "://") {
		return
	}
	file := path.Join(b.Source.Bundle, p.Src)
	if strings.HasPrefix(p.Src, "/") {
		file = path.Join(content.StaticDir, p.Src)
	}
	f, err := c.in.FS.Open(file)
	if err != nil {
		return // a missing photo is the build's error
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, metadataBytes))
	if images.ReadMetadata(head).GPS {
		c.report(b, b.Source.KeyPos("photo", "src"), "photo-gps", "photo %s records where it was taken (EXIF GPS): published copies are stripped, but remove it from the original if the place must stay private", p.Src)
	}
}
