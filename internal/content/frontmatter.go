package content

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/tomlpos"
)

// lineOffset is what to add to a line of the front matter text to get the
// line of the file.
func (s *Source) lineOffset() int { return s.frontStart - 1 }

// padded returns the front matter text after blank lines in place of the
// lines above it, so that the decoders' own line numbers, also those in the
// text of their errors, are the lines of the file.
func (s *Source) padded() []byte {
	return append(bytes.Repeat([]byte("\n"), s.lineOffset()), s.frontText...)
}

func (s *Source) decodeTOML(loc *time.Location) error {
	if decodePlainTOML(s.frontText, loc, &s.Front) {
		return nil
	}
	return s.decodeTOMLPackage(loc)
}

// decodeTOMLPackage decodes the front matter with the toml package, which
// takes all of TOML and says what is wrong and where.
func (s *Source) decodeTOMLPackage(loc *time.Location) error {
	text := s.padded()
	// Untyped first: the syntax, then every unknown key and wrong type
	// (types.go), all at once and in file order.
	var raw map[string]any
	md, err := toml.NewDecoder(bytes.NewReader(text)).Decode(&raw)
	if err != nil {
		return tomlpos.Error(s.Path, 0, err)
	}
	var errs diag.List
	s.unknownKeys(md.Keys(), &errs)
	s.wrongTypes(raw, schema, nil, &errs)
	if len(errs) > 0 {
		return errs.Err()
	}
	if _, err := toml.NewDecoder(bytes.NewReader(text)).Decode(&s.Front); err != nil {
		return tomlpos.Error(s.Path, 0, err)
	}
	// The toml package decodes a time.Time field through its text form,
	// which turns a date without an offset into one in the build machine's
	// zone. Its untyped values still say which dates had no offset.
	s.fixLocalDates(raw, schema, reflect.ValueOf(&s.Front).Elem(), loc, nil, &errs)
	return errs.Err()
}

// fixLocalDates gives the dates of the table v (a struct that the toml
// package decoded from raw) that were written without an offset the
// site's time zone loc, and reports those that are only a time of day.
// key is where v is in the front matter.
func (s *Source) fixLocalDates(raw map[string]any, t *table, v reflect.Value, loc *time.Location, key []string, errs *diag.List) {
	for _, f := range t.order {
		at := append(key[:len(key):len(key)], f.key)
		fv := v.Field(f.index)
		switch f.kind {
		case kindDate:
			lt, ok := raw[f.key].(time.Time)
			if !ok {
				continue
			}
			switch lt.Location().String() {
			case "time-local":
				errs.Addf(s.KeyPos(at...), "%s needs a date, not only a time of day", f.key)
			case "datetime-local", "date-local":
				if f.offset {
					errs.Addf(s.KeyPos(at...), "%s", noOffset(f.key))
					continue
				}
				t, err := inZone(lt, loc)
				if err != nil {
					errs.Addf(s.KeyPos(at...), "%s %v", f.key, err)
					continue
				}
				fv.Set(reflect.ValueOf(t))
			}
		case kindTable:
			if m, ok := raw[f.key].(map[string]any); ok && !fv.IsNil() {
				s.fixLocalDates(m, f.table, fv.Elem(), loc, at, errs)
			}
		case kindTables:
			ts, _ := tableList(raw[f.key]) // wrongTypes found every entry a table
			for i, m := range ts {
				if i < fv.Len() {
					s.fixLocalDates(m, f.table, fv.Index(i), loc, append(at, strconv.Itoa(i)), errs)
				}
			}
		}
	}
}

// maxUnknownKeys is how many unknown keys of one brief are reported.
const maxUnknownKeys = 50

func (s *Source) tomlKeyPos(key []string) diag.Pos {
	line, col := tomlpos.FindKey(s.frontText, key)
	if line == 0 {
		return diag.Pos{File: s.Path, Line: 1, Col: 1}
	}
	return diag.Pos{File: s.Path, Line: line + s.lineOffset(), Col: col}
}

func (s *Source) keyPos(key []string) (diag.Pos, bool) {
	if s.format == '-' {
		p, ok := s.yamlKeys[strings.Join(key, ".")]
		return p, ok
	}
	// TOML arrays of tables repeat their header: find the i-th one.
	if len(key) >= 2 {
		if i, err := strconv.Atoi(key[1]); err == nil {
			return s.tomlArrayPos(key[0], i, key[2:])
		}
	}
	p := s.tomlKeyPos(key)
	return p, p.Line > 1 || key[0] == ""
}

