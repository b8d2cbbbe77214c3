package build

import (
	"context"
	"html/template"
	"maps"
	"strings"
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
// built exactly as before: this file does nothing for it. (One site with
// a language on each brief would have had every family, list and index
// filter by language, and each of them get it right.) The cost is a theme
// loaded per language and the theme's assets copied under each path.
//
// What stays the root's: static/ and standalone pages, robots.txt (which
// lists every language's sitemap), _redirects, the host's files, and the
// link-rot guard, which watches the URLs of the site's own language.
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
	// root are the paths of the files only the site's root has.
	root map[string]bool
	// bundled are the files of its bundles published as they are, by
	// output path under its path (photos processed are not).
	bundled map[string]content.File
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
		root := map[string]bool{"robots.txt": true, redirects.FileName: true}
		for p := range hosting.New(b.cfg.Hosting, time.Time{}).Files(time.Time{}) {
			root[p] = true
		}
		langs = append(langs, &language{index: i, cfg: lc, prefix: b.cfg.LanguagePath(i), renderer: r, root: root})
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
// has (rootOnly) are planned once, by the site's own language.
func (b *Builder) languageJobs(ctx context.Context, sites []*site.Site, files *content.Files, now time.Time, published map[string]content.File) ([]plan.Job, error) {
	if len(sites) == 0 {
		return nil, nil
	}
	var jobs []plan.Job
	for i, s := range sites {
		l := b.langs[i]
		bundled := b.loader.Bundled(s, files)
		photos, err := b.makePhotos(ctx, s, bundled)
		if err != nil {
			return nil, err
		}
		l.bundled = map[string]content.File{}
		for p, data := range bundled {
			if photos[p] == nil {
				l.bundled[l.prefix+p] = data
			}
		}
		maps.Copy(published, l.bundled)
		l.renderer.SetEnvironment(render.Environment{Now: now, File: fileBytes(bundled), Photos: photos, Images: b.images})
		for _, j := range l.renderer.Plan(s) {
			if !l.rootOnly(j.Path) {
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

// The quick rebuild of the preview (quick.go) applies the edits of each
// language to the last site of that language, as it does for a site of
// one: an edit that keeps a brief's language and translation key keeps
// the translations index, which the sites share, true.

// translationChanged reports whether an edit moves a brief to another
// language or translation key: the quick rebuild cannot take it.
func translationChanged(old, new *site.Brief) bool {
	return !strings.EqualFold(old.Source.Lang, new.Source.Lang) || old.Source.TranslationKey() != new.Source.TranslationKey()
}

// languagesDue reports whether the site of one of the languages has a
// scheduled change due, which the quick rebuild does not make.
func (b *Builder) languagesDue() bool {
	for _, l := range b.langs {
		if l.site == nil || l.site.Due(b.opts.Now()) {
			return true
		}
	}
	return false
}

// splitEdits returns the edited briefs of the site's own language, and
// those of each other language, in [[languages]] order.
func (b *Builder) splitEdits(edited []*site.Brief) (own []*site.Brief, byLang [][]*site.Brief) {
	if len(b.langs) == 0 {
		return edited, nil
	}
	byLang = make([][]*site.Brief, len(b.langs))
	for _, e := range edited {
		if i := b.cfg.LanguageIndex(e.Source.Lang); i > 0 {
			byLang[i-1] = append(byLang[i-1], e)
		} else {
			own = append(own, e)
		}
	}
	return own, byLang
}

// languagesWith returns the site of each language with its edited briefs,
// as site.Site.With does; ok is false when one needs a full pass.
func (b *Builder) languagesWith(byLang [][]*site.Brief) (sites []*site.Site, ok bool) {
	for i, l := range b.langs {
		next, ok := l.site.With(byLang[i]...)
		if !ok {
			return nil, false
		}
		sites = append(sites, next)
	}
	return sites, true
}

// quickLanguageJobs plans the sites of the languages again, incrementally,
// as languageJobs does, with the files their bundles published last.
func (b *Builder) quickLanguageJobs(sites []*site.Site, published map[string]content.File) []plan.Job {
	var jobs []plan.Job
	for i, s := range sites {
		l := b.langs[i]
		maps.Copy(published, l.bundled)
		for _, j := range l.renderer.Plan(s) {
			if !l.rootOnly(j.Path) {
				j.Path = l.prefix + j.Path
				jobs = append(jobs, j)
			}
		}
	}
	return jobs
}

// rootOnly reports whether the language leaves the file at path, of its
// own plan, to the site's own language: robots.txt, which lists every
// language's sitemap, _redirects and the host's files.
func (l *language) rootOnly(path string) bool { return l.root[path] }

// editedPages returns the output paths of the pages of edited briefs: own
// those of the site's own language, byLang those of each other language.
func (b *Builder) editedPages(own []*site.Brief, byLang [][]*site.Brief) []string {
	var paths []string
	for _, br := range own {
		paths = append(paths, br.Path+"index.html")
	}
	for i, briefs := range byLang {
		for _, br := range briefs {
			paths = append(paths, b.langs[i].prefix+br.Path+"index.html")
		}
	}
	return paths
}

// NextChange returns the first scheduled change of the site of any of the
// result's languages (site.Site.NextChange), or the zero time for none.
func (r *Result) NextChange() time.Time {
	var next time.Time
	for _, s := range append([]*site.Site{r.Site}, r.Languages...) {
		if s != nil {
			next = earliest(next, s.NextChange())
		}
	}
	return next
}
