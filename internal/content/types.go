package content

import (
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/briefs-dev/briefs/internal/diag"
)

// The toml package decodes into a struct in the random order of its map
// and stops at the first value of the wrong type, with a line but no
// column. So the front matter is first decoded untyped and held to the
// schema here: every unknown key and every value of the wrong type is
// reported, each at its key, and diag.List sorts them into file order.

// unknownKeys reports the keys of the document, given in its order by the
// toml package, that the schema does not know. The keys inside an unknown
// table are not reported again, nor those of the free-form params.
func (s *Source) unknownKeys(keys []toml.Key, errs *diag.List) {
	defined := make(map[string]bool, len(keys))
	for _, k := range keys {
		defined[k.String()] = true
	}
	n := 0
	for _, k := range keys {
		i := schema.firstUnknown(k)
		if i < 0 || i < len(k)-1 && defined[k[:i+1].String()] {
			continue
		}
		// Finding a key's position scans the front matter: a flood of
		// unknown keys (a pasted config file) is cut short.
		if n == maxUnknownKeys {
			errs.Addf(s.tomlKeyPos(k), "and more unknown front matter keys from here on")
			return
		}
		n++
		errs.Addf(s.tomlKeyPos(k), "unknown front matter key %q%s", k.String(), diag.Suggest(k[len(k)-1], schema.siblings(k)))
	}
}

// firstUnknown returns the index of the first part of key that the schema
// does not know, or -1 when it knows them all or cannot tell: inside the
// free-form params, or below a key that holds no table (wrongTypes
// reports that key).
func (t *table) firstUnknown(key []string) int {
	for i, part := range key {
		f := t.fields[part]
		switch {
		case f == nil:
			return i
		case f.table == nil:
			return -1
		}
		t = f.table
	}
	return -1
}

// wrongTypes reports each value of raw, the untyped TOML of table t, that
// is not of the kind the schema gives its key. at is where raw is in the
// front matter, with the index of each entry of a list of tables.
func (s *Source) wrongTypes(raw map[string]any, t *table, at []string, errs *diag.List) {
	for _, f := range t.order {
		v, ok := raw[f.key]
		if !ok {
			continue
		}
		key := append(at[:len(at):len(at)], f.key)
		var want string
		switch f.kind {
		case kindString:
			if _, ok := v.(string); !ok {
				want = "a string"
			}
		case kindStrings:
			list, ok := v.([]any)
			if !ok {
				want = "a list of strings"
				break
			}
			for _, e := range list {
				if _, ok := e.(string); !ok {
					errs.Addf(s.KeyPos(key...), "%s must be a list of strings, not a list holding %s", schemaName(key), describe(e))
					break
				}
			}
		case kindBool:
			if _, ok := v.(bool); !ok {
				want = "true or false"
			}
		case kindDate:
			switch d := v.(type) {
			case time.Time:
			case string:
				// The toml package reads a quoted date as time.Time
				// reads its text: RFC 3339.
				if _, err := time.Parse(time.RFC3339, d); err != nil {
					want = "a date such as 2026-06-07T09:30:00-04:00"
				}
			default:
				want = "a date such as 2026-06-07T09:30:00-04:00"
			}
		case kindParams:
			if _, ok := v.(map[string]any); !ok {
				want = "a table"
			}
		case kindTable:
			if m, ok := v.(map[string]any); ok {
				s.wrongTypes(m, f.table, key, errs)
			} else {
				want = "a table"
			}
		case kindTables:
			if entries, ok := tableList(v); ok {
				for i, m := range entries {
					s.wrongTypes(m, f.table, append(key, strconv.Itoa(i)), errs)
				}
			} else {
				want = "a list of tables ([[" + f.key + "]])"
			}
		}
		if want != "" {
			errs.Addf(s.KeyPos(key...), "%s must be %s, not %s", schemaName(key), want, describe(v))
		}
	}
}

// tableList returns the tables of a TOML array of tables, written with
// [[headers]] or inline; false for any other value.
func tableList(v any) ([]map[string]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		ts := make([]map[string]any, len(v))
		for i, e := range v {
			t, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			ts[i] = t
		}
		return ts, true
	}
	return nil, false
}

// schemaName is the name of a key in messages: its parts joined by dots,
// without the indexes of list entries, which the position tells apart.
func schemaName(key []string) string {
	var parts []string
	for _, k := range key {
		if !isDigits([]byte(k)) {
			parts = append(parts, k)
		}
	}
	return strings.Join(parts, ".")
}

// describe names the TOML type of an untyped value.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		if v.Location().String() == "time-local" {
			return "a time of day"
		}
		return "a date"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "a list of tables"
	case []any:
		return "a list"
	}
	return "a value of another kind"
}