// tomlArrayPos finds key inside the n-th [[table]] entry. The lines of the
// entries' headers are found once per brief: a brief with thousands of
// broken entries would otherwise scan the front matter for each.
func (s *Source) tomlArrayPos(table string, n int, key []string) (diag.Pos, bool) {
	if s.lines == nil {
		s.lines = bytes.Split(s.frontText, []byte("\n"))
		s.headers = map[string][]int{}
		for i, l := range s.lines {
			t := strings.TrimSpace(string(l))
			if !strings.HasPrefix(t, "[[") {
				continue
			}
			// "[[ name ]] # comment"
			name, _, _ := strings.Cut(t, "]]")
			name = strings.TrimSpace(name[2:])
			s.headers[name] = append(s.headers[name], i)
		}
	}
	headers := s.headers[table]
	if n >= len(headers) {
		return diag.Pos{}, false
	}
	first := headers[n]
	if len(key) == 0 {
		return diag.Pos{File: s.Path, Line: first + 1 + s.lineOffset(), Col: 1}, true
	}
	for i := first + 1; i < len(s.lines); i++ {
		l := s.lines[i]
		t := strings.TrimSpace(string(l))
		if strings.HasPrefix(t, "[") {
			break // left the entry without finding key
		}
		if k, _, ok := strings.Cut(t, "="); ok && strings.TrimSpace(k) == key[0] {
			col := len(l) - len(bytes.TrimLeft(l, " \t")) + 1
			return diag.Pos{File: s.Path, Line: i + 1 + s.lineOffset(), Col: col}, true
		}
	}
	return diag.Pos{}, false
}

func (s *Source) decodeYAML(loc *time.Location) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(s.padded(), &doc); err != nil {
		return s.yamlError(err)
	}
	if len(doc.Content) == 0 {
		return nil // empty front matter: the required fields are reported later
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return diag.Errorf(s.yamlPos(root), "front matter must be a mapping of keys to values")
	}
	s.yamlKeys = map[string]diag.Pos{}
	var errs diag.List
	s.checkYAML(root, schema, "", loc, &errs)
	if len(errs) > 0 {
		return errs.Err()
	}
	if err := root.Decode(&s.Front); err != nil {
		return s.yamlError(err)
	}
	return nil
}

// checkYAML records the position of every key under n, the YAML of table
// t, reports unknown keys, and rewrites date values into timestamps in the
// site's time zone.
func (s *Source) checkYAML(n *yaml.Node, t *table, prefix string, loc *time.Location, errs *diag.List) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := prefix + k.Value
		s.yamlKeys[name] = s.yamlPos(k)
		f := t.fields[k.Value]
		if f == nil {
			errs.Addf(s.yamlPos(k), "unknown front matter key %q%s", name, diag.Suggest(k.Value, t.keys))
			continue
		}
		switch f.kind {
		case kindDate:
			if v.Kind != yaml.ScalarNode {
				errs.Addf(s.yamlPos(v), "%s must be a date such as 2026-06-07T09:30:00-04:00", k.Value)
				continue
			}
			date, err := parseTime(v.Value, loc)
			if err != nil {
				errs.Addf(s.yamlPos(v), "%s: %v", k.Value, err)
				continue
			}
			if _, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(v.Value)); f.offset && err != nil {
				errs.Addf(s.yamlPos(v), "%s", noOffset(k.Value))
				continue
			}
			v.Tag, v.Value, v.Style = "!!timestamp", date.Format(time.RFC3339Nano), 0
		case kindTable:
			if v.Kind == yaml.MappingNode {
				s.checkYAML(v, f.table, name+".", loc, errs)
			}
		case kindTables:
			if v.Kind != yaml.SequenceNode {
				continue // Decode reports the type
			}
			for j, item := range v.Content {
				at := fmt.Sprintf("%s.%d", name, j)
				s.yamlKeys[at] = s.yamlPos(item)
				if item.Kind == yaml.MappingNode {
					s.checkYAML(item, f.table, at+".", loc, errs)
				}
			}
		}
	}
}

func (s *Source) yamlPos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: s.Path, Line: n.Line, Col: n.Column}
}

// yamlError gives a YAML error the brief's path and line. The yaml package
// reports "yaml: line N: msg"; its TypeError holds such lines too.
func (s *Source) yamlError(err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	var errs diag.List
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		pos := diag.Pos{File: s.Path, Line: 1}
		if rest, ok := strings.CutPrefix(m, "line "); ok {
			if num, msg, ok := strings.Cut(rest, ": "); ok {
				if n, err := strconv.Atoi(num); err == nil {
					if yamlParserProblems[msg] {
						n++ // the parser reports its 0-based line
					}
					pos.Line, m = n, msg
				}
			}
		}
		errs.Addf(pos, "%s", m)
	}
	return errs.Err()
}

// yamlParserProblems are the messages of the yaml parser (as opposed to its
// scanner). For them the yaml package prints the 0-based line of the
// construct being parsed, not a 1-based one; it has no other way to give
// the position.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found duplicate %TAG directive":         true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
}

// parseTime reads a date as written in front matter. Dates without an offset
// are in loc, the site's time zone.
func parseTime(v string, loc *time.Location) (time.Time, error) {
	v = strings.TrimSpace(v)
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, nil
	}
	for _, layout := range timeLayouts[1:] {
		if t, err := time.Parse(layout, v); err == nil {
			return inZone(t, loc)
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date such as 2026-06-07T09:30:00-04:00 or 2026-06-07", v)
}

// noOffset is the error for a moment written without its offset.
func noOffset(key string) string {
	return key + " needs an offset, such as 2026-06-07T09:30:00-04:00 or 2026-06-07T13:30:00Z: " +
		"an embargo must not depend on the time zone of the machine that builds"
}
