package site

import (
	"slices"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/config"
)

// TestLanguagesIndex links the sites of two languages and checks what a
// page of each shows: alternates, the switcher and the variant of caches.
func TestLanguagesIndex(t *testing.T) {
	cfg := testConfig(t)
	cfg.OwnLanguageName = "English"
	cfg.Languages = []config.Language{{Code: "es", Name: "Español", Path: "es"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	en := newSite(t, []*Brief{dated(t, "content/briefs/vote.md", "2026-11-01T10:00:00Z", ""), dated(t, "content/briefs/only.md", "2026-11-02T10:00:00Z", "")}, Options{})
	es, err := New(cfg.ForLanguage(1), []*Brief{dated(t, "content/briefs/vote.es.md", "2026-11-01T12:00:00Z", "lang = \"es\"\n")}, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	// A site of one language has none of it.
	if en.Translations("briefs/vote-es/") != nil || en.Alternates("") != nil || en.LanguageLinks("") != nil || en.LanguageVariant("") != "" {
		t.Errorf("a site of one language shows languages")
	}
	en.Config = cfg
	LinkLanguages(cfg, []*Site{en, es})
	vote := es.Briefs[0].Path // "briefs/vote-es/": its file has no language without Multilingual
	tests := []struct {
		name string
		got  []Alternate
		want []string
	}{
		{"home alternates", en.Alternates(""), []string{"en-US https://example.org/news/ (current)", "es https://example.org/news/es/", "x-default https://example.org/news/"}},
		{"no translation", en.Alternates("briefs/only/"), nil},
		{"a list", en.Alternates("topics/x/"), nil},
		{"switcher of a brief without translation", en.LanguageLinks("briefs/only/"), []string{"en-US (current)", "es https://example.org/news/es/"}},
		{"switcher in Spanish", es.LanguageLinks(vote), []string{"en-US https://example.org/news/", "es (current)"}},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range tt.got {
			s := strings.TrimSpace(a.Lang + " " + a.URL)
			if a.Current {
				s += " (current)"
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s = %q, want %q", tt.name, got, tt.want)
		}
	}
	if en.LanguageVariant("briefs/only/") != en.LanguageVariant("topics/x/") {
		t.Errorf("pages without translations have different variants: their header is rendered for each")
	}
}
