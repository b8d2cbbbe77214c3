package content

import (
	"strings"
	"testing"
)

func TestFileLanguage(t *testing.T) {
	tests := []struct{ in, lang, named string }{
		{"content/briefs/x.es.md", "es", "content/briefs/x.md"},
		{"content/briefs/x/index.es.md", "es", "content/briefs/x/index.md"},
		{"content/briefs/x.pt-BR.md", "pt-BR", "content/briefs/x.md"},
		{"content/briefs/x.md", "", "content/briefs/x.md"},
		{"content/briefs/report.v2.md", "", "content/briefs/report.v2.md"},
		{"content/briefs/a.b.c.md", "", "content/briefs/a.b.c.md"},
		{"content/briefs/.es.md", "", "content/briefs/.es.md"},
		{"content/briefs/x.es.txt", "", "content/briefs/x.es.txt"},
		{"content/briefs/x.spanish.md", "", "content/briefs/x.spanish.md"},
	}
	for _, tt := range tests {
		lang, named := FileLanguage(tt.in)
		if lang != tt.lang || named != tt.named {
			t.Errorf("FileLanguage(%q) = %q, %q, want %q, %q", tt.in, lang, named, tt.lang, tt.named)
		}
	}
}

func FuzzFileLanguage(f *testing.F) {
	for _, s := range []string{"content/briefs/x.es.md", "content/x/index.pt-BR.md", "a.md", ".md", "x..md"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		lang, named := FileLanguage(p)
		if lang == "" {
			if named != p {
				t.Fatalf("FileLanguage(%q) = %q, %q: a path without a language changed", p, lang, named)
			}
			return
		}
		if got := strings.TrimSuffix(named, ".md") + "." + lang + ".md"; got != p {
			t.Fatalf("FileLanguage(%q) = %q, %q, which do not make the path again", p, lang, named)
		}
	})
}

func TestParseLanguage(t *testing.T) {
	const front = "+++\ntitle = \"T\"\ndate = 2026-06-07T09:30:00Z\n%s+++\nBody.\n"
	multi := Options{Multilingual: true}
	tests := []struct {
		name, path, extra string
		opts              Options
		lang, slug, key   string
		bundle            string
	}{
		{"file", "content/briefs/x.es.md", "", multi, "es", "x", "slug:x", ""},
		{"bundle", "content/briefs/x/index.es.md", "", multi, "es", "x", "slug:x", "content/briefs/x"},
		{"own language", "content/briefs/x.md", "", multi, "", "x", "slug:x", ""},
		{"front matter", "content/briefs/es/x.md", "lang = \"es\"\n", multi, "es", "x", "slug:x", ""},
		{"same in both", "content/briefs/x.es.md", "lang = \"ES\"\n", multi, "es", "x", "slug:x", ""},
		{"translation key", "content/briefs/x.es.md", "translation_key = \"cabinet-vote\"\n", multi, "es", "x", "key:cabinet-vote", ""},
		{"own slug", "content/briefs/x.es.md", "slug = \"votacion\"\n", multi, "es", "votacion", "slug:votacion", ""},
		// A site of one language reads file names as it always has.
		{"one language", "content/briefs/x.es.md", "", Options{}, "", "x-es", "slug:x-es", ""},
		{"one language, lang", "content/briefs/x.md", "lang = \"fr\"\n", Options{}, "fr", "x", "slug:x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Parse(tt.path, []byte(strings.Replace(front, "%s", tt.extra, 1)), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if src.Lang != tt.lang || src.Slug != tt.slug || src.TranslationKey() != tt.key || src.Bundle != tt.bundle {
				t.Errorf("Lang, Slug, TranslationKey, Bundle = %q, %q, %q, %q, want %q, %q, %q, %q",
					src.Lang, src.Slug, src.TranslationKey(), src.Bundle, tt.lang, tt.slug, tt.key, tt.bundle)
			}
			if src.Ref != RefOf(tt.path) {
				t.Errorf("Ref = %q, want %q: refs stay unique across languages", src.Ref, RefOf(tt.path))
			}
		})
	}
}

func TestParseLanguageErrors(t *testing.T) {
	const front = "+++\ntitle = \"T\"\ndate = 2026-06-07T09:30:00Z\n%s+++\nBody.\n"
	tests := []struct{ path, extra, want string }{
		{"content/briefs/x.md", "lang = \"Spanish!\"\n", `content/briefs/x.md:4:1: lang "Spanish!" is not a language tag`},
		{"content/briefs/x.es.md", "lang = \"fr\"\n", `content/briefs/x.es.md:4:1: lang "fr" differs from the language "es" of the file's name`},
		{"content/briefs/x.md", "translation_key = \"  \"\n", `content/briefs/x.md:4:1: translation_key is blank`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.path, []byte(strings.Replace(front, "%s", tt.extra, 1)), Options{Multilingual: true})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%s, %q) error = %v, want %q", tt.path, tt.extra, err, tt.want)
		}
	}
}
