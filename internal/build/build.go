// Package build runs the chain from config to output files (config →
// content → site → plan → sink) and keeps what it can between runs, so
// that a rebuild redoes only what changed.
package build

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/editions"
	"github.com/briefs-dev/briefs/internal/fingerprint"
	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/load"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/output"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/theme"
	"github.com/briefs-dev/briefs/themes"
)

// Folders are the folders of a site that a build reads, besides
// config.toml: what a preview watches.
var Folders = []string{content.Dir, content.StaticDir, "layouts", "themes", "i18n"}

// Options configures a Builder. Flags override config.toml: Drafts and
// Future add to the config's build settings, BaseURL replaces base_url.
type Options struct {
	FS      fs.FS // the site's folder
	Drafts  bool
	Future  bool
	BaseURL string
	// Origin, when set, replaces the scheme and host of base_url and keeps
	// its path: the preview serves the site at its own address, with the
	// links of the real host.
	Origin string
	// Preview marks drafts and future briefs on their pages (briefs serve).
	Preview bool
	// Now returns the build time; nil means time.Now.
	Now func() time.Time
	// Defer leaves the jobs render marks Deferred (the search index) to
	// Finish, so the preview can serve a rebuild's pages sooner.
	Defer bool
	// Check, when set, runs editorial rules over the briefs the build
	// publishes; its warnings are the build's, its error fails the build.
	Check Checker
	// Output, when set, is called once the configuration is known and
	// returns where the build's files go as they are made, in place of
	// Result.Files: a build of a large site then holds none of its output
	// in memory. Such a Builder builds once.
	Output func(*config.Config) (Sink, error)
	// Strict fails the build when a brief URL that an earlier build into
	// the same output published would disappear; else it is a warning.
	Strict bool
	// SiteDir is the site's folder on disk, which a relative [images]
	// cache_dir is in; CacheDir, when set, is the image cache's folder,
	// in place of the configuration's.
	SiteDir  string
	CacheDir string
	// Sized, when set, is told how many briefs the site has once the build
	// has found them, before it reads them: briefs build sizes its memory
	// limit with it.
	Sized func(briefs int)
}

// Checker runs the editorial rules of briefs check for a build; the CLI
// composes it, so that build knows none of the rules.
type Checker interface {
	// Check returns the findings on the briefs that publishes accepts as
	// warnings, one line each, or an error for findings that must fail the
	// build. briefs are all that loaded, drafts and future briefs too, so
	// that a link to one of them is judged as briefs check judges it.
	Check(ctx context.Context, cfg *config.Config, briefs []*site.Brief, publishes func(*site.Brief) bool, now time.Time) (warnings []string, err error)
	// NextChange returns the first time after now at which the findings
	// on the same briefs can change, or the zero time for never.
	NextChange(cfg *config.Config, briefs []*site.Brief, now time.Time) time.Time
}

// Sink receives a build's files as they are made: output.Writer writes
// them to a folder, output.Memory keeps them for the preview. Its methods
// are called from several goroutines at once.
type Sink interface {
	plan.Sink
	// Memo returns what the build that made the previous output recorded
	// with SetMemo, or "".
	Memo() string
	SetMemo(string)
	// KeepAll keeps the whole previous output, if it is all still in place.
	KeepAll() bool
}

// Result is the output of one build.
type Result struct {
	Config *config.Config
	Site   *site.Site
	// Files holds every output file by slash path, but for a build with
	// Options.Output, which sends them there.
	Files map[string][]byte
	// Changed lists the paths whose bytes differ from the previous
	// successful build (every path on the first one), sorted.
	Changed  []string
	Removed  []string // paths of the previous build that are gone
	Briefs   int      // briefs published
	Pages    int      // HTML pages
	Parsed   int      // briefs read and parsed by this run
	Rendered int      // files rendered by this run
	Warnings []string // one line each, to print as they are
	Duration time.Duration
	// Languages are the sites of the languages beyond the site's own
	// (languages.go), on a site in several.
	Languages []*site.Site
}

