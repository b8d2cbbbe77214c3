package content

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
)

// The front matter schema is FrontMatter itself: its toml tags name the
// keys a brief may use, and the types of its fields say what each holds.
// schema is derived from them once. The checks of unknown keys (TOML and
// YAML), the "did you mean" suggestions, dates written without an offset
// and the plain TOML decoder all read it, so that a new field is added in
// one place: the struct.
var schema = tableOf(reflect.TypeFor[FrontMatter]())

// kind is what a front matter key holds, as far as the decoders care.
type kind int

const (
	kindString  kind = iota // string
	kindStrings             // []string
	kindBool                // bool
	kindDate                // time.Time
	kindTable               // *struct: a [table]
	kindTables              // []struct: [[entries]]
	kindParams              // map[string]any: free-form, not checked
)

// field is one key of a table of the schema.
type field struct {
	key   string
	index int // of the struct field it decodes into
	kind  kind
	table *table // the keys of a kindTable, or of each kindTables entry
	// offset is set for a date that must be written with its offset (tag
	// offset:"required"): a moment such as an embargo, which must not
	// depend on the site's or the build machine's time zone.
	offset bool
}

// table is the keys of the front matter, or of one of its tables.
type table struct {
	fields map[string]*field
	order  []*field // as in the struct
	keys   []string // sorted: the candidates of a suggestion
}

// tableOf derives the table of a struct type from its toml tags. It panics
// on a field of a type the decoders do not know, and on a yaml tag that
// differs from the toml tag: schema is made at start-up, so such a field
// fails every test at once.
func tableOf(t reflect.Type) *table {
	tab := &table{fields: map[string]*field{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		key, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
		if key == "" || key == "-" {
			continue
		}
		if y, _, _ := strings.Cut(sf.Tag.Get("yaml"), ","); y != key {
			panic(fmt.Sprintf("content: field %s.%s has toml key %q but yaml key %q", t.Name(), sf.Name, key, y))
		}
		f := &field{key: key, index: i, kind: kindOf(t, sf), offset: sf.Tag.Get("offset") == "required"}
		switch f.kind {
		case kindTable, kindTables:
			f.table = tableOf(sf.Type.Elem())
		}
		tab.fields[key] = f
		tab.order = append(tab.order, f)
		tab.keys = append(tab.keys, key)
	}
	slices.Sort(tab.keys)
	return tab
}

// kindOf returns the kind of a struct field of t.
func kindOf(t reflect.Type, sf reflect.StructField) kind {
	ft := sf.Type
	switch {
	case ft == reflect.TypeFor[string]():
		return kindString
	case ft == reflect.TypeFor[[]string]():
		return kindStrings
	case ft == reflect.TypeFor[bool]():
		return kindBool
	case ft == reflect.TypeFor[time.Time]():
		return kindDate
	case ft == reflect.TypeFor[map[string]any]():
		return kindParams
	case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
		return kindTable
	case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
		return kindTables
	}
	panic(fmt.Sprintf("content: field %s.%s is a %s: the front matter decoders take only string, []string, bool, time.Time, map[string]any, and pointers to or slices of structs of those", t.Name(), sf.Name, ft))
}

// siblings returns the keys of the table that holds the last part of key,
// such as ("photo", "alt") or ("go_deeper", "1", "url"), to suggest one of
// them for a misspelt key; nil when a part before the last is no table of
// the schema. Parts that are numbers, entries of a list, are skipped.
func (t *table) siblings(key []string) []string {
	for _, k := range key[:max(len(key)-1, 0)] {
		if k != "" && isDigits([]byte(k)) {
			continue
		}
		f := t.fields[k]
		if f == nil || f.table == nil {
			return nil
		}
		t = f.table
	}
	return t.keys
}

// free reports whether key lies inside a free-form table (params), whose
// keys the schema does not check.
func (t *table) free(key []string) bool {
	for _, k := range key[:max(len(key)-1, 0)] {
		if k != "" && isDigits([]byte(k)) {
			continue
		}
		f := t.fields[k]
		switch {
		case f == nil:
			return false
		case f.kind == kindParams:
			return true
		case f.table == nil:
			return false
		}
		t = f.table
	}
	return false
}
