package tomlpos

import (
	"bytes"
	"regexp"
	"strconv"

	"github.com/briefs-dev/briefs/internal/diag"
)

// typeError matches the error the toml package returns when a value does
// not fit the Go field it decodes into. The package gives the line of the
// key, when it knows it, and the key, but no column.
var typeError = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key ("(?:[^"\\]|\\.)*")\): ` +
	`(?:incompatible types: TOML value has type (.+); destination has type (.+)|type mismatch for .+: expected (table) but found (.+))$`)

// The names the toml package gives the types of values and fields, in
// words for an editor.
var (
	valueTypes = map[string]string{
		"string": "a string", "int64": "a whole number", "float64": "a number", "bool": "true or false",
		"time.Time": "a date", "[]any": "an array", "map[string]any": "a table", "[]map[string]any": "an array of tables",
	}
	fieldTypes = map[string]string{
		"string": "a string in quotes", "integer": "a whole number", "float": "a number", "boolean": "true or false",
		"slice": "an array", "map": "a table", "table": "a table", "primitive (string-like)": "a string in quotes",
	}
)

// ErrorIn is Error for a whole TOML document src: a value of the wrong
// type is reported at its line and column, with the key and the type the
// setting needs.
func ErrorIn(file string, src []byte, err error) error {
	m := typeError.FindStringSubmatch(err.Error())
	if m == nil {
		return Error(file, 0, err)
	}
	dotted, uerr := strconv.Unquote(m[2])
	if uerr != nil {
		return Error(file, 0, err)
	}
	key := splitDotted(dotted)
	line, _ := strconv.Atoi(m[1])
	var col int
	if line > 0 {
		col = valueColumn(src, line)
	} else {
		line, col = FindKey(src, key)
	}
	field, value := m[4]+m[5], m[3]+m[6] // one pair is empty
	want, got := fieldTypes[field], valueTypes[value]
	if want == "" {
		want = field
	}
	if got == "" {
		got = value
	}
	return &diag.Error{
		Pos: diag.Pos{File: file, Line: line, Col: col},
		Msg: dotted + " must be " + want + ", not " + got,
		Err: err,
	}
}

// valueColumn returns the column of the value set on line of src: the
// first character after the line's "=", or 0 when the line has none.
func valueColumn(src []byte, line int) int {
	lines := bytes.Split(src, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 0
	}
	text := lines[line-1]
	eq := bytes.IndexByte(text, '=')
	if eq < 0 {
		return 0
	}
	col := eq + 1
	for col < len(text) && (text[col] == ' ' || text[col] == '\t') {
		col++
	}
	return col + 1
}
