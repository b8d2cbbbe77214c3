// Package load turns a site's brief files into site briefs (read, parse
// the front matter, convert the body) and keeps each as last loaded, so
// that the next load redoes only the briefs that changed.
package load

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/parallel"
	"github.com/briefs-dev/briefs/internal/site"
)

// Loader reads, parses and converts briefs, and keeps each as last loaded
// so that the next load reads only the briefs that changed. A Loader is
// not safe for concurrent use.
type Loader struct {
	entries   map[string]*entry // by source path
	refs      map[string]string // brief ref → output path, as bodies were converted with
	mail      *markdown.Mail    // what bodies were converted with for mail
	converter *markdown.Converter
	bundles   map[string]bool // the folders of page bundles
	pageDirs  map[string]bool // the folders of standalone pages' bundles, as Pages last read them
	// converters convert the briefs of a site's languages beyond its own,
	// in [[languages]] order (languages.go).
	converters []*markdown.Converter
}

// Input is what a load reads.
type Input struct {
	FS      fs.FS
	Config  *config.Config
	Files   *content.Files // the site's files as last read
	Changed []string       // the paths changed since the last load; nil: unknown, read every brief
	// Mail says what to write of each body for mail; nil writes nothing.
	Mail *markdown.Mail
	// Once says the build loads once, and so need not keep the bytes of a
	// brief to compare them with the next save.
	Once bool
}

// entry is a brief file as last read.
type entry struct {
	raw   []byte
	src   *content.Source
	brief *site.Brief
	err   error
}

// Result is what one load found: the briefs that loaded, how many were
// converted anew, and the errors of the others.
type Result struct {
	Briefs   []*site.Brief
	Parsed   int
	Problems diag.List
}

