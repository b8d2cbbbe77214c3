// Package theme finds, parses and executes a site's HTML templates and collects its theme's assets.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/i18n"
)

// Pages are the page templates a theme provides. Each is executed through
// baseof.html, with the partials available.
var Pages = []string{"home.html", "brief.html", "list.html", "terms.html", "archive.html", "404.html", "search.html", "gone.html", "retracted.html", "page.html"}

// Documents are the templates that write a whole file by themselves, not
// through baseof.html: the newsletter edition, whose HTML must suit email
// clients. A name ending in .txt is a text/template, since plain text must
// not be HTML-escaped; the others are html/template with the partials
// available.
var Documents = []string{"edition.html", "edition.txt"}

const (
	baseName   = "baseof.html"
	partialDir = "partials"
)

// Theme is a parsed set of templates and the theme's asset files.
type Theme struct {
	common  *template.Template // baseof and the partials
	pages   map[string]*template.Template
	docs    map[string]*template.Template     // HTML documents
	texts   map[string]*texttemplate.Template // plain-text documents
	assets  map[string][]byte                 // slash path below assets/ → content
	version uint64
	origin  map[string]string    // template file → the layer it came from
	layer   map[string]int       // template file → its layer: 0 the site's, 1 the theme's, 2 the default's
	reads   map[string]dataReads // by template of common: see ReadsOnly
	// buffers holds the buffers templates are executed into: each grows to
	// the largest output once, and a result is copied out at its size.
	buffers sync.Pool
	// mail is how the theme styles a brief's HTML in mail: mail.go.
	mail Mail
	// translations are the theme's words in each language: i18n.go.
	translations *i18n.Catalog
	// cardColors are its stylesheet's colours of drawn social cards:
	// cardcolors.go.
	cardColors CardColors
}

// layer is one place templates and assets come from; the first that has a
// file wins.
type layer struct {
	fsys fs.FS
	dir  string // the folder in fsys that holds layouts/ (or is layouts/)
	name string // how errors name the folder, relative to the site
}

