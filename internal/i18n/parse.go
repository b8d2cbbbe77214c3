package i18n

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/tomlpos"
)

// Message is one translated string: a text with plural forms, or a list
// (the month names).
type Message struct {
	// Forms holds the text by CLDR plural category ("one", "other", …).
	// A message without plural forms has only "other".
	Forms map[string]string
	// List holds the items of a list message, such as months.
	List []string
	// Pos is where the message is set: file, line and column of its key.
	Pos diag.Pos
}

// Categories are the CLDR plural categories a message may have forms for.
var Categories = []string{"zero", "one", "two", "few", "many", "other"}

// lists are the keys whose values are lists, with the number of items.
var lists = map[string]int{"months": 12}

// maxFileBytes bounds a translation file, as config.toml is bounded.
const maxFileBytes = 1 << 20

// maxDepth is how deeply a translation file may nest: a key, a table of
// plural forms, a list.
const maxDepth = 8

// Parse reads the translation file named file (for errors) with text data:
// TOML whose keys are message keys and whose values are a string, a table
// of plural forms ({ one = "…", other = "…" }) or, for months, a list of
// twelve strings. Every problem is reported, each at its position.
func Parse(file string, data []byte) (map[string]Message, error) {
	if len(data) > maxFileBytes {
		return nil, diag.Errorf(diag.Pos{File: file}, "translation file is over %d bytes", maxFileBytes)
	}
	if off, ok := tomlpos.Depth(data, maxDepth); !ok {
		line, col := diag.LineCol(data, off)
		return nil, diag.Errorf(diag.Pos{File: file, Line: line, Col: col}, "nested more than %d levels", maxDepth)
	}
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, tomlpos.Error(file, 0, err)
	}
	var errs diag.List
	at := func(key ...string) diag.Pos {
		line, col := tomlpos.FindKey(data, toml.Key(key))
		return diag.Pos{File: file, Line: line, Col: col}
	}
	out := make(map[string]Message, len(raw))
	for _, key := range sortedKeys(raw) {
		pos := at(key)
		m := Message{Pos: pos}
		switch v := raw[key].(type) {
		case string:
			if n, isList := lists[key]; isList {
				errs.Addf(pos, "%s must be a list of %d strings", key, n)
				continue
			}
			m.Forms = map[string]string{"other": v}
		case map[string]any:
			if _, isList := lists[key]; isList {
				errs.Addf(pos, "%s must be a list of %d strings", key, lists[key])
				continue
			}
			m.Forms = map[string]string{}
			for _, form := range sortedKeys(v) {
				s, ok := v[form].(string)
				switch {
				case !slices.Contains(Categories, form):
					errs.Addf(at(key, form), "%s: %q is not a plural category: use %s", key, form, strings.Join(Categories, ", "))
				case !ok:
					errs.Addf(at(key, form), "%s.%s must be a string", key, form)
				default:
					m.Forms[form] = s
				}
			}
			if _, ok := v["other"]; !ok {
				errs.Addf(pos, "%s has plural forms but no \"other\", which every language needs", key)
			}
		case []any:
			n, isList := lists[key]
			if !isList {
				errs.Addf(pos, "%s must be a string or a table of plural forms, not a list", key)
				continue
			}
			for _, item := range v {
				s, ok := item.(string)
				if !ok {
					errs.Addf(pos, "%s must be a list of %d strings", key, n)
					break
				}
				m.List = append(m.List, s)
			}
			if len(m.List) != len(v) {
				continue
			}
			if len(m.List) != n {
				errs.Addf(pos, "%s has %d items, not %d", key, len(m.List), n)
				continue
			}
		default:
			errs.Addf(pos, "%s must be a string or a table of plural forms, not %s", key, typeName(v))
			continue
		}
		if err := m.check(key); err != nil {
			errs.Addf(pos, "%s: %v", key, err)
			continue
		}
		out[key] = m
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// check reports a placeholder that is not well formed in any form of m, or
// a date format's field that formatTime does not know.
func (m Message) check(key string) error {
	for _, form := range Categories {
		text, ok := m.Forms[form]
		if !ok {
			continue
		}
		names, err := placeholders(text)
		if err != nil {
			return err
		}
		if _, isFormat := formats[key]; isFormat {
			for _, n := range names {
				if !slices.Contains(dateFields, n) {
					return fmt.Errorf("unknown field {%s}: use {%s}", n, strings.Join(dateFields, "}, {"))
				}
			}
		}
	}
	return nil
}

// placeholders returns the names of the {placeholders} of text, or an
// error for a brace that does not open or close one.
func placeholders(text string) ([]string, error) {
	var names []string
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '}':
			return nil, fmt.Errorf("a } that closes no placeholder in %q", text)
		case '{':
			end := strings.IndexByte(text[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("a { that is not closed in %q", text)
			}
			name := text[i+1 : i+end]
			if !validName(name) {
				return nil, fmt.Errorf("placeholder {%s} is not a name of letters, digits and _", name)
			}
			names = append(names, name)
			i += end
		}
	}
	return names, nil
}

// validName reports whether s is a placeholder's name: ASCII letters,
// digits and underscores, not empty.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func typeName(v any) string {
	switch v.(type) {
	case int64, float64:
		return "a number"
	case bool:
		return "a boolean"
	case []map[string]any:
		return "a list of tables"
	}
	return "a date"
}
