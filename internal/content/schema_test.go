package content

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestSchemaIsTheStruct wants the schema to list exactly the fields of
// FrontMatter that have a toml tag, table by table: a field added to the
// struct is a key of the front matter, with nothing else to edit.
func TestSchemaIsTheStruct(t *testing.T) {
	var walk func(t *testing.T, typ reflect.Type, tab *table)
	walk = func(t *testing.T, typ reflect.Type, tab *table) {
		var tagged []string
		for i := range typ.NumField() {
			sf := typ.Field(i)
			key := sf.Tag.Get("toml")
			if key == "" {
				continue
			}
			tagged = append(tagged, key)
			f := tab.fields[key]
			if f == nil {
				t.Errorf("%s.%s: key %q is not in the schema", typ.Name(), sf.Name, key)
				continue
			}
			if f.index != i || f.key != key {
				t.Errorf("%s.%s: schema has %q at field %d, want %q at %d", typ.Name(), sf.Name, f.key, f.index, key, i)
			}
			switch sf.Type.Kind() {
			case reflect.Pointer, reflect.Slice:
				if elem := sf.Type.Elem(); elem.Kind() == reflect.Struct && elem.Name() != "Time" {
					if f.table == nil {
						t.Errorf("%s.%s: schema has no table for it", typ.Name(), sf.Name)
						continue
					}
					walk(t, elem, f.table)
				}
			}
		}
		slices.Sort(tagged)
		if !slices.Equal(tab.keys, tagged) {
			t.Errorf("%s: schema keys %q, want the tagged fields %q", typ.Name(), tab.keys, tagged)
		}
		if len(tab.fields) != len(tagged) || len(tab.order) != len(tagged) {
			t.Errorf("%s: schema has %d fields (%d in order), want %d", typ.Name(), len(tab.fields), len(tab.order), len(tagged))
		}
	}
	walk(t, reflect.TypeFor[FrontMatter](), schema)
}

// sample is a value for one key of the schema in TOML and in YAML, and the
// path of struct fields to it, to see that it was set.
type sample struct {
	name       string
	toml, yaml string
	path       []int
}

// samples returns, for every key of the schema, a front matter that sets
// it. A table's keys are set in an entry of their own.
func samples() []sample {
	var out []sample
	for _, f := range schema.order {
		switch f.kind {
		case kindTable, kindTables:
			for _, sub := range f.table.order {
				toml, yaml := sampleValue(sub.kind)
				header, entry := "["+f.key+"]", "  "
				if f.kind == kindTables {
					header, entry = "[["+f.key+"]]", "  - "
				}
				out = append(out, sample{
					name: f.key + "." + sub.key,
					toml: header + "\n" + sub.key + " = " + toml + "\n",
					yaml: f.key + ":\n" + entry + sub.key + ": " + yaml + "\n",
					path: []int{f.index, sub.index},
				})
			}
		case kindParams:
			out = append(out, sample{f.key, "[" + f.key + "]\nk = \"v\"\n", f.key + ":\n  k: v\n", []int{f.index}})
		default:
			toml, yaml := sampleValue(f.kind)
			if f.offset {
				toml, yaml = "2026-06-07T09:30:00-04:00", "2026-06-07T09:30:00-04:00"
			}
			out = append(out, sample{f.key, f.key + " = " + toml + "\n", f.key + ": " + yaml + "\n", []int{f.index}})
		}
	}
	return out
}

// sampleValue returns a value that is not the zero value of kind k, in
// TOML and in YAML.
func sampleValue(k kind) (toml, yaml string) {
	switch k {
	case kindString:
		return `"a b"`, `"a b"`
	case kindStrings:
		return `["a", "b"]`, `[a, b]`
	case kindBool:
		return "true", "true"
	case kindDate:
		return "2026-06-07T09:30:00", "2026-06-07T09:30:00"
	}
	panic(fmt.Sprintf("no sample of kind %d", k))
}

// fieldAt follows path from the front matter fm: a pointer or a list on
// the way is followed to its (first) element.
func fieldAt(fm *FrontMatter, path []int) reflect.Value {
	v := reflect.ValueOf(fm).Elem()
	for i, index := range path {
		v = v.Field(index)
		if i == len(path)-1 {
			break
		}
		switch v.Kind() {
		case reflect.Pointer:
			v = v.Elem()
		case reflect.Slice:
			v = v.Index(0)
		}
	}
	return v
}

