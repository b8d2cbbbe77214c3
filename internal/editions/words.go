package editions

import (
	"github.com/briefs-dev/briefs/internal/i18n"
)

// translator returns the theme's translator of the language lang, made
// once per Family.
func (f *Family) translator(lang string) *i18n.Translator {
	f.mu.Lock()
	defer f.mu.Unlock()
	if tr := f.words[lang]; tr != nil {
		return tr
	}
	if f.words == nil {
		f.words = map[string]*i18n.Translator{}
	}
	tr := f.theme.Translations().For(lang)
	f.words[lang] = tr
	return tr
}

// word is the text of key in tr's language, its placeholders filled from
// args. render.New checks that each key an edition writes formats (its
// goKeys), so the key itself, left on failure, is never seen.
func word(tr *i18n.Translator, key string, args ...any) string {
	s, err := tr.String(key, args...)
	if err != nil {
		return key
	}
	return s
}
