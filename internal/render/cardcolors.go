package render

import (
	"image/color"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/images"
)

// cardColors returns the background, text and accent colours of the
// social cards drawn for briefs without a photo: the site's [images]
// card_* settings, else the theme's stylesheet (theme.CardColors), else
// the default theme's.
func (r *Renderer) cardColors() [3]color.RGBA {
	colors := images.DefaultCardColors
	t := r.theme.CardColors()
	im := r.cfg.Images
	for i, c := range []struct {
		site  string
		theme color.RGBA
	}{{im.CardBackground, t.Background}, {im.CardText, t.Text}, {im.CardAccent, t.Accent}} {
		if v, err := config.ParseColor(c.site); c.site != "" && err == nil { // validated with the configuration
			colors[i] = v
		} else if c.theme.A != 0 {
			colors[i] = c.theme
		}
	}
	return colors
}
