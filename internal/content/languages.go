package content

import (
	"path"
	"strings"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/diag"
)

// FileLanguage returns the language a brief's file name gives on a site
// in several languages, and the path without it: "content/briefs/x.es.md"
// → "es", "content/briefs/x.md"; a bundle's "…/x/index.es.md" → "es",
// "…/x/index.md". A file name without a part shaped as a language tag
// between its name and ".md" gives "" and the path itself.
func FileLanguage(p string) (lang, named string) {
	dir, file := path.Split(p)
	name, ok := strings.CutSuffix(file, ".md")
	if !ok {
		return "", p
	}
	i := strings.LastIndexByte(name, '.')
	if i <= 0 || !config.ValidLanguageTag(name[i+1:]) {
		return "", p
	}
	return name[i+1:], dir + name[:i] + ".md"
}

// validateLang sets the brief's language from its front matter when its
// file name gave none; a lang that is not a language tag, or that differs
// from the file name's, is an error.
func (s *Source) validateLang(errs *diag.List) {
	fm := &s.Front
	switch {
	case fm.Lang == "":
	case !config.ValidLanguageTag(fm.Lang):
		errs.Addf(s.KeyPos("lang"), "lang %s is not a language tag, as \"es\" or \"pt-BR\"", quoteShort(fm.Lang))
	case s.Lang != "" && !strings.EqualFold(s.Lang, fm.Lang):
		errs.Addf(s.KeyPos("lang"), "lang %q differs from the language %q of the file's name: remove one", fm.Lang, s.Lang)
	case s.Lang == "":
		s.Lang = fm.Lang
	}
	if k := fm.TranslationKey; k != "" && strings.TrimSpace(k) == "" {
		errs.Addf(s.KeyPos("translation_key"), "translation_key is blank")
	}
}

// TranslationKey returns what links the brief to its translations: its
// translation_key, else its slug, which the files of one brief in several
// languages share (x.md, x.es.md).
func (s *Source) TranslationKey() string {
	if k := strings.TrimSpace(s.Front.TranslationKey); k != "" {
		return "key:" + k
	}
	return "slug:" + s.Slug
}
