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

// ogImage is the template function that gives a page's Open Graph image:
// its brief's photo, else the site's default image, else nil.
func (r *Renderer) ogImage(p *Page) *images.Image {
	if p.Brief != nil && p.Brief.Photo != nil {
		return r.imgs.Image(p.Brief.Photo.URL, p.Brief.Photo.Alt)
	}
	return r.defaultImage()
}
