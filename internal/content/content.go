// Package content reads briefs: it finds them under content/, splits off their front matter and decodes it.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/slug"
)

// Dir is the folder of a site that holds its briefs.
const Dir = "content"

// Source is one brief as read from its file: front matter decoded, body
// still Markdown.
type Source struct {
	Path     string // slash path relative to the site, e.g. "content/briefs/x.md"
	Ref      string // path relative to content/ without ".md" or "/index.md": "briefs/x"
	Slug     string // from front matter, else from the file or bundle name
	Bundle   string // for a page bundle (…/x/index.md) its folder, else ""
	Front    FrontMatter
	Body     []byte // Markdown after the front matter
	BodyLine int    // line of the file on which Body starts
	Raw      []byte // the whole file

	format     byte   // '+' for TOML, '-' for YAML
	frontStart int    // line of the file on which the front matter text starts
	frontText  []byte // the front matter between its delimiters
	yamlKeys   map[string]diag.Pos
}

// FrontMatter holds the fields of a brief's front matter.
type FrontMatter struct {
	Title       string         `toml:"title" yaml:"title"`
	Date        time.Time      `toml:"date" yaml:"date"`
	Updated     time.Time      `toml:"updated" yaml:"updated"`
	Authors     []string       `toml:"authors" yaml:"authors"`
	Topics      []string       `toml:"topics" yaml:"topics"`
	Summary     string         `toml:"summary" yaml:"summary"`
	Draft       bool           `toml:"draft" yaml:"draft"`
	Slug        string         `toml:"slug" yaml:"slug"`
	Photo       *Photo         `toml:"photo" yaml:"photo"`
	GoDeeper    []Link         `toml:"go_deeper" yaml:"go_deeper"`
	Corrections []Correction   `toml:"corrections" yaml:"corrections"`
	Ignore      []Ignore       `toml:"ignore" yaml:"ignore"`
	Params      map[string]any `toml:"params" yaml:"params"`
}

// Photo is a brief's lead image. Src is relative to the brief's bundle, or
// an absolute http(s) URL.
type Photo struct {
	Src     string `toml:"src" yaml:"src"`
	Alt     string `toml:"alt" yaml:"alt"`
	Credit  string `toml:"credit" yaml:"credit"`
	Caption string `toml:"caption" yaml:"caption"`
}

// Link is a "Go deeper" entry: Ref names another brief ("briefs/x" or its
// slug), URL an outside page; one of the two is set.
type Link struct {
	Title string `toml:"title" yaml:"title"`
	Ref   string `toml:"ref" yaml:"ref"`
	URL   string `toml:"url" yaml:"url"`
}

// Correction is a dated note about an error fixed in the brief.
type Correction struct {
	Date time.Time `toml:"date" yaml:"date"`
	Text string    `toml:"text" yaml:"text"`
}

// Ignore silences one rule of briefs check for the brief. The reason is
// required: the next editor must know why the rule does not apply.
type Ignore struct {
	Rule   string `toml:"rule" yaml:"rule"`
	Reason string `toml:"reason" yaml:"reason"`
}

// Options controls parsing.
type Options struct {
	// Location is the time zone for dates written without an offset.
	Location *time.Location
}

// MaxSize is the largest brief file read, in bytes.
const MaxSize = 1 << 20

