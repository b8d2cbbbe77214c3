package render

import (
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/i18n"
	"github.com/briefs-dev/briefs/internal/theme"
	"github.com/briefs-dev/briefs/themes"
)

// shippedLanguages are the languages the default theme ships: each has
// every string the theme uses.
var shippedLanguages = []string{"en", "es", "fr", "de", "pt"}

// dateKeys are the keys the date functions read (i18n's date formats).
var dateKeys = []string{"date_format", "time_format", "month_year_format", "am", "pm", "months"}

// TestEveryKeyInEveryLanguage walks the translation calls of the default
// theme's templates (T and messages), adds the keys written from Go and
// the date formats, and checks that each is in each shipped language's
// own file, with every plural form the language's numbers take when the
// English message has plural forms; and that the English file has no key
// that nothing uses.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	uses, err := theme.Uses(fstest.MapFS{}, "default", themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	if len(uses) < 50 {
		t.Fatalf("Uses found %d keys in the default theme, want the theme's words (over 50)", len(uses))
	}
	where := map[string]string{}
	for _, u := range uses {
		where[u.Key] = u.Pos.String()
	}
	for _, k := range slices.Collect(maps.Keys(goKeys)) {
		where[k] = "internal/render/words.go goKeys"
	}
	for _, k := range dateKeys {
		where[k] = "the date functions"
	}
	cat, err := theme.LoadTranslations(fstest.MapFS{}, "default", themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	english := cat.For("en")
	for _, lang := range shippedLanguages {
		tr := cat.For(lang)
		for _, key := range slices.Sorted(maps.Keys(where)) {
			msg, ok := tr.Own(key)
			if !ok {
				t.Errorf("%s: %q has no %s translation", where[key], key, lang)
				continue
			}
			en, _ := english.Own(key)
			if len(en.Forms) > 1 {
				for _, form := range tr.Forms() {
					if _, ok := msg.Forms[form]; !ok {
						t.Errorf("%s: %q in %s has no %q form (at %s)", where[key], key, lang, form, msg.Pos)
					}
				}
			}
			if (en.List == nil) != (msg.List == nil) {
				t.Errorf("%s: %q in %s is not of the kind of the English one", msg.Pos, key, lang)
			}
		}
	}
	for _, key := range []string{"by", "topic_title"} { // spot checks that Own is no fallback
		if m, _ := cat.For("de").Own(key); !strings.Contains(m.Pos.File, "de.toml") {
			t.Errorf("de %q comes from %s", key, m.Pos.File)
		}
	}
	en := readKeys(t, "i18n/en.toml")
	for _, key := range en {
		if _, used := where[key]; !used {
			t.Errorf("en.toml: %q is used by no template and no Go code", key)
		}
	}
	for _, lang := range shippedLanguages[1:] {
		for _, key := range readKeys(t, "i18n/"+lang+".toml") {
			if !slices.Contains(en, key) {
				t.Errorf("%s.toml: %q is not in en.toml", lang, key)
			}
		}
	}
}

// readKeys returns the keys of one of the default theme's translation files.
func readKeys(t *testing.T, file string) []string {
	t.Helper()
	data, err := fs.ReadFile(themes.Default(), file)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := i18n.Parse(file, data)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Sorted(maps.Keys(msgs))
}

// TestFuncsLanguage: the template functions write words and dates in
// cfg.Language, as one Config per language needs.
func TestFuncsLanguage(t *testing.T) {
	tm := time.Date(2017, 7, 12, 11, 5, 0, 0, time.UTC)
	tests := []struct {
		lang, by, date, clock string
	}{
		{"en-US", "By", "July 12, 2017", "1:05 p.m. CEST"},
		{"es-ES", "Por", "12 de julio de 2017", "13:05 CEST"},
		{"fr", "Par", "12 juillet 2017", "13\u00a0h\u00a005 CEST"},
		{"de-AT", "Von", "12. Juli 2017", "13:05 Uhr CEST"},
		{"pt-BR", "Por", "12 de julho de 2017", "13h05 CEST"},
	}
	for _, tt := range tests {
		cfg := config.Default()
		cfg.Language, cfg.Timezone = tt.lang, "Europe/Madrid"
		if err := cfg.Validate(); err != nil {
			t.Fatal(err)
		}
		f := Funcs(&cfg)
		by, err := f["T"].(func(string, ...any) (any, error))("by")
		if err != nil || by != tt.by {
			t.Errorf("%s: T by = %v, %v, want %q", tt.lang, by, err, tt.by)
		}
		if got := f["date"].(func(time.Time) string)(tm); got != tt.date {
			t.Errorf("%s: date = %q, want %q", tt.lang, got, tt.date)
		}
		if got := f["timeOfDay"].(func(time.Time) string)(tm); got != tt.clock {
			t.Errorf("%s: timeOfDay = %q, want %q", tt.lang, got, tt.clock)
		}
	}
}

// A site's translation whose placeholder the Go code does not fill is an
// error of New, at its line, not a page titled with the key.
func TestNewChecksGoKeys(t *testing.T) {
	cfg := config.Default()
	cfg.Language = "es"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	site := fstest.MapFS{"i18n/es.toml": {Data: []byte("\ntopic_title = \"Tema: {nombre}\"\n")}}
	_, err := New(&cfg, 1, func(funcs template.FuncMap) (*theme.Theme, error) {
		return theme.Load(site, "default", themes.Default(), funcs)
	})
	if err == nil || !strings.Contains(err.Error(), "i18n/es.toml:2:1: topic_title: no value for {nombre}") {
		t.Errorf("New with a misspelt placeholder: error %v, want it at its line", err)
	}
}
