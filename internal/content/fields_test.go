package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// minimalBrief writes a brief with every table of the schema and, in
// each, only the keys Fields marks required (and a go_deeper ref, since
// an entry needs a ref or a url), leaving out the key skip ("photo.alt").
func minimalBrief(skip string) string {
	var top, tables strings.Builder
	top.WriteString("+++\n")
	value := func(key string, f Field) string {
		switch f.Kind {
		case "date":
			return "2026-05-01T09:00:00Z"
		case "strings":
			return `["x"]`
		case "bool":
			return "false"
		}
		if key == "photo.src" {
			return `"https://example.org/p.jpg"`
		}
		return `"x"`
	}
	for _, f := range Fields() {
		switch f.Kind {
		case "table", "tables":
			header := "[" + f.Key + "]"
			if f.Kind == "tables" {
				header = "[[" + f.Key + "]]"
			}
			fmt.Fprintf(&tables, "%s\n", header)
			if f.Key == "go_deeper" {
				tables.WriteString("ref = \"briefs/other\"\n")
			}
			for _, g := range f.Fields {
				if key := f.Key + "." + g.Key; g.Required && key != skip {
					fmt.Fprintf(&tables, "%s = %s\n", g.Key, value(key, g))
				}
			}
		default:
			if f.Required && f.Key != skip {
				fmt.Fprintf(&top, "%s = %s\n", f.Key, value(f.Key, f))
			}
		}
	}
	return top.String() + tables.String() + "+++\nLede.\n"
}

// TestFieldsRequired holds Fields' Required flags to what Parse refuses:
// a brief with only the required keys loads, and without any one of them
// does not.
func TestFieldsRequired(t *testing.T) {
	const name = "content/briefs/x/index.md"
	if _, err := Parse(name, []byte(minimalBrief("")), Options{}); err != nil {
		t.Fatalf("a brief with only the required keys does not load: %v\n%s", err, minimalBrief(""))
	}
	var keys []string
	for _, f := range Fields() {
		if f.Required {
			keys = append(keys, f.Key)
		}
		for _, g := range f.Fields {
			if g.Required {
				keys = append(keys, f.Key+"."+g.Key)
			}
		}
	}
	if len(keys) != len(required) {
		t.Errorf("Fields marks %q required; the list has %d keys: one names no key of the schema", keys, len(required))
	}
	for _, key := range keys {
		t.Run(key, func(t *testing.T) {
			if _, err := Parse(name, []byte(minimalBrief(key)), Options{}); err == nil {
				t.Errorf("a brief without %s loads, but Fields marks it required:\n%s", key, minimalBrief(key))
			}
		})
	}
}

// TestFields: every field of FrontMatter is in Fields, with its kind.
func TestFields(t *testing.T) {
	got := map[string]string{}
	for _, f := range Fields() {
		got[f.Key] = f.Kind
		if !slices.Contains(Kinds, f.Kind) {
			t.Errorf("%s: kind %q is not one of Kinds", f.Key, f.Kind)
		}
	}
	for key, kind := range map[string]string{"title": "string", "date": "date", "authors": "strings", "draft": "bool",
		"photo": "table", "go_deeper": "tables", "params": "params", "publish_at": "date"} {
		if got[key] != kind {
			t.Errorf("Fields()[%s] kind = %q, want %q", key, got[key], kind)
		}
	}
	if len(got) != len(schema.order) {
		t.Errorf("Fields() has %d keys, the schema %d", len(got), len(schema.order))
	}
}
