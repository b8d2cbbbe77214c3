// Package build runs the chain from config to rendered files, and keeps what it can between runs so a rebuild redoes only what changed.
package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/briefs-dev/briefs/internal/check"
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/parallel"
	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/theme"
	"github.com/briefs-dev/briefs/themes"
)

// StaticDir is the folder of a site copied as is to the output root.
const StaticDir = "static"

// Options configures a Builder. Flags override config.toml: Drafts and
// Future add to the config's build settings, BaseURL replaces base_url.
type Options struct {
	FS      fs.FS // the site's folder
	Drafts  bool
	Future  bool
	BaseURL string
	// Preview marks drafts and future briefs on their pages (briefs serve).
	Preview bool
	// Now returns the build time; nil means time.Now.
	Now func() time.Time
	// Defer leaves the jobs render marks Deferred (the search index) to
	// Finish, so the preview can serve a rebuild's pages sooner.
	Defer bool
	// Check runs the editorial rules of briefs check and reports their
	// findings as warnings; with Strict, any finding fails the build.
	Check  bool
	Strict bool
	// Output, when set, is called once the configuration is known and
	// returns where the build's files go as they are made, in place of
	// Result.Files: a build of a large site then holds none of its output
	// in memory. Such a Builder builds once.
	Output func(*config.Config) (Sink, error)
	// Sized, when set, is told how many briefs the site has once the build
	// has found them, before it reads them: briefs build sizes its memory
	// limit with it.
	Sized func(briefs int)
}

// Sink receives a build's files as they are made; output.Writer is one.
// Its methods are called from several goroutines at once.
type Sink interface {
	// Reuse reports whether the sink still has the file that a previous
	// build made under the same path and key, and keeps it if so.
	Reuse(path string, key uint64) bool
	// Add puts a file in the output; key summarises its inputs (0: none).
	// It must not keep data once it returns: the build reuses the buffer.
	Add(path string, key uint64, data []byte) error
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
	Stages   []Stage // how long each stage took
}

// Stage is the duration of one stage of a build.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Builder builds a site and remembers the last build to make the next
// one incremental. A Builder is not safe for concurrent use.
type Builder struct {
	opts Options

	// Kept between builds; reset by a config change.
	cfg      *config.Config
	cfgKey   uint64
	theme    *theme.Theme
	renderer *render.Renderer
	briefs   map[string]*entry    // by source path
	static   map[string][]byte    // by source path
	pages    map[string]renderedF // by output path
	last     map[string][]byte    // the previous successful build's files
	refs     map[string]string    // brief ref → output path, as bodies were converted with
	// The files under content/ as last scanned: briefs, and the other
	// files (photos of bundles) with their content.
	mdPaths      map[string]bool
	contentFiles map[string][]byte
	converter    *markdown.Converter // resolves links with refs
	site         *site.Site          // the last successful build's
	pending      []render.Job        // deferred jobs left for Finish
	pageCount    int                 // HTML pages of the last full pass
	sink         Sink                // from Options.Output
	inputs       string              // the digest of a build into sink
	quick        quickState          // the preview's one-brief rebuilds: quick.go
}

// entry is a brief file as last read.
type entry struct {
	raw   []byte
	src   *content.Source
	brief *site.Brief
	err   error
}

type renderedF struct {
	key  uint64
	data []byte
}

// New returns a Builder for the site in opts.FS.
func New(opts Options) *Builder {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Builder{opts: opts}
}

