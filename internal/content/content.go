// Package content reads briefs: it finds them under content/, splits off their front matter and decodes it.
package content

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/slug"
	"github.com/briefs-dev/briefs/internal/tomlpos"
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
	Lang     string // from the file name (x.es.md) on a site in several languages, else lang: languages.go
	Front    FrontMatter
	Body     []byte // Markdown after the front matter
	BodyLine int    // line of the file on which Body starts
	Raw      []byte // the whole file, lone CR line endings read as LF

	format     byte   // '+' for TOML, '-' for YAML
	frontStart int    // line of the file on which the front matter text starts
	frontText  []byte // the front matter between its delimiters
	yamlKeys   map[string]diag.Pos
	lines      [][]byte         // frontText's lines, once tomlArrayPos needs them
	headers    map[string][]int // by name, the lines of the [[name]] headers
}

// The text `briefs new` writes into a new brief for the writer to
// replace. The check rule "placeholder" refuses to publish a brief that
// still has any of it.
const (
	// PlaceholderLede is the new brief's lede.
	PlaceholderLede = "The news in one or two sentences."
	// PlaceholderSummary is its summary.
	PlaceholderSummary = "One sentence for cards and feeds, or delete this line to use the lede."
	// PlaceholderPhotoAlt is its photo's alt text.
	PlaceholderPhotoAlt = "What the photo shows, for readers who cannot see it."
	// PlaceholderPhotoCredit is its photo's credit.
	PlaceholderPhotoCredit = "Photographer's name / Agency"
)

// FrontMatter holds the fields of a brief's front matter. It is the
// schema of front matter too: a field with a toml tag (and the same yaml
// tag) is a key that briefs may use, in TOML and YAML, with nothing else
// to change (see schema.go).
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
	// PublishAt is when the brief goes live (zero: its Date), Expires when
	// it leaves the site (zero: never). Both are moments, written with
	// their offset: an embargo must not depend on a time zone.
	PublishAt time.Time `toml:"publish_at" yaml:"publish_at" offset:"required"`
	Expires   time.Time `toml:"expires" yaml:"expires" offset:"required"`
	// Aliases are the brief's old paths ("/briefs/old-slug/"): each
	// redirects to its page.
	Aliases []string `toml:"aliases" yaml:"aliases"`
	// Retracted, when set, withdraws the brief: its URL shows a notice
	// with the headline, the date and the reason, and nothing else of it.
	Retracted *Retraction `toml:"retracted" yaml:"retracted"`
	// Menu is a standalone page's: "header" or "footer" (content/pages/).
	Menu string `toml:"menu" yaml:"menu"`
	// Lang is the brief's language on a site in several, when its file
	// name does not say it (x.es.md); TranslationKey links translations
	// that do not share a slug (languages.go).
	Lang           string `toml:"lang" yaml:"lang"`
	TranslationKey string `toml:"translation_key" yaml:"translation_key"`
}

// Retraction is why and when a brief was withdrawn.
type Retraction struct {
	Date   time.Time `toml:"date" yaml:"date"`
	Reason string    `toml:"reason" yaml:"reason"`
}

// Photo is a brief's lead image. Src is relative to the brief's bundle, or
// an absolute http(s) URL.
type Photo struct {
	Src     string `toml:"src" yaml:"src"`
	Alt     string `toml:"alt" yaml:"alt"`
	Credit  string `toml:"credit" yaml:"credit"`
	Caption string `toml:"caption" yaml:"caption"`
	// FocusPoint is what crops of the photo keep in view: "x,y" (see
	// ParseFocus); empty means the centre.
	FocusPoint string `toml:"focus" yaml:"focus"`
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
	// MaxBriefBytes is the largest brief accepted; zero means
	// config.DefaultMaxBriefBytes.
	MaxBriefBytes int
	// MaxFrontMatterBytes is the largest front matter accepted; zero means
	// config.DefaultMaxFrontMatterBytes.
	MaxFrontMatterBytes int
	// Multilingual reads a language from a brief's file name: x.es.md.
	Multilingual bool
}

// OptionsFor returns the options that parse the briefs of a site with
// configuration cfg: its time zone and its [content] limits.
func OptionsFor(cfg *config.Config) Options {
	return Options{
		Location:            cfg.Location(),
		MaxBriefBytes:       cfg.Content.MaxBriefBytes,
		MaxFrontMatterBytes: cfg.Content.MaxFrontMatterBytes,
		Multilingual:        cfg.Multilingual(),
	}
}

// CheckSize refuses a brief file of size bytes larger than opts allow, so
// that a reader can refuse it before reading it all.
func CheckSize(path string, size int64, opts Options) error {
	limit := opts.MaxBriefBytes
	if limit <= 0 {
		limit = config.DefaultMaxBriefBytes
	}
	if size > int64(limit) {
		return diag.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "brief is %d bytes, more than the limit of %d ([content] max_brief_bytes in config.toml)", size, limit)
	}
	return nil
}