// TestEveryFieldDecodes sets each key of the schema in turn, in TOML and
// in YAML, and wants the plain decoder to take the TOML, to decode it as
// the toml package does, the YAML decoder to decode the same, and the
// field to be set.
func TestEveryFieldDecodes(t *testing.T) {
	for _, tc := range samples() {
		t.Run(tc.name, func(t *testing.T) {
			plain, ok := plainDecode([]byte(tc.toml))
			if !ok {
				t.Fatalf("the plain decoder declines\n%s", tc.toml)
			}
			pkg, err := viaPackage(tc.toml)
			if err != nil {
				t.Fatalf("the toml package refuses\n%s: %v", tc.toml, err)
			}
			if !reflect.DeepEqual(plain, pkg) {
				t.Errorf("plain decoder:\n%#v\ntoml package:\n%#v", plain, pkg)
			}
			if fieldAt(&plain, tc.path).IsZero() {
				t.Errorf("the plain decoder did not set %s from\n%s", tc.name, tc.toml)
			}
			s := &Source{Path: "content/briefs/x.md", format: '-', frontStart: 2, frontText: []byte(tc.yaml)}
			if err := s.decodeYAML(plainLoc); err != nil {
				t.Fatalf("the YAML decoder refuses\n%s: %v", tc.yaml, err)
			}
			if !reflect.DeepEqual(s.Front, pkg) {
				t.Errorf("YAML decoder:\n%#v\ntoml package:\n%#v", s.Front, pkg)
			}
		})
	}
}

// TestEveryTableSuggests misspells a key of each table of the schema, in
// TOML and in YAML, and wants both decoders to name it and suggest the key.
func TestEveryTableSuggests(t *testing.T) {
	for _, tc := range samples() {
		key := tc.name[strings.LastIndex(tc.name, ".")+1:]
		if key == "params" || len(key) < 4 {
			continue // params is free-form; too short a key has no typo close enough
		}
		typo := key[:len(key)-1] // a letter dropped
		want := fmt.Sprintf(" (did you mean %q?)", key)
		t.Run(tc.name, func(t *testing.T) {
			for _, text := range []struct {
				format byte
				text   string
			}{
				{'+', strings.Replace(tc.toml, key+" =", typo+" =", 1)},
				{'-', strings.Replace(tc.yaml, key+":", typo+":", 1)},
			} {
				s := &Source{Path: "content/briefs/x.md", format: text.format, frontStart: 2, frontText: []byte(text.text)}
				var err error
				if text.format == '+' {
					err = s.decodeTOML(plainLoc)
				} else {
					err = s.decodeYAML(plainLoc)
				}
				if err == nil || !strings.Contains(err.Error(), "unknown front matter key") || !strings.HasSuffix(err.Error(), want) {
					t.Errorf("decoding %c\n%s= %v, want an unknown key ending %q", text.format, text.text, err, want)
				}
			}
		})
	}
}

// TestTableOfRefuses wants a field of a type the decoders do not know, or
// whose yaml key differs from its toml key, to stop the schema being made.
func TestTableOfRefuses(t *testing.T) {
	tests := []struct {
		name string
		typ  reflect.Type
		want string
	}{
		{"int", reflect.TypeFor[struct {
			N int `toml:"n" yaml:"n"`
		}](), "field .N is a int"},
		{"yaml tag differs", reflect.TypeFor[struct {
			S string `toml:"s" yaml:"t"`
		}](), `field .S has toml key "s" but yaml key "t"`},
		{"map of strings", reflect.TypeFor[struct {
			M map[string]string `toml:"m" yaml:"m"`
		}](), "field .M is a map[string]string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if msg, _ := r.(string); !strings.Contains(msg, tt.want) {
					t.Errorf("tableOf() panics with %v, want %q", r, tt.want)
				}
			}()
			tableOf(tt.typ)
		})
	}
}

func TestTableSiblings(t *testing.T) {
	tests := []struct {
		key  []string
		want []string // keys of the table found; nil for none
		free bool
	}{
		{[]string{"titel"}, schema.keys, false},
		{[]string{"photo", "altt"}, schema.fields["photo"].table.keys, false},
		{[]string{"go_deeper", "1", "url"}, schema.fields["go_deeper"].table.keys, false},
		{[]string{"title", "x"}, nil, false},
		{[]string{"nope", "x"}, nil, false},
		{[]string{"params", "x"}, nil, true},
		{[]string{"params", "x", "y"}, nil, true},
		{[]string{"params"}, schema.keys, false},
	}
	for _, tt := range tests {
		if got := schema.siblings(tt.key); !slices.Equal(got, tt.want) {
			t.Errorf("siblings(%q) = %q, want %q", tt.key, got, tt.want)
		}
		if got := schema.free(tt.key); got != tt.free {
			t.Errorf("free(%q) = %v, want %v", tt.key, got, tt.free)
		}
	}
}
