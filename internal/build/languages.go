package build

import (
	"context"
	"html/template"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/hosting"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/redirects"
	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/theme"
	"github.com/briefs-dev/briefs/themes"
)

// A site in several languages ([[languages]] in config.toml) is built as
// one site.Site per language, each from its language's configuration
// (config.Config.ForLanguage) and planned by a renderer of its own, whose
// jobs are moved under the language's path ("es/"). The sites share the
// one snapshot of the files and the one loader; site.LinkLanguages gives
// them the index of translations that hreflang alternates, the sitemaps
// and the language switcher read. So every output family works for a
// language as it does for a site of one, and a site of one language is
// built exactly as before: this file does nothing for it.
//
// The site's own language is the Builder's renderer and site, at the
// root; language is each of the others.

// language is the build of one of a site's languages beyond its own.
type language struct {
	index    int // as config.Config.LanguageIndex numbers it
	cfg      *config.Config
	prefix   string // its path, "es/"
	renderer *render.Renderer
	site     *site.Site // the last successful build's
}

// newLanguages makes the renderers of the site's languages beyond its
// own, each with the theme loaded with that language's template functions.
func (b *Builder) newLanguages() ([]*language, error) {
	var langs []*language
	for i := 1; i <= len(b.cfg.Languages); i++ {
		lc := b.cfg.ForLanguage(i)
		r, err := render.New(lc, plan.NewKey(b.cfgKey).Str("language").Num(uint64(i)).Sum(), func(funcs template.FuncMap) (*theme.Theme, error) {
			return theme.Load(b.opts.FS, lc.Theme, themes.Default(), funcs)
		})
		if err != nil {
			return nil, err
		}
		langs = append(langs, &language{index: i, cfg: lc, prefix: b.cfg.LanguagePath(i), renderer: r})
	}
	return langs, nil
}

// splitLanguages returns briefs by language, the site's own first, as
// config.Config.LanguageIndex numbers them; a brief in a language the site
// does not publish in is in none (briefs check reports it). It returns
// nil for a site of one language.
func splitLanguages(cfg *config.Config, briefs []*site.Brief) [][]*site.Brief {
	if !cfg.Multilingual() {
		return nil
	}
	out := make([][]*site.Brief, len(cfg.Languages)+1)
	for _, br := range briefs {
		if i := cfg.LanguageIndex(br.Source.Lang); i >= 0 {
			out[i] = append(out[i], br)
		}
	}
	return out
}

// languageSites makes the site of each language beyond the site's own
// from its briefs (split by splitLanguages), and links them all with own,
// the site of the site's own language.
func (b *Builder) languageSites(own *site.Site, split [][]*site.Brief, opts site.Options) ([]*site.Site, error) {
	if split == nil {
		return nil, nil
	}
	sites := []*site.Site{own}
	for _, l := range b.langs {
		opts.Elsewhere = site.NewElsewhere(b.cfg, split, l.index)
		s, err := site.New(l.cfg, split[l.index], opts)
		if err != nil {
			return nil, err
		}
		s.Preview = own.Preview
		sites = append(sites, s)
	}
	site.LinkLanguages(b.cfg, sites)
	return sites[1:], nil
}

// languageJobs plans the sites of the languages beyond the site's own
// and returns their jobs under each language's path, and adds to
// published the files of their bundles. Files only the root of a site
// has (robots.txt, which lists every language's sitemap, _redirects and
// the host's files) are planned once, by the site's own language.
func (b *Builder) languageJobs(ctx context.Context, sites []*site.Site, files *content.Files, now time.Time, published map[string]content.File) ([]plan.Job, error) {
	if len(sites) == 0 {
		return nil, nil
	}
	rootOnly := map[string]bool{"robots.txt": true, redirects.FileName: true}
	for p := range hosting.New(b.cfg.Hosting, time.Time{}).Files(time.Time{}) {
		rootOnly[p] = true
	}
	var jobs []plan.Job
	for i, s := range sites {
		l := b.langs[i]
		bundled := b.loader.Bundled(s, files)
		photos, err := b.makePhotos(ctx, s, bundled)
		if err != nil {
			return nil, err
		}
		for p, data := range bundled {
			if photos[p] == nil {
				published[l.prefix+p] = data
			}
		}
		l.renderer.SetEnvironment(render.Environment{Now: now, File: fileBytes(bundled), Photos: photos, Images: b.images})
		for _, j := range l.renderer.Plan(s) {
			if !rootOnly[j.Path] {
				j.Path = l.prefix + j.Path
				jobs = append(jobs, j)
			}
		}
	}
	return jobs, nil
}

// keepLanguageSites records the sites of a successful build.
func (b *Builder) keepLanguageSites(sites []*site.Site) {
	for i, s := range sites {
		b.langs[i].site = s
	}
}

// earliest returns the earlier of two times, a zero time meaning never.
func earliest(a, b time.Time) time.Time {
	if a.IsZero() || !b.IsZero() && b.Before(a) {
		return b
	}
	return a
}