// Builder builds a site and remembers the last build to make the next
// one incremental. A Builder is not safe for concurrent use.
type Builder struct {
	opts Options

	// Kept between builds; reset by a config change.
	cfg      *config.Config
	cfgKey   uint64
	renderer *render.Renderer
	files    *content.Files    // the site's files as last read
	loader   *load.Loader      // briefs as last read and converted
	sink     Sink              // from Options.Output
	memory   *output.Memory    // the last successful build's rendered files, without Output
	last     map[string][]byte // the last successful build's output, without Output
	site     *site.Site        // the last successful build's
	pending  []plan.Job        // deferred jobs left for Finish
	inputs   string            // the digest of a build into sink
	// ready, set during Rebuild, receives the edited briefs' own pages.
	ready func(pages map[string][]byte)
	// images processes photos: made on first use, reset by a change of
	// the configuration or theme. photos are the last build's, by the
	// site path of each original.
	images *images.Processor
	photos map[string]*images.Photo
	// langs are the site's languages beyond its own (languages.go).
	langs []*language
}

// New returns a Builder for the site in opts.FS.
func New(opts Options) *Builder {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Builder{opts: opts, loader: &load.Loader{}}
}

// Build runs a build. changed lists the slash paths (relative to the site)
// known to have changed since the last Build; nil means unknown, and every
// file is read again. On error the Builder keeps its last good state and
// the error lists every problem found, as a diag.List where it can.
func (b *Builder) Build(ctx context.Context, changed []string) (*Result, error) {
	start := time.Now()
	reset := changed == nil || b.cfg == nil || slices.Contains(changed, config.FileName)
	themeChanged := slices.ContainsFunc(changed, func(p string) bool {
		return strings.HasPrefix(p, "layouts/") || strings.HasPrefix(p, "themes/") || strings.HasPrefix(p, "i18n/")
	})
	if reset {
		if err := b.loadConfig(); err != nil {
			return nil, err
		}
		b.files, b.loader, b.site, b.memory = nil, &load.Loader{}, nil, nil
		b.images, b.photos = nil, nil
	}
	if b.opts.Output != nil {
		if b.sink != nil {
			return nil, errors.New("build: a Builder with Options.Output builds once")
		}
		sink, err := b.opts.Output(b.cfg)
		if err != nil {
			return nil, err
		}
		b.sink = sink
		if res, ok := b.unchanged(start); ok {
			return res, nil
		}
	}
	if b.renderer == nil || reset || themeChanged {
		r, err := render.New(b.cfg, b.cfgKey, func(funcs template.FuncMap) (*theme.Theme, error) {
			return theme.Load(b.opts.FS, b.cfg.Theme, themes.Default(), funcs)
		})
		if err != nil {
			return nil, err
		}
		b.renderer = r
		b.images = nil // the mail's width may have changed
		if b.langs, err = b.newLanguages(); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !reset && !themeChanged {
		if res, ok, err := b.quickRebuild(ctx, changed, start); ok || err != nil {
			return res, err
		}
	}

	files, err := b.readFiles(changed)
	if err != nil {
		return nil, err
	}
	if b.opts.Sized != nil {
		b.opts.Sized(len(files.Briefs))
	}
	now := b.opts.Now()
	loaded, err := b.loader.Load(ctx, load.Input{FS: b.opts.FS, Config: b.cfg, Files: files, Changed: changed,
		Mail: b.mail(files), Once: b.sink != nil})
	if err != nil {
		return nil, err
	}
	if err := loaded.Problems.Err(); err != nil {
		return nil, err
	}
	res := &Result{Parsed: loaded.Parsed}
	if b.opts.Check != nil {
		if res.Warnings, err = b.opts.Check.Check(ctx, b.cfg, loaded.Briefs, b.publishes(now), now); err != nil {
			return nil, err
		}
	}
	briefs, split := loaded.Briefs, splitLanguages(b.cfg, loaded.Briefs)
	if split != nil {
		briefs = split[0]
	}
	siteOpts := site.Options{
		Drafts: b.cfg.Build.Drafts || b.opts.Drafts,
		Future: b.cfg.Build.Future || b.opts.Future,
		Now:    now,
	}
	if split != nil {
		siteOpts.Elsewhere = site.NewElsewhere(b.cfg, split, 0)
	}
	s, err := site.New(b.cfg, briefs, siteOpts)
	if err != nil {
		return nil, err
	}
	s.Preview = b.opts.Preview
	others, err := b.languageSites(s, split, siteOpts)
	if err != nil {
		return nil, err
	}
	var urls []fingerprint.Published // brief URLs published before: linkrot.go
	if b.sink != nil {
		m, _ := fingerprint.ParseMemo(b.sink.Memo())
		urls = m.Published
		if err := b.guardLinks(s, briefs, urls, now, res); err != nil {
			return nil, err
		}
	}
	asIs := b.loader.Published(s, files)
	if err := b.setPages(s, files, asIs); err != nil {
		return nil, err
	}
	photos, err := b.processPhotos(ctx, s, asIs)
	if err != nil {
		return nil, err
	}
	if b.sink != nil {
		b.loader.Release()
	}
	published := b.published(s, files)
	b.renderer.SetEnvironment(render.Environment{Now: now, File: fileBytes(published), Photos: photos, Images: b.images})
	jobs := b.renderer.Plan(s)
	more, err := b.languageJobs(ctx, others, files, now, published)
	if err != nil {
		return nil, err
	}
	if err := b.render(ctx, append(jobs, more...), published, nil, res); err != nil {
		return nil, err
	}
	b.warnBaseURL(res)
	b.warnRobots(res)
	if b.sink != nil {
		// Next is when the output changes, as briefs next says; the check
		// rules' findings, which can change sooner, only make the memo
		// hold for a shorter time.
		next := NextChange(b.cfg, s, briefs, nil, now).At
		until := validUntil(NextChange(b.cfg, s, loaded.Briefs, b.opts.Check, now).At, now)
		for _, o := range others {
			next = earliest(next, NextChange(o.Config, o, nil, nil, now).At)
			until = earliest(until, NextChange(o.Config, o, nil, nil, now).At)
		}
		m := fingerprint.Memo{Digest: b.inputs, From: now, Until: until, Next: next, Briefs: len(s.Briefs), Pages: res.Pages,
			Published: publishedRecord(b.cfg, s, briefs, urls, now), Warnings: memoWarnings(s, res.Warnings)}
		b.sink.SetMemo(m.String())
	}
	b.files, b.site = files, s
	b.keepLanguageSites(others)
	res.Config, res.Site, res.Briefs, res.Languages = b.cfg, s, len(s.Briefs), others
	for _, o := range others {
		res.Briefs += len(o.Briefs)
	}
	res.Duration = time.Since(start)
	return res, nil
}

// mail returns what the converter writes of each brief for the editions:
// the sections they show, with the theme's styles, and images sized from
// the site's files; nothing for a site without editions.
func (b *Builder) mail(files *content.Files) *markdown.Mail {
	if !b.cfg.Outputs.Enabled("editions") {
		return nil
	}
	m := b.renderer.Theme().Mail()
	return &markdown.Mail{Styles: m.Styles, Width: m.Width, Sections: editions.Sections(b.cfg), ImageSize: func(file string) (int, int) {
		f, ok := files.Content[file]
		if static, isStatic := strings.CutPrefix(file, content.StaticDir+"/"); isStatic {
			f, ok = files.Static[static]
		}
		if !ok {
			return 0, 0
		}
		data, _ := f.Bytes() // unreadable: no size, and publishing it reports why
		w, h, _ := images.Size(data)
		return w, h
	}}
}

// fileBytes returns the bytes of the published file at an output path,
// read now when it is large; nil when there is none or it cannot be read
// (publishing it reports why).
func fileBytes(published map[string]content.File) func(p string) []byte {
	return func(p string) []byte {
		f, ok := published[p]
		if !ok {
			return nil
		}
		data, _ := f.Bytes()
		return data
	}
}

// readFiles returns the site's files after changed changed: all of them
// read again when changed is nil or nothing was read yet.
func (b *Builder) readFiles(changed []string) (*content.Files, error) {
	if changed == nil || b.files == nil {
		return content.ReadFiles(b.opts.FS)
	}
	return b.files.Update(b.opts.FS, changed)
}

// publishes reports which briefs the build publishes: not drafts or
// future briefs unless the configuration or the options include them.
func (b *Builder) publishes(now time.Time) func(*site.Brief) bool {
	opts := site.Options{Drafts: b.cfg.Build.Drafts || b.opts.Drafts, Future: b.cfg.Build.Future || b.opts.Future, Now: now}
	return opts.Publishes
}

// warnBaseURL warns about a site that sets no base_url, and says where to.
func (b *Builder) warnBaseURL(res *Result) {
	if b.cfg.BaseURL != config.Default().BaseURL || b.opts.BaseURL != "" || b.opts.Origin != "" {
		return
	}
	where := "config.toml sets no base_url"
	if _, err := fs.Stat(b.opts.FS, config.FileName); err != nil {
		where = "the site has no config.toml, so no base_url"
	}
	res.Warnings = append(res.Warnings, "warning: "+where+": links in feeds and canonical URLs point to "+b.cfg.BaseURL+
		`; add base_url = "https://your.site/" to config.toml, or pass --base-url`)
}

// loadConfig reads config.toml and applies the options over it.
func (b *Builder) loadConfig() error {
	cfg, err := config.Load(b.opts.FS, config.FileName)
	if err != nil {
		return err
	}
	switch {
	case b.opts.BaseURL != "":
		cfg.BaseURL = b.opts.BaseURL
	case b.opts.Origin != "":
		cfg.BaseURL = b.opts.Origin + site.BasePath(cfg.BaseURL)
	}
	if b.opts.BaseURL != "" || b.opts.Origin != "" {
		if err := cfg.Validate(); err != nil {
			return fmt.Errorf("--base-url: %w", err)
		}
	}
	raw, _ := fs.ReadFile(b.opts.FS, config.FileName)
	h := fnv.New64a()
	h.Write(raw)
	fmt.Fprintf(h, "|%s|%v|%v|%v|%s", cfg.BaseURL, b.opts.Drafts, b.opts.Future, b.opts.Preview, fingerprint.Program())
	b.cfg, b.cfgKey = &cfg, h.Sum64()
	return nil
}

// unchanged returns the result of the previous build into the sink when
// its memo shows that nothing changed since, and keeps its output.
func (b *Builder) unchanged(start time.Time) (*Result, bool) {
	extra := fmt.Sprintf("%x|%v|%v", b.cfgKey, b.opts.Check != nil, b.opts.Strict)
	digest, ok := fingerprint.Digest(b.opts.FS, Folders, []string{config.FileName}, extra, statClock())
	if !ok {
		return nil, false
	}
	b.inputs = digest
	m, ok := fingerprint.ParseMemo(b.sink.Memo())
	if !ok || m.Digest != digest || !m.Holds(b.opts.Now()) || !b.sink.KeepAll() {
		return nil, false
	}
	return &Result{Config: b.cfg, Briefs: m.Briefs, Pages: m.Pages, Warnings: m.Warnings, Duration: time.Since(start)}, true
}

// statClock is the clock the digest judges files' status against.
var statClock = time.Now

// validUntil returns until when output made at now, whose next change
// with time alone is next, holds: until next, and a month at most.
func validUntil(next, now time.Time) time.Time {
	until := now.Add(30 * 24 * time.Hour)
	if !next.IsZero() && next.Before(until) {
		until = next
	}
	return until
}