// Build runs a build. changed lists the slash paths (relative to the site)
// known to have changed since the last Build; nil means unknown, and every
// file is read again. On error the Builder keeps its last good state and
// the error lists every problem found, as a diag.List where it can.
func (b *Builder) Build(ctx context.Context, changed []string) (*Result, error) {
	start := time.Now()
	res := &Result{}
	reset := changed == nil || b.cfg == nil
	themeChanged := false
	for _, p := range changed {
		switch {
		case p == config.FileName:
			reset = true
		case strings.HasPrefix(p, "layouts/"), strings.HasPrefix(p, "themes/"):
			themeChanged = true
		}
	}
	if reset {
		if err := b.loadConfig(); err != nil {
			return nil, err
		}
		b.theme, b.briefs, b.static, b.pages, b.mdPaths, b.site = nil, nil, nil, nil, nil, nil
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
	if b.theme == nil || themeChanged {
		r, err := render.New(b.cfg, b.cfgKey, func(funcs template.FuncMap) (*theme.Theme, error) {
			return theme.Load(b.opts.FS, b.cfg.Theme, themes.Default(), funcs)
		})
		if err != nil {
			return nil, err
		}
		b.theme, b.renderer = r.Theme(), r
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	if !reset && !themeChanged {
		if res, ok, err := b.quickRebuild(ctx, changed, start); ok || err != nil {
			return res, err
		}
	}
	mark := time.Now()
	lap := func(stage string) {
		res.Stages = append(res.Stages, Stage{stage, time.Since(mark)})
		mark = time.Now()
	}
	briefs, parsed, problems, err := b.loadBriefs(ctx, changed)
	if err != nil {
		return nil, err
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	res.Parsed = parsed
	now := b.opts.Now()
	if b.opts.Check {
		if err := b.check(ctx, b.publishable(briefs, now), now, res); err != nil {
			return nil, err
		}
	}
	lap("load")
	s, err := site.New(b.cfg, briefs, site.Options{
		Drafts: b.cfg.Build.Drafts || b.opts.Drafts,
		Future: b.cfg.Build.Future || b.opts.Future,
		Now:    now,
	})
	if err != nil {
		return nil, err
	}
	s.Preview = b.opts.Preview
	if b.sink != nil {
		b.release()
	}
	lap("site")
	static, err := b.loadStatic(changed)
	if err != nil {
		return nil, err
	}

	lap("static")
	// Files published as they are: static ones and those of page bundles.
	// Renderers read image sizes from them.
	published := make(map[string][]byte, len(static)+len(b.contentFiles))
	for p, data := range static {
		published[p] = data
	}
	if err := b.addResources(s, published); err != nil {
		return nil, err
	}
	b.renderer.SetEnvironment(render.Environment{Now: now, File: func(p string) []byte { return published[p] }})
	if b.sink != nil {
		if err := b.renderTo(ctx, s, published, res); err != nil {
			return nil, err
		}
		lap("render")
		b.warnBaseURL(res)
		res.Config, res.Site, res.Briefs = b.cfg, s, len(s.Briefs)
		if b.inputs != "" {
			m := memo{digest: b.inputs, until: b.validUntil(now), briefs: res.Briefs, pages: res.Pages, warnings: res.Warnings}
			b.sink.SetMemo(m.String())
		}
		res.Duration = time.Since(start)
		return res, nil
	}
	rendered, err := b.render(ctx, s, true)
	if err != nil {
		return nil, err
	}
	lap("render")
	res.Rendered = len(rendered)
	files := make(map[string][]byte, len(b.pages)+len(published))
	for p, r := range b.pages {
		files[p] = r.data
	}
	for p, data := range published {
		if _, taken := files[p]; taken {
			res.Warnings = append(res.Warnings, fmt.Sprintf("warning: %s: a generated file has the same path; the static file is not published", p))
			continue
		}
		files[p] = data
	}
	lap("resources")
	for p, data := range files {
		if old, ok := b.last[p]; !ok || !bytes.Equal(old, data) {
			res.Changed = append(res.Changed, p)
		}
		if strings.HasSuffix(p, ".html") {
			res.Pages++
		}
	}
	for p := range b.last {
		if _, ok := files[p]; !ok {
			res.Removed = append(res.Removed, p)
		}
	}
	sort.Strings(res.Changed)
	sort.Strings(res.Removed)
	b.last = files
	b.warnBaseURL(res)
	lap("compare")
	res.Config, res.Site, res.Files = b.cfg, s, files
	b.site, b.pageCount = s, res.Pages
	res.Briefs = len(s.Briefs)
	res.Duration = time.Since(start)
	return res, nil
}

// release drops what a build into a sink needs no more once every brief
// is loaded and checked: the bytes of the files, and what only the check
// rules read. Such a Builder builds once, so nothing reads them again.
func (b *Builder) release() {
	for _, e := range b.briefs {
		e.raw = nil
		if e.src != nil {
			e.src.Release()
		}
		if e.brief != nil {
			e.brief.Body.Paragraphs, e.brief.Body.Labels, e.brief.Body.Links = nil, nil, nil
		}
	}
}

// warnBaseURL warns about a site that sets no base_url.
func (b *Builder) warnBaseURL(res *Result) {
	if b.cfg.BaseURL == config.Default().BaseURL && b.opts.BaseURL == "" {
		res.Warnings = append(res.Warnings, "warning: config.toml sets no base_url: links in feeds and canonical URLs point to "+b.cfg.BaseURL)
	}
}

// renderTo renders every file of the site into the sink, and adds the
// published files; files the sink can reuse from a previous build are not
// rendered.
func (b *Builder) renderTo(ctx context.Context, s *site.Site, published map[string][]byte, res *Result) error {
	jobs := b.renderer.Plan(s)
	generated := map[string]bool{} // the published files' paths that a job makes too
	for _, j := range jobs {
		if _, ok := published[j.Path]; ok {
			generated[j.Path] = true
		}
		if strings.HasSuffix(j.Path, ".html") {
			res.Pages++
		}
	}
	var rendered atomic.Int64
	errs := make([]error, len(jobs))
	order := slowFirst(jobs)
	// Writing blocks on the disk: twice as many workers as CPUs keep both busy.
	parallel.ForN(2*runtime.GOMAXPROCS(0), len(jobs), func(k int) {
		i := order[k]
		j := jobs[i]
		if ctx.Err() != nil || b.sink.Reuse(j.Path, j.Key) {
			return
		}
		rendered.Add(1)
		buf := buffers.Get().(*bytes.Buffer)
		data, err := render1To(j, buf)
		if err == nil {
			err = b.sink.Add(j.Path, j.Key, data)
		}
		if err != nil {
			errs[i] = fmt.Errorf("rendering %s: %w", j.Path, err)
		}
		if buf.Cap() <= maxPooled {
			buffers.Put(buf)
		}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	var list diag.List
	for _, err := range errs {
		list.Add(err)
	}
	if err := list.Err(); err != nil {
		return err
	}
	res.Rendered = int(rendered.Load())
	paths := sortedKeys(published)
	errs = make([]error, len(paths))
	parallel.ForN(2*runtime.GOMAXPROCS(0), len(paths), func(i int) {
		if !generated[paths[i]] {
			errs[i] = b.sink.Add(paths[i], 0, published[paths[i]])
		}
	})
	for _, p := range paths {
		if generated[p] {
			res.Warnings = append(res.Warnings, fmt.Sprintf("warning: %s: a generated file has the same path; the static file is not published", p))
		}
	}
	return errors.Join(errs...)
}

// slowFirst returns the order in which to run jobs: the slow ones render
// marks Deferred (the search index, seconds on a large site) first, so
// that they run beside the many small ones instead of alone at the end.
func slowFirst(jobs []render.Job) []int {
	order := make([]int, 0, len(jobs))
	for _, late := range []bool{false, true} {
		for i, j := range jobs {
			if j.Deferred != late {
				order = append(order, i)
			}
		}
	}
	return order
}

// publishable returns the briefs the build publishes: not drafts or future
// briefs, unless asked for.
func (b *Builder) publishable(briefs []*site.Brief, now time.Time) []*site.Brief {
	drafts := b.cfg.Build.Drafts || b.opts.Drafts
	future := b.cfg.Build.Future || b.opts.Future
	var out []*site.Brief
	for _, br := range briefs {
		if (br.Draft && !drafts) || (br.Date.After(now) && !future) {
			continue
		}
		out = append(out, br)
	}
	return out
}

// check runs the rules of briefs check over the briefs: findings become
// warnings, or with Strict errors that fail the build.
func (b *Builder) check(ctx context.Context, briefs []*site.Brief, now time.Time, res *Result) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("check rules: internal error: %v", p)
		}
	}()
	findings, err := check.Run(ctx, check.Input{Config: b.cfg, Briefs: briefs}, check.Options{Now: now, Strict: b.opts.Strict})
	if err != nil {
		return err
	}
	var errs diag.List
	for _, f := range findings {
		if b.opts.Strict && f.Severity == check.Error {
			errs.Add(&diag.Error{Pos: f.Pos, Msg: f.Rule + ": " + f.Message})
			continue
		}
		f.Severity = check.Warning // the build goes on
		res.Warnings = append(res.Warnings, f.String())
	}
	return errs.Err()
}

// loadConfig reads config.toml and applies the options over it.
func (b *Builder) loadConfig() error {
	cfg, err := config.Load(b.opts.FS, config.FileName)
	if err != nil {
		return err
	}
	if b.opts.BaseURL != "" {
		cfg.BaseURL = b.opts.BaseURL
		if err := cfg.Validate(); err != nil {
			return fmt.Errorf("--base-url: %w", err)
		}
	}
	raw, _ := fs.ReadFile(b.opts.FS, config.FileName)
	h := fnv.New64a()
	h.Write(raw)
	fmt.Fprintf(h, "|%s|%v|%v|%v|%s", cfg.BaseURL, b.opts.Drafts, b.opts.Future, b.opts.Preview, program())
	b.cfg, b.cfgKey = &cfg, h.Sum64()
	b.refs = nil
	return nil
}

// program identifies the running program's code, which keys of files kept
// between runs must cover: a new version of briefs may render a file with
// the same inputs differently. A release is named by its VCS revision; any
// other build, by a hash of its executable.
var program = sync.OnceValue(func() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" && modified == "false" {
			return rev
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(h.Sum(nil))
})

// loadBriefs reads the briefs that changed (all of them when changed is
// nil), parses their front matter and converts their bodies, in parallel.
// Briefs that fail to load are left out of the result and their errors
// returned in problems; err is for failures of the build itself.
func (b *Builder) loadBriefs(ctx context.Context, changed []string) (briefs []*site.Brief, parsed int, problems diag.List, err error) {
	if err := b.scanContent(changed); err != nil {
		return nil, 0, nil, err
	}
	if b.opts.Sized != nil {
		b.opts.Sized(len(b.mdPaths))
	}
	paths := sortedKeys(b.mdPaths)
	dirty := map[string]bool{}
	for _, p := range changed {
		dirty[p] = true
		// A changed photo of a bundle: check its brief again.
		for dir := path.Dir(p); strings.HasPrefix(dir, content.Dir+"/"); dir = path.Dir(dir) {
			dirty[dir+"/index.md"] = true
		}
	}
	b.forgetMail(changed)
	old := b.briefs
	next := make(map[string]*entry, len(paths))
	var todo []string
	for _, p := range paths {
		if e, ok := old[p]; ok && changed != nil && !dirty[p] {
			next[p] = e
			continue
		}
		todo = append(todo, p)
	}
	// Phase 1: read and parse front matter.
	opts := content.OptionsFor(b.cfg)
	parsedEntries := make([]*entry, len(todo))
	parallel.For(len(todo), func(i int) {
		e := &entry{}
		e.raw, e.err = readBrief(b.opts.FS, todo[i], opts)
		if e.err == nil {
			if prev, ok := old[todo[i]]; ok && prev.err == nil && bytes.Equal(prev.raw, e.raw) {
				// Unchanged after all; but its photo may be what changed.
				e = prev
				if err := checkPhoto(b.opts.FS, b.contentFiles, prev.src); err != nil {
					e = &entry{raw: prev.raw, src: prev.src, err: err}
				}
			} else {
				e.src, e.err = content.Parse(todo[i], e.raw, opts)
			}
		}
		parsedEntries[i] = e
	})
	var errs diag.List
	for i, p := range todo {
		next[p] = parsedEntries[i]
	}
	// The map from ref to URL that links between briefs are resolved with.
	refs := make(map[string]string, len(next))
	for _, e := range next {
		if e.src != nil {
			refs[e.src.Ref] = "briefs/" + e.src.Slug + "/"
		}
	}
	return b.loadBriefsWith(ctx, next, refs, &errs)
}

// loadBriefsWith converts the bodies of the entries that need it: new or
// changed briefs, and when a brief's URL changed, those that link to briefs.
func (b *Builder) loadBriefsWith(ctx context.Context, next map[string]*entry, refs map[string]string, errs *diag.List) ([]*site.Brief, int, diag.List, error) {
	refsChanged := !sameMap(refs, b.refs)
	var mail *markdown.Mail
	if b.theme != nil { // briefs check converts without a theme
		m := b.theme.Mail()
		mail = &markdown.Mail{Styles: m.Styles, Width: m.Width, Sections: render.EditionSections(), ImageSize: b.imageSize}
	}
	converter := markdown.New(markdown.Options{
		Sections: b.cfg.Sections,
		Unsafe:   b.cfg.Markdown.Unsafe,
		BaseURL:  b.cfg.BaseURL,
		Resolve: func(ref string) (string, bool) {
			u, ok := refs[ref]
			return u, ok
		},
		Mail: mail,
	})
	var todo []*entry
	for _, e := range next {
		if e.err != nil || e.src == nil {
			continue
		}
		if e.brief == nil || (refsChanged && linksBriefs(e.brief)) {
			todo = append(todo, e)
		}
	}
	parallel.For(len(todo), func(i int) {
		e := todo[i]
		body, err := converter.Convert(e.src)
		if err == nil {
			err = checkPhoto(b.opts.FS, b.contentFiles, e.src)
		}
		if err != nil {
			e.err = err
			return
		}
		e.brief = site.NewBrief(e.src, body)
		if b.sink != nil {
			// A build into a folder converts each brief once: only the
			// preview keeps the bytes, to compare them with the next save.
			e.raw = nil
			e.src.ReleaseBody()
		}
	})
	paths := sortedKeys(next)
	var srcs []*content.Source
	for _, p := range paths {
		if e := next[p]; e.src != nil {
			srcs = append(srcs, e.src)
		}
	}
	// Checked here too, so that a build with broken briefs still reports
	// every duplicate at once.
	errs.Add(site.DuplicateSlugs(srcs))
	briefs := make([]*site.Brief, 0, len(next))
	for _, p := range paths {
		e := next[p]
		if e.err != nil {
			errs.Add(e.err)
			continue
		}
		briefs = append(briefs, e.brief)
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, nil, err
	}
	// Keep the entries even when some are broken, so the next build redoes
	// only those; the bodies kept were converted with refs.
	b.briefs, b.refs, b.converter = next, refs, converter
	errs.Sort()
	return briefs, len(todo), *errs, nil
}

// Load reads the site's configuration and every brief, drafts and future
// briefs included, as a build does, and returns the briefs that loaded and
// the errors of those that did not. briefs check runs its rules on the
// result, so that one run reports everything.
func (b *Builder) Load(ctx context.Context) (*config.Config, []*site.Brief, diag.List, error) {
	if err := b.loadConfig(); err != nil {
		var list diag.List
		if errors.As(err, &list) {
			return nil, nil, list, nil
		}
		return nil, nil, nil, err
	}
	b.briefs, b.mdPaths = nil, nil
	briefs, _, problems, err := b.loadBriefs(ctx, nil)
	return b.cfg, briefs, problems, err
}

// linksBriefs reports whether a brief's body links to another brief's file,
// whose URL a slug change elsewhere could change.
func linksBriefs(b *site.Brief) bool {
	for _, l := range b.Body.Links {
		if strings.Contains(l.Dest, ".md") {
			return true
		}
	}
	return false
}

func sameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// readBrief reads a brief file that content.Walk listed, or that
// content.Stat accepted as changed: scanContent refuses the symbolic links
// they refuse before a path gets here, and fsys (sitefs) opens nothing
// outside the site. A file larger than the briefs opts allow is refused
// before it is read.
func readBrief(fsys fs.FS, p string, opts content.Options) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		// Replaced by a folder or a pipe since the walk.
		return nil, diag.Errorf(diag.Pos{File: p}, "not a file: briefs reads only regular files")
	}
	if err := content.CheckSize(p, info.Size(), opts); err != nil {
		return nil, err
	}
	// The file may grow after Stat: read no more than one byte too many.
	limit := int64(opts.MaxSize)
	if limit <= 0 {
		limit = content.MaxSize
	}
	data, err := readAtMost(f, min(info.Size(), limit)+1, limit+1)
	if err == nil {
		err = content.CheckSize(p, int64(len(data)), opts)
	}
	return data, err
}

