package load

import (
	"strings"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/markdown"
)

// newConverters returns the converter of the briefs in the site's own
// language and those of its other languages, in [[languages]] order: each
// knows its language's sections and base URL. refs maps a brief's ref to
// its path under the site's base URL, under its language's path.
func newConverters(cfg *config.Config, refs map[string]string, mail *markdown.Mail) (*markdown.Converter, []*markdown.Converter) {
	own := markdown.New(converterOptions(cfg, 0, refs, mail))
	var others []*markdown.Converter
	for i := range cfg.Languages {
		others = append(others, markdown.New(converterOptions(cfg, i+1, refs, mail)))
	}
	return own, others
}

// converterOptions returns the options of the converter of the site's
// language i: a link to a brief in the same language is a path under the
// language's base URL, a link to one in another language its absolute URL.
func converterOptions(cfg *config.Config, i int, refs map[string]string, mail *markdown.Mail) markdown.Options {
	lc := cfg.ForLanguage(i)
	prefix := cfg.LanguagePath(i)
	return markdown.Options{
		Sections:    lc.Sections,
		Unsafe:      cfg.Markdown.Unsafe,
		PlainLabels: cfg.Markdown.PlainLabels,
		BaseURL:     lc.BaseURL,
		Resolve: func(ref string) (string, bool) {
			u, ok := refs[ref]
			if !ok {
				return "", false
			}
			if rest, same := strings.CutPrefix(u, prefix); same {
				return rest, true
			}
			return cfg.BaseURL + u, true // absolute: under another language's path
		},
		Mail: mail,
	}
}

// converterOf returns the converter of src's language; a language the
// site does not publish in gets the site's own.
func converterOf(cfg *config.Config, own *markdown.Converter, others []*markdown.Converter, src *content.Source) *markdown.Converter {
	if i := cfg.LanguageIndex(src.Lang); i > 0 && i <= len(others) {
		return others[i-1]
	}
	return own
}
