package i18n

import (
	"html/template"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/briefs-dev/briefs/themes"
)

// shipped is the embedded default theme's catalog.
func shipped(t *testing.T) *Catalog {
	t.Helper()
	c, err := Load(Layer{FS: themes.Default(), Dir: "i18n", Name: "i18n"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestShippedLanguages(t *testing.T) {
	got := shipped(t).Languages()
	for _, want := range []string{"de", "en", "es", "fr", "pt"} {
		if !strings.Contains(strings.Join(got, " "), want) {
			t.Errorf("Languages() = %v, want %s among them", got, want)
		}
	}
}

func TestLoadLayers(t *testing.T) {
	site := fstest.MapFS{
		"i18n/es.toml":      {Data: []byte(`by = "De"`)},
		"i18n/es-MX.toml":   {Data: []byte(`updated = "Actualizada"`)},
		"i18n/notes.txt":    {Data: []byte(`not a translation`)},
		"i18n/.hidden.toml": {Data: []byte(`broken =`)},
	}
	theme := fstest.MapFS{
		"i18n/es.toml": {Data: []byte("by = \"Por\"\nand = \"y\"\nupdated = \"Actualizado\"\n")},
		"i18n/en.toml": {Data: []byte("by = \"By\"\nand = \"and\"\nupdated = \"Updated\"\nonly_english = \"Only\"\n")},
	}
	c, err := Load(Layer{site, "i18n", "i18n"}, Layer{theme, "i18n", "themes/t/i18n"}, Layer{fstest.MapFS{}, "i18n", "none"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang, key, want string
		own             bool // found without the English fallback
	}{
		{"es", "by", "De", true},                  // the site's string wins
		{"es", "and", "y", true},                  // the theme's others stay
		{"es", "updated", "Actualizado", true},    // es-MX is not es
		{"es-MX", "updated", "Actualizada", true}, // the region's own
		{"es-MX", "by", "De", true},               // then the language's
		{"es-AR", "by", "De", true},               // a region without a file
		{"es", "only_english", "Only", false},     // English at last
		{"fr", "by", "By", false},                 // a language without a file
		{"not a tag!", "by", "By", true},          // read as English
		{"en-GB", "by", "By", true},               // English's own
	}
	for _, tt := range tests {
		tr := c.For(tt.lang)
		got, err := tr.String(tt.key)
		if err != nil || got != tt.want {
			t.Errorf("For(%q).String(%q) = %q, %v, want %q", tt.lang, tt.key, got, err, tt.want)
		}
		if _, own := tr.Own(tt.key); own != tt.own {
			t.Errorf("For(%q).Own(%q) found = %v, want %v", tt.lang, tt.key, own, tt.own)
		}
	}
	if m, _ := c.For("es").Lookup("by"); m.Pos.String() != "i18n/es.toml:1:1" {
		t.Errorf("the site's by is at %v, want i18n/es.toml:1:1", m.Pos)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  []string
	}{
		{"file name not a tag", fstest.MapFS{"i18n/spanish_es.toml": {Data: []byte(`by = "Por"`)}},
			[]string{"i18n/spanish_es.toml: the file's name is not a BCP 47 language tag"}},
		{"bad file", fstest.MapFS{"i18n/es.toml": {Data: []byte("by = 1\n")}},
			[]string{"i18n/es.toml:1:1: by must be a string"}},
		{"every file", fstest.MapFS{"i18n/es.toml": {Data: []byte("by = 1\n")}, "i18n/fr.toml": {Data: []byte("\nby = 1\n")}},
			[]string{"i18n/es.toml:1:1", "i18n/fr.toml:2:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(Layer{tt.files, "i18n", "i18n"})
			if err == nil {
				t.Fatal("Load: no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load error %q, want %q in it", err, w)
				}
			}
		})
	}
}

func TestT(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		lang, key string
		args      []any
		want      any
	}{
		{"en", "briefs_count", []any{"count", 1}, "1 brief"},
		{"en", "briefs_count", []any{"count", 0}, "0 briefs"},
		{"en", "briefs_count", []any{"count", 2}, "2 briefs"},
		{"en-US", "briefs_count", []any{"count", 12345}, "12,345 briefs"},
		{"fr", "briefs_count", []any{"count", 0}, "0 brève"}, // French counts 0 as one
		{"fr", "briefs_count", []any{"count", 1}, "1 brève"},
		{"fr", "briefs_count", []any{"count", 2}, "2 brèves"},
		{"pt", "briefs_count", []any{"count", 0}, "0 notícia"}, // so does Brazil's Portuguese
		{"pt-PT", "briefs_count", []any{"count", 0}, "0 notícias"},
		{"es", "briefs_count", []any{"count", 0}, "0 noticias"},
		{"es-ES", "briefs_count", []any{"count", 1}, "1 noticia"},
		{"de", "briefs_count", []any{"count", 12345}, "12.345 Meldungen"},
		{"de", "page_of", []any{"number", 2, "total", 3}, "Seite 2 von 3"},
		{"es", "topic_title", []any{"name", "Energía"}, "Tema: Energía"},
		{"en", "search_about", []any{"site", "A <b>&"}, "Find briefs of A <b>& by the words of their titles, summaries and sections, and narrow them to a topic. Searching happens in your browser, which loads from this site only the parts of the index that the first letters of your words need."},
		{"en", "edition_link_html", []any{"edition", "/e/?a=1&b=2", "date", "<June 7>", "archive", "/archive/"},
			template.HTML(`The newsletter edition of the day: <a href="/e/?a=1&amp;b=2">&lt;June 7&gt;</a>, and every day’s in <a href="/archive/">the archive</a>.`)},
	}
	for _, tt := range tests {
		got, err := c.For(tt.lang).T(tt.key, tt.args...)
		if err != nil || got != tt.want {
			t.Errorf("For(%q).T(%q, %v) = %#v, %v, want %#v", tt.lang, tt.key, tt.args, got, err, tt.want)
		}
	}
}

func TestTErrors(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		key  string
		args []any
		want string
	}{
		{"no_such_key", nil, `no translation of "no_such_key" in es or English`},
		{"page_of", []any{"number", 2}, "no value for {total}"},
		{"page_of", []any{"number"}, "pairs of a name and a value"},
		{"page_of", []any{2, "number"}, "must be a name"},
		{"briefs_count", []any{"count", "two"}, "count must be a whole number"},
	}
	for _, tt := range tests {
		_, err := c.For("es").T(tt.key, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("T(%q, %v) error = %v, want %q", tt.key, tt.args, err, tt.want)
		}
	}
	if _, err := c.For("es").String("no_such_key"); err == nil {
		t.Error("String of a missing key: no error")
	}
	if _, err := c.For("es").Messages("by", "no_such_key"); err == nil {
		t.Error("Messages of a missing key: no error")
	}
	// A placeholder's error names where the message is set.
	bad, err := Load(Layer{fstest.MapFS{"i18n/en.toml": {Data: []byte("\nx = \"{a}\"\n")}}, "i18n", "i18n"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bad.For("en").T("x"); err == nil || !strings.Contains(err.Error(), "i18n/en.toml:2:1: x: no value for {a}") {
		t.Errorf("T of a message without its value: error %v, want its position", err)
	}
}

func TestMessages(t *testing.T) {
	got, err := shipped(t).For("fr").Messages("search_prompt", "by")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		"search_prompt": {"one": "Tapez pour rechercher dans {count} brève.", "other": "Tapez pour rechercher parmi {count} brèves."},
		"by":            {"other": "Par"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Messages = %v, want %v", got, want)
	}
}

func TestForms(t *testing.T) {
	c := &Catalog{langs: map[string]map[string]Message{}}
	tests := map[string]string{
		"en": "one other", "es": "one other", "fr": "one other", "de": "one other", "pt": "one other",
		"ja": "other", "ru": "one few many", "ar": "zero one two few many other", "pl": "one few many", // other is for fractions
	}
	for lang, want := range tests {
		if got := strings.Join(c.For(lang).Forms(), " "); got != want {
			t.Errorf("For(%q).Forms() = %q, want %q", lang, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Fatal(err)
	}
	afternoon := time.Date(2017, 7, 12, 13, 5, 0, 0, madrid)
	morning := time.Date(2026, 1, 3, 9, 7, 0, 0, madrid)
	c := shipped(t)
	tests := []struct {
		lang                   string
		tm                     time.Time
		date, clock, monthYear string
	}{
		{"en-US", afternoon, "July 12, 2017", "1:05 p.m. CEST", "July 2017"},
		{"en-US", morning, "January 3, 2026", "9:07 a.m. CET", "January 2026"},
		{"es-ES", afternoon, "12 de julio de 2017", "13:05 CEST", "julio de 2017"},
		{"es-MX", morning, "3 de enero de 2026", "9:07 CET", "enero de 2026"},
		{"fr-FR", afternoon, "12 juillet 2017", "13\u00a0h\u00a005 CEST", "juillet 2017"},
		{"fr", morning, "3 janvier 2026", "09\u00a0h\u00a007 CET", "janvier 2026"},
		{"de-DE", afternoon, "12. Juli 2017", "13:05 Uhr CEST", "Juli 2017"},
		{"de", morning, "3. Januar 2026", "09:07 Uhr CET", "Januar 2026"},
		{"pt-BR", afternoon, "12 de julho de 2017", "13h05 CEST", "julho de 2017"},
		{"pt", morning, "3 de janeiro de 2026", "9h07 CET", "janeiro de 2026"},
		{"ja", afternoon, "July 12, 2017", "1:05 p.m. CEST", "July 2017"}, // English, as no file says otherwise
	}
	for _, tt := range tests {
		tr := c.For(tt.lang)
		if got := tr.Date(tt.tm); got != tt.date {
			t.Errorf("For(%q).Date = %q, want %q", tt.lang, got, tt.date)
		}
		if got := tr.Time(tt.tm); got != tt.clock {
			t.Errorf("For(%q).Time = %q, want %q", tt.lang, got, tt.clock)
		}
		if got := tr.MonthYear(tt.tm); got != tt.monthYear {
			t.Errorf("For(%q).MonthYear = %q, want %q", tt.lang, got, tt.monthYear)
		}
	}
}

// A catalog without date keys writes dates as the built-in English
// formats do, month names included.
func TestDatesWithoutFormats(t *testing.T) {
	tr := (&Catalog{langs: map[string]map[string]Message{}}).For("en")
	tm := time.Date(2026, 11, 20, 0, 30, 0, 0, time.UTC)
	if got := tr.Date(tm) + " " + tr.Time(tm); got != "November 20, 2026 12:30  UTC" {
		t.Errorf("Date and Time = %q", got)
	}
}

func TestOGLocale(t *testing.T) {
	tests := map[string]string{
		"en-US": "en_US", "en-GB": "en_GB", "es": "es_ES", "es-MX": "es_MX", "pt": "pt_BR", "pt-PT": "pt_PT",
		"fr": "fr_FR", "de": "de_DE", "de-AT": "de_AT", "not a tag": "not a tag",
	}
	for in, want := range tests {
		if got := OGLocale(in); got != want {
			t.Errorf("OGLocale(%q) = %q, want %q", in, got, want)
		}
	}
}

// T's results made once for messages without placeholders are what
// writing the message gives, in the type its key says.
func TestPlainMessages(t *testing.T) {
	c := shipped(t)
	for _, lang := range []string{"en", "es", "fr-CA", "de", "pt-PT"} {
		tr := c.For(lang)
		if len(tr.plain) < 40 {
			t.Errorf("%s: %d plain messages, want most of the theme's", lang, len(tr.plain))
		}
		for key, v := range tr.plain {
			msg, _ := tr.Lookup(key)
			text, err := fill(msg.Forms["other"], nil)
			if err != nil || len(msg.Forms) != 1 {
				t.Errorf("%s %s: plain, but %v, %v", lang, key, msg.Forms, err)
			}
			var want any = text
			if strings.HasSuffix(key, "_html") {
				want = template.HTML(text)
			}
			if v != want {
				t.Errorf("%s %s: T = %#v, want %#v", lang, key, v, want)
			}
		}
	}
}

// Numbers under 1,000 take the fast path only where the language writes
// ASCII digits.
func TestNumbers(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 7, "7"}, {"en", 999, "999"}, {"en", 1000, "1,000"}, {"en", -1500, "-1,500"},
		{"de", 1000, "1.000"}, {"fr", 12345, "12\u00a0345"}, {"es", 12345, "12.345"},
		{"ar", 12, "١٢"}, {"fa", 7, "۷"}, // digits of their own, even under 1,000
	}
	for _, tt := range tests {
		if got := c.For(tt.lang).value(tt.n); got != tt.want {
			t.Errorf("For(%q).value(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}