// readAtMost reads r to its end, or to limit bytes, into a buffer of size
// bytes to start with: the size Stat gave, plus one to see the end, so that
// a brief is held in memory at its size (io.ReadAll would grow a buffer up
// to twice that).
func readAtMost(r io.Reader, size, limit int64) ([]byte, error) {
	r = io.LimitReader(r, limit)
	data := make([]byte, 0, max(size, 512))
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew since Stat
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// checkPhoto reports a bundle photo whose file is missing. A file of
// listed, the content files a walk found, is there without asking fsys.
func checkPhoto(fsys fs.FS, listed map[string][]byte, src *content.Source) error {
	p := src.Front.Photo
	if p == nil || src.Bundle == "" || strings.Contains(p.Src, "://") || strings.HasPrefix(p.Src, "/") {
		return nil
	}
	file := path.Join(src.Bundle, p.Src)
	if _, ok := listed[file]; ok {
		return nil
	}
	if _, err := fs.Stat(fsys, file); err != nil {
		return diag.Errorf(src.KeyPos("photo", "src"), "photo %q not found: expected %s", p.Src, file)
	}
	return nil
}

// loadStatic reads static/ (only the changed files when known), returning
// output path → content.
func (b *Builder) loadStatic(changed []string) (map[string][]byte, error) {
	dirty := map[string]bool{}
	for _, p := range changed {
		dirty[p] = true
	}
	next := map[string][]byte{}
	err := fs.WalkDir(b.opts.FS, StaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == StaticDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != StaticDir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // folders, and symlinks that could lead out of the site
		}
		if data, ok := b.static[p]; ok && changed != nil && !dirty[p] {
			next[p] = data
			return nil
		}
		data, err := fs.ReadFile(b.opts.FS, p)
		if err != nil {
			return err
		}
		next[p] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	b.static = next
	out := make(map[string][]byte, len(next))
	for p, data := range next {
		out[strings.TrimPrefix(p, StaticDir+"/")] = data
	}
	return out, nil
}

// addResources publishes the files of page bundles beside their brief's
// page, and other files under content/ at their path.
func (b *Builder) addResources(s *site.Site, files map[string][]byte) error {
	bundles := map[string]*site.Brief{}
	for _, e := range b.briefs {
		if e.brief != nil && e.src.Bundle != "" {
			bundles[e.src.Bundle] = e.brief
		}
	}
	published := map[*site.Brief]bool{}
	for _, br := range s.Briefs {
		published[br] = true
	}
	for p, data := range b.contentFiles {
		out := strings.TrimPrefix(p, content.Dir+"/")
		for dir := path.Dir(p); dir != "." && dir != content.Dir; dir = path.Dir(dir) {
			if br := bundles[dir]; br != nil {
				if !published[br] {
					out = "" // a draft's photo stays private too
					break
				}
				out = br.Path + strings.TrimPrefix(p, dir+"/")
				break
			}
		}
		if out != "" {
			files[out] = data
		}
	}
	return nil
}

// scanContent updates the lists of files under content/: every file when
// changed is nil, else only the changed paths, so that an edit does not
// walk a large archive.
func (b *Builder) scanContent(changed []string) error {
	if changed == nil || b.mdPaths == nil {
		briefs, others, err := content.Walk(b.opts.FS, content.Dir)
		if err != nil {
			return err
		}
		b.mdPaths = make(map[string]bool, len(briefs))
		for _, p := range briefs {
			b.mdPaths[p] = true
		}
		b.contentFiles, err = readAll(b.opts.FS, others)
		return err
	}
	for _, p := range changed {
		if !strings.HasPrefix(p, content.Dir+"/") || hidden(p) {
			continue
		}
		info, err := content.Stat(b.opts.FS, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// A file or a whole folder went away.
			delete(b.mdPaths, p)
			delete(b.contentFiles, p)
			for q := range b.mdPaths {
				if strings.HasPrefix(q, p+"/") {
					delete(b.mdPaths, q)
				}
			}
			for q := range b.contentFiles {
				if strings.HasPrefix(q, p+"/") {
					delete(b.contentFiles, q)
				}
			}
		case err != nil:
			return err
		case info.IsDir():
			briefs, others, err := content.Walk(b.opts.FS, p)
			if err != nil {
				return err
			}
			for _, q := range briefs {
				b.mdPaths[q] = true
			}
			for _, q := range others {
				if b.contentFiles[q], err = fs.ReadFile(b.opts.FS, q); err != nil {
					return err
				}
			}
		case strings.HasSuffix(p, ".md"):
			b.mdPaths[p] = true
		case info.Mode().IsRegular():
			if b.contentFiles[p], err = fs.ReadFile(b.opts.FS, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// readAll reads the files at paths, on every core: a site has thousands of
// photos.
func readAll(fsys fs.FS, paths []string) (map[string][]byte, error) {
	data := make([][]byte, len(paths))
	errs := make([]error, len(paths))
	parallel.For(len(paths), func(i int) { data[i], errs[i] = fs.ReadFile(fsys, paths[i]) })
	files := make(map[string][]byte, len(paths))
	for i, p := range paths {
		if errs[i] != nil {
			return nil, errs[i]
		}
		files[p] = data[i]
	}
	return files, nil
}

// hidden reports whether a path has an element starting with a dot, which
// content.Walk skips.
func hidden(p string) bool {
	for _, el := range strings.Split(p, "/") {
		if strings.HasPrefix(el, ".") {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// render runs every job whose key changed since the last build, keeping
// every job's bytes in b.pages, and returns the paths it rendered. With
// prune, pages the plan no longer has are dropped from b.pages.
func (b *Builder) render(ctx context.Context, s *site.Site, prune bool) ([]string, error) {
	jobs := b.renderer.Plan(s)
	if b.pages == nil {
		b.pages = make(map[string]renderedF, len(jobs))
	}
	var todo []int
	b.pending = b.pending[:0]
	for i, j := range jobs {
		if r, ok := b.pages[j.Path]; !ok || r.key != j.Key {
			if j.Deferred && b.opts.Defer {
				b.pending = append(b.pending, j)
				continue
			}
			todo = append(todo, i)
		}
	}
	out := make([][]byte, len(todo))
	errs := make([]error, len(todo))
	parallel.For(len(todo), func(i int) {
		if ctx.Err() != nil {
			return
		}
		j := jobs[todo[i]]
		out[i], errs[i] = render1(j)
		if errs[i] != nil {
			errs[i] = fmt.Errorf("rendering %s: %w", j.Path, errs[i])
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var list diag.List
	fresh := make([]string, 0, len(todo))
	for i, k := range todo {
		if errs[i] != nil {
			list.Add(errs[i])
			continue
		}
		j := jobs[k]
		b.pages[j.Path] = renderedF{j.Key, out[i]}
		fresh = append(fresh, j.Path)
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	if prune && len(b.pages) != len(jobs) {
		planned := make(map[string]bool, len(jobs))
		for _, j := range jobs {
			planned[j.Path] = true
		}
		for p := range b.pages {
			if !planned[p] {
				delete(b.pages, p)
			}
		}
	}
	return fresh, nil
}

// Finish renders the jobs the last Build deferred and returns the output
// with them, and the paths that changed; files is nil when nothing was
// deferred. After Finish, the output is again that of a full build.
func (b *Builder) Finish(ctx context.Context) (files map[string][]byte, changed []string, err error) {
	if len(b.pending) == 0 || b.last == nil {
		return nil, nil, nil
	}
	jobs := b.pending
	out := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	parallel.For(len(jobs), func(i int) { out[i], errs[i] = render1(jobs[i]) })
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	files = maps.Clone(b.last)
	for i, j := range jobs {
		b.pages[j.Path] = renderedF{j.Key, out[i]}
		if !bytes.Equal(files[j.Path], out[i]) {
			changed = append(changed, j.Path)
		}
		files[j.Path] = out[i]
	}
	b.pending = nil
	b.last = files
	return files, changed, nil
}

// render1 runs one job. A panic in it, a bug of a template function or of
// a theme's data, becomes an error of that file instead of ending the
// program: the build reports it with the others.
func render1(j render.Job) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	return j.Render()
}

// render1To is render1 for bytes that are only written out: a job that
// can write into a buffer writes into buf, and the bytes returned are
// buf's, valid until buf is used again.
func render1To(j render.Job, buf *bytes.Buffer) (data []byte, err error) {
	if j.WriteTo == nil {
		return render1(j)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	buf.Reset()
	err = j.WriteTo(buf)
	return buf.Bytes(), err
}

// buffers holds the buffers render1To renders into; maxPooled bounds the
// size of one kept, so a rare huge file's goes to the garbage collector.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooled = 1 << 20
