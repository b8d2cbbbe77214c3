package render

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/i18n"
	"github.com/briefs-dev/briefs/internal/theme"
	"github.com/briefs-dev/briefs/themes"
)

// words is the translator behind the template functions T, messages, date,
// timeOfDay and monthYear, in the language of the configuration they were
// made for (cfg.Language). Until a Renderer loads its theme and sets the
// theme's translations, it is the embedded default theme's, read on first
// use.
type words struct {
	lang string
	once sync.Once
	tr   *i18n.Translator
}

func (w *words) get() *i18n.Translator {
	w.once.Do(func() {
		if w.tr != nil {
			return
		}
		cat, err := theme.LoadTranslations(themes.Default(), "default", themes.Default())
		if err != nil {
			panic(fmt.Sprintf("the default theme's translations: %v", err)) // tested: cannot happen
		}
		w.tr = cat.For(w.lang)
	})
	return w.tr
}

// set makes the translator tr's, before any template runs.
func (w *words) set(tr *i18n.Translator) {
	w.once.Do(func() {})
	w.tr = tr
}

// wordFuncs returns the language's template functions of Funcs.
func wordFuncs(cfg *config.Config, w *words) template.FuncMap {
	loc := cfg.Location()
	return template.FuncMap{
		// T is a translated string: T "key", or T "key" "name" value …
		// to fill the message's {name} (count chooses the plural form).
		"T": func(key string, args ...any) (any, error) { return w.get().T(key, args...) },
		// messages are the messages of keys with all their plural forms,
		// for a script: the search page's.
		"messages": func(keys ...string) (map[string]map[string]string, error) {
			return w.get().Messages(keys...)
		},
		"date":      func(t time.Time) string { return w.get().Date(t.In(loc)) },
		"timeOfDay": func(t time.Time) string { return w.get().Time(t.In(loc)) },
		"monthYear": func(t time.Time) string { return w.get().MonthYear(t.In(loc)) },
	}
}

// goKeys are the translation keys written from Go, by the Renderer (page
// titles and descriptions) and by the editions family, with the
// placeholders they fill: New checks that each
// formats, so that a site's translation with a misspelt placeholder is an
// error at its line, not a page with a wrong title.
var goKeys = map[string][]string{
	"topics": nil, "authors": nil, "archive": nil, "search": nil, "page_not_found": nil, "gone_page_title": nil,
	"topic_title":         {"name"},
	"page_title":          {"title", "number"},
	"retracted_prefix":    {"text"},
	"topics_description":  {"site"},
	"authors_description": {"site"},
	"archive_description": {"site"},
	"search_description":  {"site"},
	"edition_title":       {"site", "date"},
	"correction_on":       {"date"},
	"photo":               nil, "by": nil, "and": nil,
	"moved":         nil, // the redirects family's alias pages
	"moved_to_html": {"url"},
}

// checkGoKeys formats every key of goKeys with tr.
func checkGoKeys(tr *i18n.Translator) error {
	for _, key := range slices.Sorted(maps.Keys(goKeys)) {
		var args []any
		for _, name := range goKeys[key] {
			args = append(args, name, 1)
		}
		if _, err := tr.T(key, args...); err != nil {
			return err
		}
	}
	return nil
}

// word is the text of key in the Renderer's language, its placeholders
// filled from args; New checked that it formats.
func (r *Renderer) word(key string, args ...any) string {
	s, err := r.words.get().String(key, args...)
	if err != nil {
		return key
	}
	return s
}