// Parse reads one brief. path is the file's slash path relative to the site
// and names it in errors. Every problem found is returned as a diag.List.
func Parse(path string, data []byte, opts Options) (*Source, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	s := &Source{Path: path, Raw: data}
	s.Ref, s.Bundle = refOf(path)
	pos := diag.Pos{File: path, Line: 1, Col: 1}
	if len(data) > MaxSize {
		return nil, diag.Errorf(pos, "brief is %d bytes, more than the limit of %d", len(data), MaxSize)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := diag.LineCol(data, i)
		return nil, diag.Errorf(diag.Pos{File: path, Line: line, Col: col}, "brief contains a NUL byte: is it a binary file?")
	}
	if !utf8.Valid(data) {
		i := firstInvalid(data)
		line, col := diag.LineCol(data, i)
		return nil, diag.Errorf(diag.Pos{File: path, Line: line, Col: col}, "brief is not valid UTF-8")
	}
	if err := s.split(); err != nil {
		return nil, err
	}
	var errs diag.List
	switch s.format {
	case '+':
		errs.Add(s.decodeTOML(opts.Location))
	case '-':
		errs.Add(s.decodeYAML(opts.Location))
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	errs.Add(s.validate())
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// split separates the front matter from the body, keeping line numbers.
func (s *Source) split() error {
	data := bytes.TrimPrefix(s.Raw, []byte("\ufeff"))
	first, rest, _ := cutLine(data)
	delim := strings.TrimRight(string(first), " \t\r")
	if delim != "+++" && delim != "---" {
		return diag.Errorf(diag.Pos{File: s.Path, Line: 1, Col: 1},
			"brief has no front matter: start the file with a +++ (TOML) or --- (YAML) line")
	}
	s.format = delim[0]
	s.frontStart = 2
	line := 2
	start := len(s.Raw) - len(rest)
	for len(rest) > 0 {
		l, next, _ := cutLine(rest)
		if strings.TrimRight(string(l), " \t\r") == delim {
			end := len(s.Raw) - len(rest)
			s.frontText = s.Raw[start:end]
			s.Body = next
			s.BodyLine = line + 1
			return nil
		}
		rest = next
		line++
	}
	return diag.Errorf(diag.Pos{File: s.Path, Line: 1, Col: 1}, "front matter opened with %s is never closed", delim)
}

// cutLine returns the first line of b without its newline, and the rest.
func cutLine(b []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

// refOf derives a brief's reference and bundle folder from its path:
// "content/briefs/x/index.md" → "briefs/x", "content/briefs/x".
func refOf(p string) (ref, bundle string) {
	ref = RefOf(p)
	if path.Base(strings.TrimSuffix(p, ".md")) == "index" {
		bundle = path.Dir(p)
	}
	return ref, bundle
}

// RefOf returns the reference of the brief at slash path p, as Go deeper
// refs and links between briefs name it: its path under content/ without
// ".md" or "/index.md" ("content/briefs/x/index.md" → "briefs/x").
func RefOf(p string) string {
	rel := strings.TrimSuffix(strings.TrimPrefix(p, Dir+"/"), ".md")
	if path.Base(rel) == "index" {
		return path.Dir(rel)
	}
	return rel
}

// validate applies the rules every brief must meet.
func (s *Source) validate() error {
	var errs diag.List
	fm := &s.Front
	if strings.TrimSpace(fm.Title) == "" {
		errs.Addf(s.KeyPos("title"), "title is required")
	}
	if fm.Date.IsZero() {
		errs.Addf(s.KeyPos("date"), "date is required")
	}
	if p := fm.Photo; p != nil {
		if strings.TrimSpace(p.Src) == "" {
			errs.Addf(s.KeyPos("photo"), "photo needs src")
		} else if err := checkResourcePath(p.Src); err != nil {
			errs.Addf(s.KeyPos("photo", "src"), "photo src %q: %v", p.Src, err)
		} else if s.Bundle == "" && !isRemote(p.Src) && !strings.HasPrefix(p.Src, "/") {
			errs.Addf(s.KeyPos("photo", "src"), "photo src %q is relative, but the brief is not a page bundle: move it to %s/index.md with the photo beside it", p.Src, strings.TrimSuffix(s.Path, ".md"))
		}
		if strings.TrimSpace(p.Alt) == "" {
			errs.Addf(s.KeyPos("photo"), "photo needs alt text describing it")
		}
		if strings.TrimSpace(p.Credit) == "" {
			errs.Addf(s.KeyPos("photo"), "photo needs a credit")
		}
	}
	for i, l := range fm.GoDeeper {
		at := s.KeyPos("go_deeper", fmt.Sprint(i))
		switch {
		case strings.TrimSpace(l.Title) == "":
			errs.Addf(at, "go_deeper link needs a title")
		case (l.Ref == "") == (l.URL == ""):
			errs.Addf(at, "go_deeper link %q needs either ref (another brief) or url, not both", l.Title)
		case l.URL != "" && !isRemote(l.URL):
			errs.Addf(s.KeyPos("go_deeper", fmt.Sprint(i), "url"), "go_deeper url %q is not an absolute http or https URL", l.URL)
		}
	}
	for i, c := range fm.Corrections {
		at := s.KeyPos("corrections", fmt.Sprint(i))
		if c.Date.IsZero() {
			errs.Addf(at, "correction needs a date")
		}
		if strings.TrimSpace(c.Text) == "" {
			errs.Addf(at, "correction needs text")
		}
	}
	for i, ig := range fm.Ignore {
		at := s.KeyPos("ignore", fmt.Sprint(i))
		if strings.TrimSpace(ig.Rule) == "" {
			errs.Addf(at, "ignore needs the rule it silences")
		} else if strings.TrimSpace(ig.Reason) == "" {
			errs.Addf(at, "ignore of %q needs a reason", ig.Rule)
		}
	}
	for _, list := range []struct {
		key    string
		values []string
	}{{"authors", fm.Authors}, {"topics", fm.Topics}} {
		for _, v := range list.values {
			if slug.Make(v) == "" {
				errs.Addf(s.KeyPos(list.key), "%s entry %q needs letters or digits", list.key, v)
			}
		}
	}
	s.Slug = fm.Slug
	if s.Slug == "" {
		s.Slug = slug.Make(path.Base(s.Ref))
	} else if !slug.Valid(s.Slug) {
		errs.Addf(s.KeyPos("slug"), "slug %q may only hold lower-case letters, digits and hyphens", s.Slug)
	}
	if s.Slug == "" {
		errs.Addf(diag.Pos{File: s.Path}, "cannot make a slug from the file name: rename it or set slug")
	}
	return errs.Err()
}

func isRemote(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// checkResourcePath refuses paths that would leave the brief's bundle.
func checkResourcePath(p string) error {
	if isRemote(p) {
		return nil
	}
	if strings.Contains(p, `\`) || strings.Contains(p, ":") {
		return fmt.Errorf("must be a slash path inside the bundle or an http(s) URL")
	}
	clean := path.Clean(strings.TrimPrefix(p, "/"))
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return fmt.Errorf("points outside the site")
	}
	return nil
}

// KeyPos returns the position of a front matter key, such as ("photo",
// "alt") or ("go_deeper", "1", "url"); where the key is absent, its nearest
// parent's, and at the last the front matter's first line.
func (s *Source) KeyPos(key ...string) diag.Pos {
	for n := len(key); n > 0; n-- {
		if p, ok := s.keyPos(key[:n]); ok {
			return p
		}
	}
	return diag.Pos{File: s.Path, Line: 1, Col: 1}
}

// Walk lists the briefs (*.md) and the other files under dir in fsys, each
// sorted by path. Hidden files and folders (".git", ".DS_Store") are skipped.
func Walk(fsys fs.FS, dir string) (briefs, files []string, err error) {
	err = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errorsIsNotExist(err) {
				return fs.SkipAll
			}
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
		case strings.HasSuffix(p, ".md"):
			briefs = append(briefs, p)
		case d.Type().IsRegular():
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(briefs)
	sort.Strings(files)
	return briefs, files, err
}

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
