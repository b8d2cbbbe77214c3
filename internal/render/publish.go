package render

import (
	"time"

	"github.com/briefs-dev/briefs/internal/briefjson"
	"github.com/briefs-dev/briefs/internal/editions"
	"github.com/briefs-dev/briefs/internal/feeds"
	"github.com/briefs-dev/briefs/internal/hosting"
	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/redirects"
	"github.com/briefs-dev/briefs/internal/sitemaps"
)

// Environment is what the publishing outputs need from a build beyond the
// site itself.
type Environment struct {
	// Now is the build time: the Google News sitemap lists the briefs of
	// the two days before it. Zero means the date of the newest brief, which
	// keeps the output of tests and repeated builds the same.
	Now time.Time
	// File returns the bytes of a file that the build publishes beside the
	// rendered ones, by its output path ("briefs/x/photo.jpg",
	// "images/share.png"): bundle photos and static files. The dimensions
	// of images are read from them. Nil, or a nil result, means unknown.
	File func(path string) []byte
	// Photos are the photos the build processed, by the site path of each
	// original; Images, when set, draws the social cards of briefs
	// without one.
	Photos map[string]*images.Photo
	Images *images.Processor
}

// SetEnvironment sets what the next Plan's publishing outputs need from the
// build. Call it before Plan; a build calls it on every run.
//
// A new environment may change any job's key: the next Plan plans the site
// afresh.
func (r *Renderer) SetEnvironment(env Environment) {
	r.imgs = images.NewSet(r.cfg.BaseURL, env.File).WithPhotos(env.Photos)
	r.proc = env.Images
	// Every page without a photo shows the default image's size: it is
	// part of every key, as the configuration is.
	r.configKey = r.baseConfigKey
	if img := r.defaultImage(); img != nil && img.Width > 0 {
		r.configKey = plan.NewKey(r.baseConfigKey).Str("default image").Num(uint64(img.Width)).Num(uint64(img.Height)).Sum()
	}
	out := r.cfg.Outputs
	families := []plan.Family{pages{r}, photoFiles{r}, feeds.New(out), sitemaps.New(out, env.Now), redirects.Family{Words: r.words.get()}}
	if out.Enabled("search") {
		families = append(families, r.search)
	}
	if out.Enabled("editions") {
		families = append(families, editions.New(r.theme, r.imgs))
	}
	if out.Enabled("brief-json") {
		families = append(families, briefjson.New(r.imgs))
	}
	families = append(families, hosting.New(r.cfg.Hosting, env.Now))
	r.planner = plan.NewPlanner(families...)
}