// Load reads the briefs that changed (all of them when in.Changed is nil),
// parses their front matter and converts their bodies, in parallel.
// Briefs that fail to load are left out of Briefs, their errors in
// Problems; err is for failures of the build itself.
func (l *Loader) Load(ctx context.Context, in Input) (*Result, error) {
	fsys, cfg, files, changed := in.FS, in.Config, in.Files, in.Changed
	l.forgetMail(in.Mail, changed)
	dirty := map[string]bool{}
	for _, p := range changed {
		dirty[p] = true
		// A changed photo of a bundle: check its brief again.
		for dir := path.Dir(p); strings.HasPrefix(dir, content.Dir+"/"); dir = path.Dir(dir) {
			dirty[dir+"/index.md"] = true
		}
	}
	paths := files.BriefPaths()
	next := make(map[string]*entry, len(paths))
	var todo []string
	for _, p := range paths {
		if e, ok := l.entries[p]; ok && changed != nil && !dirty[p] {
			next[p] = e
			continue
		}
		todo = append(todo, p)
	}
	// Read and parse front matter.
	opts := content.OptionsFor(cfg)
	read := make([]*entry, len(todo))
	parallel.For(len(todo), func(i int) {
		e := &entry{}
		e.raw, e.err = content.ReadBrief(fsys, todo[i], opts)
		if e.err == nil {
			if prev, ok := l.entries[todo[i]]; ok && prev.err == nil && bytes.Equal(prev.raw, e.raw) {
				// Unchanged after all; but its photo may be what changed.
				e = prev
				if err := content.CheckPhoto(fsys, files, prev.src); err != nil {
					e = &entry{raw: prev.raw, src: prev.src, err: err}
				}
			} else {
				e.src, e.err = content.Parse(todo[i], e.raw, opts)
			}
		}
		read[i] = e
	})
	for i, p := range todo {
		next[p] = read[i]
	}

	// Convert the bodies that need it: new or changed briefs, and when a
	// brief's URL changed, those that link to briefs.
	refs := make(map[string]string, len(next))
	bundles := map[string]bool{}
	for _, e := range next {
		if e.src != nil {
			refs[e.src.Ref] = cfg.LanguagePath(cfg.LanguageIndex(e.src.Lang)) + e.src.URLPath()
			if e.src.Bundle != "" {
				bundles[e.src.Bundle] = true
			}
		}
	}
	refsChanged := !maps.Equal(refs, l.refs)
	converter, converters := newConverters(cfg, refs, in.Mail)
	var convert []*entry
	for _, e := range next {
		if e.err == nil && e.src != nil && (e.brief == nil || (refsChanged && linksBriefs(e.brief))) {
			convert = append(convert, e)
		}
	}
	parallel.For(len(convert), func(i int) {
		e := convert[i]
		body, err := converterOf(cfg, converter, converters, e.src).Convert(e.src)
		if err == nil {
			err = content.CheckPhoto(fsys, files, e.src)
		}
		if err != nil {
			e.err = err
			return
		}
		e.brief = site.NewBrief(e.src, body)
		if in.Once {
			e.raw = nil
			e.src.ReleaseBody()
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	res := &Result{Parsed: len(convert)}
	var srcs []*content.Source
	sorted := slices.Sorted(maps.Keys(next))
	for _, p := range sorted {
		if e := next[p]; e.src != nil {
			srcs = append(srcs, e.src)
		}
	}
	// Checked here too, so that a build with broken briefs still reports
	// every duplicate at once.
	res.Problems.Add(site.DuplicateSlugsByLanguage(cfg, srcs))
	for _, p := range sorted {
		if e := next[p]; e.err != nil {
			res.Problems.Add(e.err)
		} else {
			res.Briefs = append(res.Briefs, e.brief)
		}
	}
	res.Problems.Sort()
	// Keep the entries even when some are broken, so the next build redoes
	// only those; the bodies kept were converted with refs.
	l.entries, l.refs, l.converter, l.bundles, l.mail = next, refs, converter, bundles, in.Mail
	l.converters = converters
	return res, nil
}

// forgetMail drops the converted body of each brief whose mail HTML states
// the size of one of the changed files, or of every brief when what to
// write for mail changed: they are converted again.
func (l *Loader) forgetMail(mail *markdown.Mail, changed []string) {
	restyled := !sameMail(mail, l.mail)
	for _, e := range l.entries {
		if e.brief != nil && (restyled || slices.ContainsFunc(e.brief.Body.MailImages, func(img markdown.MailImage) bool {
			return slices.Contains(changed, img.File)
		})) {
			e.brief = nil
		}
	}
}

// sameMail reports whether two mail settings write the same mail HTML.
func sameMail(a, b *markdown.Mail) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Width == b.Width && maps.Equal(a.Styles, b.Styles) && slices.Equal(a.Sections, b.Sections)
}

// Release drops what a build that loads once needs no more once every
// brief is loaded and checked: the bytes of the files, and what only the
// check rules read.
func (l *Loader) Release() {
	for _, e := range l.entries {
		e.raw = nil
		if e.src != nil {
			e.src.Release()
		}
		if e.brief != nil {
			e.brief.Body.Paragraphs, e.brief.Body.Labels, e.brief.Body.Links = nil, nil, nil
		}
	}
}

// BundleOf returns the folder of the page bundle a file under content/
// belongs to, or "".
func (l *Loader) BundleOf(p string) string {
	for dir := path.Dir(p); dir != "." && dir != content.Dir; dir = path.Dir(dir) {
		if l.bundles[dir] || l.pageDirs[dir] {
			return dir
		}
	}
	return ""
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

// Published returns the files published as they are, by output path: the
// static ones, and those under content/ (the photos of page bundles,
// beside their brief's page; a draft's photo stays private too).
func (l *Loader) Published(s *site.Site, files *content.Files) map[string]content.File {
	out := make(map[string]content.File, len(files.Static)+len(files.Content))
	for p, data := range files.Static {
		out[p] = data
	}
	for p, data := range files.Content {
		if l.BundleOf(p) == "" {
			out[strings.TrimPrefix(p, content.Dir+"/")] = data
		}
	}
	maps.Copy(out, l.Bundled(s, files))
	return out
}

// Bundled returns the files of the bundles of the briefs and standalone
// pages s publishes, by output path beside their page. The site of a
// language beyond the site's own publishes these alone: the other files
// are published once, at the root.
func (l *Loader) Bundled(s *site.Site, files *content.Files) map[string]content.File {
	bundles := map[string]string{} // bundle folder → where its page is
	for _, br := range s.Briefs {
		if br.Source.Bundle != "" {
			bundles[br.Source.Bundle] = br.Path
		}
	}
	for _, pg := range s.Pages {
		if pg.Source.Bundle != "" {
			bundles[pg.Source.Bundle] = pg.Path
		}
	}
	out := map[string]content.File{}
	if len(bundles) == 0 {
		return out
	}
	for p, data := range files.Content {
		if owner := l.BundleOf(p); owner != "" {
			if dir, ok := bundles[owner]; ok {
				out[dir+strings.TrimPrefix(p, owner+"/")] = data
			}
		}
	}
	return out
}

// Reload reads the brief at p again for an edit that may be applied in
// place: ok is false when the brief was not loaded before, or no longer
// loads (a full load reports why); edit is nil when its bytes did not
// change. Nothing is kept until Keep.
func (l *Loader) Reload(fsys fs.FS, cfg *config.Config, files *content.Files, p string) (edit *Edit, ok bool) {
	e := l.entries[p]
	if e == nil || e.err != nil || e.brief == nil || l.converter == nil {
		return nil, false
	}
	opts := content.OptionsFor(cfg)
	raw, err := content.ReadBrief(fsys, p, opts)
	if err != nil {
		return nil, false
	}
	if bytes.Equal(raw, e.raw) {
		return nil, true
	}
	src, err := content.Parse(p, raw, opts)
	if err != nil {
		return nil, false
	}
	body, err := converterOf(cfg, l.converter, l.converters, src).Convert(src)
	if err == nil {
		err = content.CheckPhoto(fsys, files, src)
	}
	if err != nil {
		return nil, false
	}
	return &Edit{Old: e.brief, New: site.NewBrief(src, body), entry: e, raw: raw, src: src}, true
}

// Edit is a new version of a loaded brief.
type Edit struct {
	Old, New *site.Brief
	entry    *entry
	raw      []byte
	src      *content.Source
}

// Keep records an edit the build applied: New is the brief as last loaded.
func (l *Loader) Keep(e *Edit) { e.entry.raw, e.entry.src, e.entry.brief = e.raw, e.src, e.New }

// All reads the site's configuration and every brief, drafts and future
// briefs included, as a build does, and returns the briefs that loaded and
// the errors of those that did not, a configuration's among them. briefs
// check runs its rules on the result, so that one run reports everything.
func All(ctx context.Context, fsys fs.FS) (*config.Config, []*site.Brief, diag.List, error) {
	cfg, err := config.Load(fsys, config.FileName)
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			return nil, nil, list, nil
		}
		return nil, nil, nil, err
	}
	files, err := content.ReadFiles(fsys)
	if err != nil {
		return nil, nil, nil, err
	}
	var l Loader
	res, err := l.Load(ctx, Input{FS: fsys, Config: &cfg, Files: files})
	if err != nil {
		return nil, nil, nil, err
	}
	return &cfg, res.Briefs, res.Problems, nil
}