// Load finds the templates of the site in fsys for theme name: a file in the
// site's layouts/ wins over themes/<name>/layouts/, which wins over the
// embedded default theme. Assets come from themes/<name>/assets/ over the
// default theme's. funcs are added to every template.
func Load(fsys fs.FS, name string, embedded fs.FS, funcs template.FuncMap) (*Theme, error) {
	siteLayouts := layer{fsys, "layouts", "layouts"}
	themeDir := layer{fsys, path.Join("themes", name, "layouts"), path.Join("themes", name, "layouts")}
	builtin := layer{embedded, "layouts", "(embedded default theme) layouts"}
	if _, err := fs.Stat(fsys, path.Join("themes", name)); err != nil && name != "default" {
		return nil, diag.Errorf(diag.Pos{File: "config.toml"}, "theme %q not found: there is no themes/%s folder", name, name)
	}
	layers := []layer{siteLayouts, themeDir, builtin}
	// The site's own folders follow the rules of content/ for symbolic
	// links: followed to a file inside the site, else refused with a message.
	for _, dir := range []string{"layouts", path.Join("themes", name)} {
		if _, _, err := content.Walk(fsys, dir); err != nil {
			return nil, err
		}
	}

	t := &Theme{pages: map[string]*template.Template{}, assets: map[string][]byte{},
		docs: map[string]*template.Template{}, texts: map[string]*texttemplate.Template{},
		origin: map[string]string{}, layer: map[string]int{}}
	t.buffers.New = func() any { return new(bytes.Buffer) }
	h := fnv.New64a()
	read := func(rel string) (data []byte, from string, err error) {
		for i, l := range layers {
			data, err := fs.ReadFile(l.fsys, path.Join(l.dir, rel))
			if err == nil {
				h.Write([]byte(rel))
				h.Write(data)
				t.origin[rel], t.layer[rel] = l.name, i
				return data, path.Join(l.name, rel), nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return nil, "", err
			}
		}
		return nil, "", fs.ErrNotExist
	}
	// Partials: the union of every layer's partials/ folder.
	partials := map[string]bool{}
	for _, l := range layers {
		entries, _ := fs.ReadDir(l.fsys, path.Join(l.dir, partialDir))
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".html") {
				partials[path.Join(partialDir, e.Name())] = true
			}
		}
	}
	partialNames := slices.Sorted(maps.Keys(partials))

	var errs diag.List
	base, baseFrom, err := read(baseName)
	if err != nil {
		return nil, fmt.Errorf("theme %q: %s: %w", name, baseName, err)
	}
	common := template.New(baseName).Funcs(funcs)
	if _, err := common.Parse(string(base)); err != nil {
		errs.Add(templateError(baseFrom, err))
	}
	for _, p := range partialNames {
		data, from, err := read(p)
		if err != nil {
			errs.Add(err)
			continue
		}
		if _, err := common.New(p).Parse(string(data)); err != nil {
			errs.Add(templateError(from, err))
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	for _, page := range Pages {
		data, from, err := read(page)
		if err != nil {
			errs.Add(fmt.Errorf("theme %q has no %s: %w", name, page, err))
			continue
		}
		tmpl, err := common.Clone()
		if err == nil {
			_, err = tmpl.New(page).Parse(string(data))
		}
		if err != nil {
			errs.Add(templateError(from, err))
			continue
		}
		t.pages[page] = tmpl
	}
	for _, doc := range Documents {
		data, from, err := read(doc)
		if err != nil {
			errs.Add(fmt.Errorf("theme %q has no %s: %w", name, doc, err))
			continue
		}
		if strings.HasSuffix(doc, ".txt") {
			tmpl, err := texttemplate.New(doc).Funcs(texttemplate.FuncMap(funcs)).Parse(string(data))
			if err != nil {
				errs.Add(templateError(from, err))
				continue
			}
			t.texts[doc] = tmpl
			continue
		}
		tmpl, err := common.Clone()
		if err == nil {
			_, err = tmpl.New(doc).Parse(string(data))
		}
		if err != nil {
			errs.Add(templateError(from, err))
			continue
		}
		t.docs[doc] = tmpl
	}
	if err := t.loadMail(read); err != nil {
		errs.Add(err)
	}
	if t.translations, err = LoadTranslations(fsys, name, embedded); err != nil {
		errs.Add(err)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	// Executed only now that every page has cloned it (html/template forbids
	// cloning a template after it ran).
	t.common = common
	t.reads = findReads(common)
	// Assets: the theme's over the embedded default's.
	for _, root := range []struct {
		fsys fs.FS
		dir  string
	}{{embedded, "assets"}, {fsys, path.Join("themes", name, "assets")}} {
		err := fs.WalkDir(root.fsys, root.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && p != root.dir {
				if d.IsDir() {
					return fs.SkipDir // .git/ and the like are not published
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			data, err := fs.ReadFile(root.fsys, p)
			if err != nil {
				return err
			}
			t.assets[strings.TrimPrefix(p, root.dir+"/")] = data
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, p := range slices.Sorted(maps.Keys(t.assets)) {
		h.Write([]byte(p))
		h.Write(t.assets[p])
	}
	t.translations.Hash(h)
	t.version = h.Sum64()
	if err := t.loadCardColors(fsys, name); err != nil {
		return nil, err
	}
	return t, nil
}

// templateError gives a template parse error the file it came from.
func templateError(file string, err error) error {
	return diag.Wrap(diag.Pos{File: file}, err)
}

// Execute renders the page template name with data into w.
func (t *Theme) Execute(w io.Writer, name string, data any) error {
	tmpl := t.pages[name]
	if tmpl == nil {
		return fmt.Errorf("no page template %q", name)
	}
	return tmpl.ExecuteTemplate(w, baseName, data)
}

// Render is Execute into a new byte slice.
func (t *Theme) Render(name string, data any) ([]byte, error) {
	return t.output(func(w io.Writer) error { return t.Execute(w, name, data) })
}

// output returns what execute writes, as a new byte slice of its size.
func (t *Theme) output(execute func(io.Writer) error) ([]byte, error) {
	b := t.buffers.Get().(*bytes.Buffer)
	defer t.putBuffer(b)
	if err := execute(b); err != nil {
		return nil, err
	}
	return bytes.Clone(b.Bytes()), nil
}

// putBuffer returns b to the pool, but for a rare huge page's.
func (t *Theme) putBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooled {
		b.Reset()
		t.buffers.Put(b)
	}
}

// maxPooled is the largest buffer kept for another render; a rare huge
// page's is left to the garbage collector.
const maxPooled = 1 << 20

// ExecuteDocument renders the document template name ("edition.html",
// "edition.txt") on its own, without baseof.html, into w.
func (t *Theme) ExecuteDocument(w io.Writer, name string, data any) error {
	switch {
	case t.texts[name] != nil:
		return t.texts[name].Execute(w, data)
	case t.docs[name] != nil:
		return t.docs[name].ExecuteTemplate(w, name, data)
	}
	return fmt.Errorf("no document template %q", name)
}

// Partial renders the partial template name ("partials/card.html"), as
// HTML to put in pages: the result is copied once, from the buffer the
// template ran into.
func (t *Theme) Partial(name string, data any) (template.HTML, error) {
	b := t.buffers.Get().(*bytes.Buffer)
	defer t.putBuffer(b)
	if err := t.common.ExecuteTemplate(b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// Origin returns the folder that the template file name ("baseof.html",
// "partials/header.html") was read from, as errors name it: "layouts",
// "themes/<name>/layouts" or the embedded default theme's; "" for a name
// the theme has no file for.
func (t *Theme) Origin(name string) string { return t.origin[name] }

// Above reports whether the template file a ("partials/header.html") comes
// from a layer above b's ("baseof.html"): from the site's layouts/ over the
// theme's, or from the theme's over the embedded default theme's. A file
// the theme does not have is above every other.
func (t *Theme) Above(a, b string) bool {
	la, ok := t.layer[a]
	return !ok || la < t.layer[b]
}

// Assets returns the theme's asset files by slash path below assets/.
func (t *Theme) Assets() map[string][]byte { return t.assets }

// Version changes whenever any template or asset changes.
func (t *Theme) Version() uint64 { return t.version }
