package i18n

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]Message
	}{
		{"string", `by = "Por"`, map[string]Message{"by": {Forms: map[string]string{"other": "Por"}}}},
		{"plural forms inline", `n = { one = "{count} nota", other = "{count} notas" }`,
			map[string]Message{"n": {Forms: map[string]string{"one": "{count} nota", "other": "{count} notas"}}}},
		{"plural forms as a table", "[n]\none = \"a\"\nfew = \"b\"\nother = \"c\"\n",
			map[string]Message{"n": {Forms: map[string]string{"one": "a", "few": "b", "other": "c"}}}},
		{"months", `months = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]`,
			map[string]Message{"months": {List: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}}}},
		{"date format", `date_format = "{d}. {MMMM} {y}, {HH}:{mm} {z}"`,
			map[string]Message{"date_format": {Forms: map[string]string{"other": "{d}. {MMMM} {y}, {HH}:{mm} {z}"}}}},
		{"empty string", `pager_hidden = ""`, map[string]Message{"pager_hidden": {Forms: map[string]string{"other": ""}}}},
		{"empty file", ``, map[string]Message{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("i18n/es.toml", []byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			for k, m := range got {
				if m.Pos.File != "i18n/es.toml" || m.Pos.Line == 0 {
					t.Errorf("%s: Pos = %v, want a line of i18n/es.toml", k, m.Pos)
				}
				m.Pos = tt.want[k].Pos
				got[k] = m
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // in the error, in this order
	}{
		{"not TOML", "by = \"Por\"\nand = \n", []string{"i18n/es.toml:2:"}},
		{"a number", "by = \"Por\"\nn = 3\n", []string{"i18n/es.toml:2:1: n must be a string or a table of plural forms, not a number"}},
		{"a boolean", "b = true", []string{"i18n/es.toml:1:1: b must be a string", "not a boolean"}},
		{"a date", "d = 2026-01-01", []string{"i18n/es.toml:1:1:", "not a date"}},
		{"a list that is not months", `by = ["a"]`, []string{"i18n/es.toml:1:1: by must be a string or a table of plural forms, not a list"}},
		{"a list of tables", "[[by]]\nother = \"x\"\n", []string{"i18n/es.toml:1:1:", "not a list of tables"}},
		{"no other form", "by = \"x\"\n[n]\none = \"a\"\n", []string{"i18n/es.toml:2:1: n has plural forms but no \"other\""}},
		{"unknown category", `n = { one = "a", other = "b", lots = "c" }`, []string{"i18n/es.toml:1:31: n: \"lots\" is not a plural category"}},
		{"form not a string", "[n]\nother = \"b\"\none = 1\n", []string{"i18n/es.toml:3:1: n.one must be a string"}},
		{"months of eleven", `months = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]`, []string{"i18n/es.toml:1:1: months has 11 items, not 12"}},
		{"months not strings", `months = [1, 2]`, []string{"i18n/es.toml:1:1: months must be a list of 12 strings"}},
		{"months a string", `months = "enero"`, []string{"months must be a list of 12 strings"}},
		{"months a table", "[months]\nother = \"x\"\n", []string{"months must be a list of 12 strings"}},
		{"unclosed placeholder", "\nby = \"Por {name\"", []string{"i18n/es.toml:2:1: by: a { that is not closed"}},
		{"stray brace", `by = "Por }"`, []string{"i18n/es.toml:1:1: by: a } that closes no placeholder"}},
		{"placeholder not a name", `by = "Por {a b}"`, []string{"placeholder {a b} is not a name"}},
		{"empty placeholder", `by = "Por {}"`, []string{"placeholder {} is not a name"}},
		{"unknown date field", `date_format = "{dd}/{MM}/{y}"`, []string{"i18n/es.toml:1:1: date_format: unknown field {dd}: use {d}, {MMMM}"}},
		{"every problem reported", "a = 1\nb = true\n", []string{"i18n/es.toml:1:1: a", "i18n/es.toml:2:1: b"}},
		{"nested too deep", "a = " + strings.Repeat("[", 20) + strings.Repeat("]", 20), []string{"i18n/es.toml:1:", "nested more than"}},
		{"too big", "a = \"" + strings.Repeat("x", maxFileBytes) + "\"", []string{"i18n/es.toml: translation file is over"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("i18n/es.toml", []byte(tt.in))
			if err == nil {
				t.Fatalf("Parse(%q): no error", tt.in)
			}
			msg := err.Error()
			for _, w := range tt.want {
				i := strings.Index(msg, w)
				if i < 0 {
					t.Fatalf("Parse(%q) error = %q, want %q in it", tt.in, msg, w)
				}
				msg = msg[i+len(w):]
			}
		})
	}
}

// FuzzParse: a translation file comes from a site's author. Whatever it
// holds, Parse returns messages or an error, never panics, and every
// message it returns can be written.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`by = "Por {authors}"`))
	f.Add([]byte("[n]\none = \"{count} nota\"\nother = \"{count} notas\"\n"))
	f.Add([]byte(`date_format = "{d} de {MMMM} de {y}"`))
	f.Add([]byte(`months = ["a", "b"]`))
	f.Add([]byte(`x = { one = "}", other = "{" }`))
	f.Fuzz(func(t *testing.T, data []byte) {
		msgs, err := Parse("i18n/x.toml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "i18n/x.toml") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		tr := (&Catalog{langs: map[string]map[string]Message{"es": msgs}}).For("es")
		for key, m := range msgs {
			if m.List != nil {
				continue
			}
			if _, ok := m.Forms["other"]; !ok {
				t.Fatalf("%s: no other form in %v", key, m.Forms)
			}
			names, _ := placeholders(m.Forms["other"])
			var args []any
			for _, n := range names {
				if n != "count" {
					args = append(args, n, "v")
				}
			}
			args = append(args, "count", 2)
			if _, err := tr.T(key, args...); err != nil {
				t.Fatalf("T(%q) of a parsed message: %v", key, err)
			}
		}
	})
}