// Parse reads one brief. path is the file's slash path relative to the site
// and names it in errors. Every problem found is returned as a diag.List.
// Lone CR line endings (old Mac OS) are read as LF, so that lines and
// columns in errors are those an editor shows. A panic while reading
// becomes an error naming the brief.
func Parse(path string, data []byte, opts Options) (src *Source, err error) {
	defer func() {
		if r := recover(); r != nil {
			src, err = nil, diag.Errorf(diag.Pos{File: path}, "internal error reading the brief: %v", r)
		}
	}()
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.MaxFrontMatterBytes <= 0 {
		opts.MaxFrontMatterBytes = config.DefaultMaxFrontMatterBytes
	}
	pos := diag.Pos{File: path, Line: 1, Col: 1}
	if err := CheckSize(path, int64(len(data)), opts); err != nil {
		return nil, err
	}
	if err := checkEncoding(path, data); err != nil {
		return nil, err
	}
	data = normalizeCR(data)
	s := &Source{Path: path, Raw: data}
	s.Ref, s.Bundle = RefAndBundle(path)
	named := path // the path without a language in its name, which names the slug
	if opts.Multilingual {
		s.Lang, named = FileLanguage(path)
		_, s.Bundle = RefAndBundle(named)
	}
	if err := s.split(); err != nil {
		return nil, err
	}
	if n := len(s.frontText); n > opts.MaxFrontMatterBytes {
		return nil, diag.Errorf(pos, "front matter is %d bytes, more than the limit of %d ([content] max_front_matter_bytes in config.toml): put long text in the body", n, opts.MaxFrontMatterBytes)
	}
	if offset, ok := tomlpos.Depth(s.frontText, MaxFrontMatterDepth); s.format == '+' && !ok {
		line, col := diag.LineCol(s.frontText, offset)
		return nil, diag.Errorf(diag.Pos{File: path, Line: line + s.lineOffset(), Col: col},
			"front matter keys and tables nest more than %d levels deep here: flatten them", MaxFrontMatterDepth)
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
	errs.Add(s.validate(named))
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// checkEncoding refuses a file that is not UTF-8 text, with one error at
// its first offending byte: a binary file named .md gives one error, not
// one per line.
func checkEncoding(path string, data []byte) error {
	at := func(i int) diag.Pos {
		line, col := diag.LineCol(data, i)
		return diag.Pos{File: path, Line: line, Col: col}
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return diag.Errorf(at(0), "brief is UTF-16 text: save it as UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return diag.Errorf(at(i), "brief contains a NUL byte: is it a binary file?")
	}
	if !utf8.Valid(data) {
		return diag.Errorf(at(firstInvalid(data)), "brief is not valid UTF-8: save it as UTF-8")
	}
	return nil
}

// normalizeCR returns data with each CR that does not start a CRLF turned
// into LF. The length is unchanged, so offsets stay the same; data itself
// is not modified.
func normalizeCR(data []byte) []byte {
	i := bytes.IndexByte(data, '\r')
	for i >= 0 && i+1 < len(data) && data[i+1] == '\n' {
		j := bytes.IndexByte(data[i+1:], '\r')
		if j < 0 {
			return data
		}
		i += 1 + j
	}
	if i < 0 {
		return data
	}
	out := bytes.Clone(data)
	for ; i < len(out); i++ {
		if out[i] == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
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

// RefAndBundle derives a brief's reference and bundle folder from its path:
// "content/briefs/x/index.md" → "briefs/x", "content/briefs/x".
func RefAndBundle(p string) (ref, bundle string) {
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
func (s *Source) validate(named string) error {
	var errs diag.List
	fm := &s.Front
	if strings.TrimSpace(fm.Title) == "" {
		errs.Addf(s.KeyPos("title"), "title is required")
	}
	if fm.Date.IsZero() && !IsPage(s.Path) {
		errs.Addf(s.KeyPos("date"), "date is required")
	}
	errs.Add(s.pageProblems())
	if p := fm.Photo; p != nil {
		if strings.TrimSpace(p.Src) == "" {
			errs.Addf(s.KeyPos("photo"), "photo needs src")
		} else if err := checkResourcePath(p.Src); err != nil {
			errs.Addf(s.KeyPos("photo", "src"), "photo src %s: %v", quoteShort(p.Src), err)
		} else if s.Bundle == "" && !isRemote(p.Src) && !strings.HasPrefix(p.Src, "/") {
			errs.Addf(s.KeyPos("photo", "src"), "photo src %q is relative, but the brief is not a page bundle: move it to %s/index.md with the photo beside it", p.Src, strings.TrimSuffix(s.Path, ".md"))
		}
		if strings.TrimSpace(p.Alt) == "" {
			errs.Addf(s.KeyPos("photo"), "photo needs alt text describing it")
		}
		if strings.TrimSpace(p.Credit) == "" {
			errs.Addf(s.KeyPos("photo"), "photo needs a credit")
		}
		if p.FocusPoint != "" {
			if _, _, err := ParseFocus(p.FocusPoint); err != nil {
				errs.Addf(s.KeyPos("photo", "focus"), "photo focus %v", err)
			}
		}
	}
	// The positions of list entries are looked up only for an error:
	// finding one scans the front matter.
	for i, l := range fm.GoDeeper {
		at := func(key ...string) diag.Pos {
			return s.KeyPos(append([]string{"go_deeper", strconv.Itoa(i)}, key...)...)
		}
		switch {
		case strings.TrimSpace(l.Title) == "":
			errs.Addf(at(), "go_deeper link needs a title")
		case (l.Ref == "") == (l.URL == ""):
			errs.Addf(at(), "go_deeper link %q needs either ref (another brief) or url, not both", l.Title)
		case l.URL != "" && !isRemote(l.URL):
			errs.Addf(at("url"), "go_deeper url %s is not an absolute http or https URL", quoteShort(l.URL))
		}
	}
	for i, c := range fm.Corrections {
		at := func() diag.Pos { return s.KeyPos("corrections", strconv.Itoa(i)) }
		if c.Date.IsZero() {
			errs.Addf(at(), "correction needs a date")
		}
		if strings.TrimSpace(c.Text) == "" {
			errs.Addf(at(), "correction needs text")
		}
	}
	for i, ig := range fm.Ignore {
		at := func() diag.Pos { return s.KeyPos("ignore", strconv.Itoa(i)) }
		if strings.TrimSpace(ig.Rule) == "" {
			errs.Addf(at(), "ignore needs the rule it silences")
		} else if strings.TrimSpace(ig.Reason) == "" {
			errs.Addf(at(), "ignore of %q needs a reason", ig.Rule)
		}
	}
	for _, list := range []struct {
		key    string
		values []string
	}{{"authors", fm.Authors}, {"topics", fm.Topics}} {
		for _, v := range list.values {
			switch sl := slug.Make(v); {
			case sl == "":
				errs.Addf(s.KeyPos(list.key), "%s entry %q needs letters or digits", list.key, v)
			case slug.Reserved(sl):
				errs.Addf(s.KeyPos(list.key), "%s entry %q makes the folder %s/, a name Windows reserves for a device, where it cannot be checked out or served; choose another", list.key, v, sl)
			}
		}
	}
	s.validateAliases(&errs)
	s.validateLang(&errs)
	if r := fm.Retracted; r != nil {
		if r.Date.IsZero() {
			errs.Addf(s.KeyPos("retracted"), "retracted needs the date of the retraction")
		}
		if strings.TrimSpace(r.Reason) == "" {
			errs.Addf(s.KeyPos("retracted"), "retracted needs a reason: readers are owed one")
		}
	}
	s.Slug = fm.Slug
	if s.Slug == "" {
		s.Slug = slug.Make(path.Base(RefOf(named)))
	} else if !slug.Valid(s.Slug) {
		errs.Addf(s.KeyPos("slug"), "slug %q may only hold lower-case letters, digits and hyphens", s.Slug)
	} else if slug.Reserved(s.Slug) {
		errs.Addf(s.KeyPos("slug"), "slug %q is a name Windows reserves for a device, where its folder cannot be checked out or served; choose another", s.Slug)
	}
	if s.Slug == "" {
		errs.Addf(diag.Pos{File: s.Path}, "cannot make a slug from the file name: rename it or set slug")
	}
	return errs.Err()
}

func isRemote(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// checkResourcePath refuses a photo src that is neither an http(s) URL nor
// a file of the site: other schemes (javascript:, data:), Windows paths,
// and paths that climb out of the brief's bundle or the site.
func checkResourcePath(p string) error {
	if isRemote(p) {
		if u, err := url.Parse(p); err != nil || u.Host == "" {
			return fmt.Errorf("is not a well-formed http(s) URL")
		}
		return nil
	}
	if strings.Contains(p, `\`) || strings.Contains(p, ":") {
		return fmt.Errorf("must be a slash path inside the bundle or an http(s) URL")
	}
	rooted := strings.HasPrefix(p, "/")
	clean := path.Clean(strings.TrimPrefix(p, "/"))
	switch {
	case clean == ".." || strings.HasPrefix(clean, "../"):
		if rooted {
			return fmt.Errorf("points outside the site")
		}
		return fmt.Errorf("points outside the brief's bundle: put the photo beside index.md")
	case clean == "." || strings.HasSuffix(p, "/"):
		return fmt.Errorf("names a folder, not a photo")
	}
	return nil
}

// quoteShort quotes s for an error message, cut to its first 60 bytes so
// that a pasted data: URL does not fill the terminal.
func quoteShort(s string) string {
	const max = 60
	if len(s) <= max {
		return strconv.Quote(s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
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
