package check

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func TestUntranslated(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // findings of rules untranslated and load, each in one
		count int      // -1: one finding has every part of want, in order; else there are len(want)
	}{
		{"English", map[string]string{"config.toml": "title = \"T\"\nlanguage = \"en-GB\"\n"}, nil, 0},
		{"a shipped language", map[string]string{"config.toml": "title = \"T\"\nlanguage = \"es-MX\"\n"}, nil, 0},
		{"a language the theme does not have",
			map[string]string{"config.toml": "title = \"T\"\nlanguage = \"it-IT\"\n"},
			[]string{"config.toml:2:1: warning untranslated: the theme has no translation into it-IT: every word of its pages is English; translate them in i18n/it.toml"}, 0},
		{"a language the site started",
			map[string]string{"config.toml": "title = \"T\"\nlanguage = \"it\"\n", "i18n/it.toml": "by = \"Di\"\n"},
			[]string{`config.toml:2:1: warning untranslated: "filed_under" (used at (embedded default theme) layouts/brief.html:`,
				`has no it translation, so pages show the English "Filed under"; add it to i18n/it.toml`}, -1},
		{"a site's template with a new string",
			map[string]string{"config.toml": "title = \"T\"\nlanguage = \"es\"\n",
				"layouts/partials/footer.html": "<footer>\n  {{T \"newsletter\"}} {{T \"by\"}}</footer>\n",
				"i18n/en.toml":                 "newsletter = \"Our newsletter\"\n"},
			[]string{`layouts/partials/footer.html:2:7: warning untranslated: "newsletter" has no es translation, so pages show the English "Our newsletter"; add it to i18n/es.toml`}, 0},
		{"a string in no file",
			map[string]string{"config.toml": "title = \"T\"\nlanguage = \"es\"\ntheme = \"paper\"\n",
				"themes/paper/layouts/partials/footer.html": "{{T \"nowhere\"}}"},
			[]string{`themes/paper/layouts/partials/footer.html:1:5: warning untranslated: "nowhere" is in no translation file, not even English`}, 0},
		{"a plural form missing",
			map[string]string{"config.toml": "title = \"T\"\nlanguage = \"fr\"\n", "i18n/fr.toml": "\nbriefs_count = { other = \"{count} brèves\" }\n"},
			[]string{`i18n/fr.toml:2:1: warning untranslated: "briefs_count" (used at (embedded default theme) layouts/archive.html:`, `has no "one" plural form, which fr needs`}, -1},
		{"a broken translation file",
			map[string]string{"config.toml": "title = \"T\"\nlanguage = \"fr\"\n", "i18n/fr.toml": "by = 1\n"},
			[]string{"i18n/fr.toml:1:1: error load: by must be a string"}, 0},
		{"a broken template",
			map[string]string{"config.toml": "title = \"T\"\nlanguage = \"fr\"\n", "layouts/home.html": "{{define \"main\"}}{{if}}{{end}}"},
			[]string{"layouts/home.html: error load: template: layouts/home.html:1: missing value for if"}, 0},
		{"turned off",
			map[string]string{"config.toml": "title = \"T\"\nlanguage = \"it\"\n[check.rules]\nuntranslated = \"off\"\n"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, data := range tt.files {
				fsys[p] = &fstest.MapFile{Data: []byte(data)}
			}
			in := load(t, fsys)
			in.FS = fsys
			findings, err := Run(context.Background(), in, Options{Now: now})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range findings {
				if f.Rule == "untranslated" || f.Rule == "load" {
					got = append(got, f.String())
				}
			}
			all := strings.Join(got, "\n")
			if tt.count == -1 {
				found := false
				for _, g := range got {
					found = found || containsInOrder(g, tt.want)
				}
				if !found {
					t.Errorf("findings:\n%s\nwant one with %q", all, tt.want)
				}
			} else if len(got) != len(tt.want) {
				t.Errorf("findings:\n%s\nwant %d: %q", all, len(tt.want), tt.want)
			} else {
				for i, w := range tt.want {
					if !strings.Contains(got[i], w) {
						t.Errorf("finding %q, want %q", got[i], w)
					}
				}
			}
			// Without the site's folder (a build's run), the rule is silent.
			in.FS = nil
			findings, _ = Run(context.Background(), in, Options{Now: now})
			for _, f := range findings {
				if f.Rule == "untranslated" {
					t.Errorf("without FS: %v", f)
				}
			}
		})
	}
}

// containsInOrder reports whether s has each of parts, in order.
func containsInOrder(s string, parts []string) bool {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}
