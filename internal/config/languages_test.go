package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

const twoLanguages = `title = "The Brief"
base_url = "https://example.org/news/"
language = "en-US"
language_name = "English"

[publishing]
logo = "images/logo.png"

[[authors]]
name = "Dana Whitfield"
photo = "people/dana.jpg"

[[languages]]
code = "es"
name = "Español"
title = "El Resumen"
path = "es"

[[languages.sections]]
name = "Por qué importa"
aliases = ["Por qué es importante"]
required = true

[[languages]]
code = "fr"
name = "Français"
path = "fr"
`

func TestLoadLanguages(t *testing.T) {
	c, err := Load(fstest.MapFS{FileName: {Data: []byte(twoLanguages)}}, FileName)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Multilingual() || len(c.Languages) != 2 {
		t.Fatalf("Languages = %+v", c.Languages)
	}
	for code, want := range map[string]int{"": 0, "en-US": 0, "en": 0, "EN-us": 0, "es": 1, "ES": 1, "fr": 2, "de": -1, "es-MX": -1} {
		if got := c.LanguageIndex(code); got != want {
			t.Errorf("LanguageIndex(%q) = %d, want %d", code, got, want)
		}
	}
	for i, want := range []string{"English", "Español", "Français"} {
		if got := c.LanguageName(i); got != want {
			t.Errorf("LanguageName(%d) = %q, want %q", i, got, want)
		}
	}
	if own := c.ForLanguage(0); own != &c {
		t.Errorf("ForLanguage(0) is a copy, want the configuration itself")
	}
	es := c.ForLanguage(1)
	tests := []struct{ name, got, want string }{
		{"Language", es.Language, "es"},
		{"Title", es.Title, "El Resumen"},
		{"BaseURL", es.BaseURL, "https://example.org/news/es/"},
		{"Sections[0]", es.Sections[0].Name, "Por qué importa"},
		{"Logo", es.Publishing.Logo, "https://example.org/news/images/logo.png"},
		{"author photo", es.Authors[0].Photo, "https://example.org/news/people/dana.jpg"},
		{"site's author photo", c.Authors[0].Photo, "people/dana.jpg"},
		{"fr Title", c.ForLanguage(2).Title, "The Brief"},
		{"fr Sections", c.ForLanguage(2).Sections[0].Name, "Why this matters"},
		{"LanguagePath(1)", c.LanguagePath(1), "es/"},
		{"LanguagePath(0)", c.LanguagePath(0), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if es.Location() != c.Location() {
		t.Errorf("ForLanguage lost the time zone")
	}
	// Without language_name, a language is named in its own words where
	// the theme ships it, else by its tag.
	for tag, want := range map[string]string{"en-US": "English", "es-MX": "Español", "pt-BR": "Português", "DE": "Deutsch", "fr": "Français", "nl-BE": "nl-BE"} {
		one := Default()
		one.Language = tag
		if one.Multilingual() || one.LanguageName(0) != want {
			t.Errorf("language %q: Multilingual = %v, LanguageName(0) = %q, want %q", tag, one.Multilingual(), one.LanguageName(0), want)
		}
	}
}

func TestLanguageErrors(t *testing.T) {
	entry := func(body string) string { return "language = \"en-US\"\n\n[[languages]]\n" + body }
	tests := []struct {
		src, want string
	}{
		{entry("code = \"spanish language\"\nname = \"Español\"\npath = \"es\"\n"), `config.toml:4:1: languages.0.code: "spanish language" is not a language tag`},
		{entry("code = \"e\"\nname = \"E\"\npath = \"e\"\n"), `config.toml:4:1: languages.0.code: "e" is not a language tag`},
		{entry("code = \"en\"\nname = \"English\"\npath = \"en\"\n"), `config.toml:4:1: languages.0.code: "en" is the site's own language (language = "en-US")`},
		{entry("code = \"es\"\nname = \"Español\"\npath = \"es\"\n[[languages]]\ncode = \"ES\"\nname = \"Español\"\npath = \"es2\"\n"), `config.toml:8:1: languages.1.code: "ES" is the language of entry 1 again`},
		{entry("code = \"es\"\npath = \"es\"\n"), `config.toml:3:1: languages.0.name: language "es" needs a name`},
		{entry("code = \"es\"\nname = \"Español\"\npath = \"/es/\"\n"), `config.toml:6:1: languages.0.path: "/es/" is not a folder name: lower-case letters, digits and hyphens, as "es"`},
		{entry("code = \"es\"\nname = \"Español\"\n"), `languages.0.path: "" is not a folder name`},
		{entry("code = \"es\"\nname = \"Español\"\npath = \"topics\"\n"), `config.toml:6:1: languages.0.path: "topics" is a folder the site's own pages use`},
		{entry("code = \"es\"\nname = \"Español\"\npath = \"x\"\n[[languages]]\ncode = \"fr\"\nname = \"Français\"\npath = \"x\"\n"), `config.toml:10:1: languages.1.path: "x" is the path of entry 1 again`},
		{entry("code = \"es\"\nname = \"Español\"\npath = \"es\"\n[[languages.sections]]\nname = \"¿?\"\n"), `config.toml:7:1: languages.0.sections: a section needs a name with letters or digits`},
		{entry("code = \"es\"\nname = \"Español\"\npath = \"es\"\n[[languages.sections]]\nname = \"Por qué importa\"\n[[languages.sections]]\nname = \"por qué importa:\"\n"), `languages.0.sections: "Por qué importa" and "por qué importa:" name the same section`},
		{entry("code = \"es\"\nname = \"Español\"\npath = \"es\"\nfolder = \"es\"\n"), `config.toml:7:1: unknown key "languages.folder"`},
	}
	for _, tt := range tests {
		_, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
}
