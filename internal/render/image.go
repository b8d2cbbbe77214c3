package render

import (
	"github.com/briefs-dev/briefs/internal/images"
)

// defaultImage returns the site's image for pages without a photo, or nil.
func (r *Renderer) defaultImage() *images.Image {
	pub := r.cfg.Publishing
	if pub.DefaultImage == "" {
		return nil
	}
	alt := pub.DefaultImageAlt
	if alt == "" {
		alt = r.cfg.Title
	}
	return r.imgs.Image(pub.DefaultImage, alt)
}
