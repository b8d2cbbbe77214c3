package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/briefs-dev/briefs/internal/slug"
)

// Language is an entry of [[languages]]: a language the site publishes in
// besides its own (Config.Language), under a path of its own.
//
// A site in several languages is built as one site per language, each
// from the configuration ForLanguage returns: the language's code, title
// and sections, and a base URL ending in its path. Every output family
// then works for a language as it does for a site, unchanged.
type Language struct {
	Code string `toml:"code"` // BCP 47 tag: "es", "pt-BR"; briefs name it in their file or lang
	Name string `toml:"name"` // as the language switcher shows it: "Español"
	// Title is the site's title in the language; empty means the site's.
	Title string `toml:"title"`
	// Path is the folder of the language's pages: "es" puts them under
	// /es/. The site's own language stays at the root.
	Path string `toml:"path"`
	// Sections are the sections of briefs in the language, as the site's
	// sections are; none means the site's.
	Sections []Section `toml:"sections"`
}

// reservedLanguagePaths are the folders a build writes at the root of a
// site, which a language's path would overwrite.
var reservedLanguagePaths = []string{"briefs", "topics", "authors", "archive", "assets", "search", "editions", "images"}

// Multilingual reports whether the site publishes in more than its own
// language.
func (c *Config) Multilingual() bool { return len(c.Languages) > 0 }

// LanguageIndex returns which of the site's languages code names: 0 for
// the site's own (its full tag or its primary subtag, "en-US" or "en", and
// the empty code), i+1 for Languages[i], and -1 for a language the site
// does not publish in. Codes match without regard to case.
func (c *Config) LanguageIndex(code string) int {
	if code == "" || strings.EqualFold(code, c.Language) || strings.EqualFold(code, primaryTag(c.Language)) {
		return 0
	}
	for i, l := range c.Languages {
		if strings.EqualFold(code, l.Code) {
			return i + 1
		}
	}
	return -1
}

// LanguageName returns how the switcher names the site's language i, as
// LanguageIndex numbers them: the [[languages]] entry's name, or for the
// site's own language language_name, else its own name (ownName).
func (c *Config) LanguageName(i int) string {
	if i > 0 {
		return c.Languages[i-1].Name
	}
	if c.OwnLanguageName != "" {
		return c.OwnLanguageName
	}
	return ownName(c.Language)
}

// ownNames are the names, in their own language, of the languages the
// default theme ships translations for. CLDR has them all, but its
// table (golang.org/x/text/language/display) adds 2.4 MB to the binary
// for this one label; another language shows its tag unless
// language_name or the [[languages]] entry's name says better.
var ownNames = map[string]string{"en": "English", "es": "Español", "fr": "Français", "de": "Deutsch", "pt": "Português"}

// ownName returns the name of the language of tag in that language
// ("es-MX" → "Español"), or the tag.
func ownName(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	if name, ok := ownNames[strings.ToLower(base)]; ok {
		return name
	}
	return tag
}

// ForLanguage returns the configuration of the site's language i, as
// LanguageIndex numbers them: for 0 the configuration itself; for the
// others a copy with the language's code, title and sections, and a base
// URL ending in its path. Paths of the site's own files (the default
// image, the logo, authors' photos), which only the root publishes,
// become absolute URLs.
func (c *Config) ForLanguage(i int) *Config {
	if i <= 0 || i > len(c.Languages) {
		return c
	}
	l := c.Languages[i-1]
	lc := *c
	lc.Language = l.Code
	if l.Title != "" {
		lc.Title = l.Title
	}
	if len(l.Sections) > 0 {
		lc.Sections = l.Sections
	}
	abs := func(ref string) string {
		if ref == "" || strings.Contains(ref, "://") {
			return ref
		}
		return c.BaseURL + strings.TrimPrefix(ref, "/")
	}
	lc.Publishing.DefaultImage, lc.Publishing.Logo = abs(c.Publishing.DefaultImage), abs(c.Publishing.Logo)
	if len(c.Authors) > 0 {
		lc.Authors = make([]Author, len(c.Authors))
		for j, a := range c.Authors {
			a.Photo = abs(a.Photo)
			lc.Authors[j] = a
		}
	}
	lc.BaseURL = c.BaseURL + l.Path + "/"
	return &lc
}

// LanguagePath returns the folder of language i's pages, with a trailing
// slash ("es/"), or "" for the site's own language.
func (c *Config) LanguagePath(i int) string {
	if i <= 0 || i > len(c.Languages) {
		return ""
	}
	return c.Languages[i-1].Path + "/"
}

// primaryTag returns the first subtag of a language tag: "en-US" → "en".
func primaryTag(tag string) string {
	p, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	return p
}

// ValidLanguageTag reports whether tag is shaped as a BCP 47 language tag:
// a primary subtag of two or three letters, then subtags of letters and
// digits, joined by hyphens ("es", "pt-BR", "zh-Hant-TW").
func ValidLanguageTag(tag string) bool {
	parts := strings.Split(tag, "-")
	for i, p := range parts {
		if p == "" || len(p) > 8 || (i == 0 && (len(p) < 2 || len(p) > 3)) {
			return false
		}
		for _, r := range p {
			letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
			if !letter && (i == 0 || r < '0' || r > '9') {
				return false
			}
		}
	}
	return true
}

// languageProblems checks [[languages]]. The key of each problem names the
// entry by its number, as "languages.1.path".
func (c *Config) languageProblems() []problem {
	var ps []problem
	add := func(i int, key, format string, args ...any) {
		ps = append(ps, problem{"languages." + strconv.Itoa(i) + "." + key, fmt.Sprintf(format, args...)})
	}
	codes, paths := map[string]int{}, map[string]int{}
	for i, l := range c.Languages {
		code := strings.ToLower(l.Code)
		switch {
		case !ValidLanguageTag(l.Code):
			add(i, "code", "%q is not a language tag: two or three letters, then optional parts after hyphens, as \"es\" or \"pt-BR\"", l.Code)
		case c.LanguageIndex(l.Code) == 0:
			add(i, "code", "%q is the site's own language (language = %q): list only the other languages", l.Code, c.Language)
		case codes[code] > 0:
			add(i, "code", "%q is the language of entry %d again", l.Code, codes[code])
		default:
			codes[code] = i + 1
		}
		if strings.TrimSpace(l.Name) == "" {
			add(i, "name", "language %q needs a name, as its readers write it (\"Español\")", l.Code)
		}
		switch {
		case !slug.Valid(l.Path):
			add(i, "path", "%q is not a folder name: lower-case letters, digits and hyphens, as %q", l.Path, slug.Make(l.Code))
		case contains(reservedLanguagePaths, l.Path):
			add(i, "path", "%q is a folder the site's own pages use: choose another, as %q", l.Path, slug.Make(l.Code))
		case paths[l.Path] > 0:
			add(i, "path", "%q is the path of entry %d again", l.Path, paths[l.Path])
		default:
			paths[l.Path] = i + 1
		}
		seen := map[string]string{}
		for _, s := range l.Sections {
			if strings.TrimSpace(s.Name) == "" || s.ID() == "" {
				add(i, "sections", "a section needs a name with letters or digits")
				continue
			}
			for _, label := range append([]string{s.Name}, s.Aliases...) {
				k := SectionKey(label)
				if other, dup := seen[k]; dup {
					add(i, "sections", "%q and %q name the same section", other, label)
				}
				seen[k] = label
			}
		}
	}
	return ps
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
