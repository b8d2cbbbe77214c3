package content

import (
	"bytes"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// decodePlainTOML decodes front matter written in the plain TOML that
// briefs use into *front, which must be zero, without the toml package:
// one key = value a line, [table] headers and [[entries]] of lists of
// tables, values that are one-line strings, one-line arrays of strings,
// booleans and dates. The keys and what each holds come from the schema,
// as for the toml package. It reports false, and leaves *front zero, for
// anything else, and for anything that is wrong: a key the schema does not
// know, a key given twice, a value of the wrong type. decodeTOML then
// decodes the text with the toml package, which also says what is wrong
// and where. So a front matter this decoder takes decodes as the toml
// package and decodeTOML would decode it; FuzzPlainTOML and
// TestEveryFieldDecodes hold it to that.
//
// The toml package's reflection, and decoding twice to find dates without
// an offset, were a tenth of a build's CPU time.
func decodePlainTOML(text []byte, loc *time.Location, front *FrontMatter) bool {
	d := plainTOML{front: reflect.ValueOf(front).Elem(), loc: loc, schema: schema}
	d.into = d.front
	for len(text) > 0 {
		line, rest, newline := cutLine(text)
		if newline {
			line = bytes.TrimSuffix(line, []byte("\r")) // a CRLF line end
		}
		text = rest
		if !d.line(trimBlank(line)) {
			*front = FrontMatter{}
			return false
		}
	}
	return true
}

// plainTOML is the state of decodePlainTOML: the front matter so far, the
// table that keys go into and the keys that table already has.
type plainTOML struct {
	front  reflect.Value // the FrontMatter
	loc    *time.Location
	schema *table         // the keys of the table
	into   reflect.Value  // the struct that the table's values go into
	params map[string]any // in a free-form table, the map its values go into
	seen   []string       // the keys of the table so far
}

// line decodes one line, without its leading blanks.
func (d *plainTOML) line(l []byte) bool {
	switch {
	case len(l) == 0:
		return true
	case l[0] == '#':
		return validComment(l)
	case l[0] == '[':
		return d.header(l)
	}
	n := 0
	for n < len(l) && isBareKeyByte(l[n]) {
		n++
	}
	key := string(l[:n])
	rest := trimBlank(l[n:])
	if n == 0 || len(rest) == 0 || rest[0] != '=' || slices.Contains(d.seen, key) {
		return false
	}
	d.seen = append(d.seen, key)
	return d.value(key, trimBlank(rest[1:]))
}

// header starts a [table] of the front matter, once, or a new entry of a
// list of tables.
func (d *plainTOML) header(l []byte) bool {
	name, rest := bracketed(l, "[[", "]]")
	list := name != ""
	if !list {
		name, rest = bracketed(l, "[", "]")
	}
	f := schema.fields[name]
	if f == nil {
		return false
	}
	v := d.front.Field(f.index)
	d.params = nil
	switch {
	case list && f.kind == kindTables:
		n := v.Len()
		v.Grow(1)
		v.SetLen(n + 1)
		d.into = v.Index(n)
		d.into.SetZero()
	case !list && f.kind == kindTable && v.IsNil():
		v.Set(reflect.New(v.Type().Elem()))
		d.into = v.Elem()
	case !list && f.kind == kindParams && v.IsNil():
		d.params = map[string]any{}
		v.Set(reflect.ValueOf(d.params))
	default:
		return false
	}
	d.schema, d.seen = f.table, d.seen[:0]
	return endOfLine(rest)
}

// bracketed returns the name between open and close at the start of l, and
// what follows; the name is "" unless it is a bare key with no blanks.
func bracketed(l []byte, open, close string) (name string, rest []byte) {
	if !bytes.HasPrefix(l, []byte(open)) {
		return "", nil
	}
	l = l[len(open):]
	n := 0
	for n < len(l) && isBareKeyByte(l[n]) {
		n++
	}
	if n == 0 || !bytes.HasPrefix(l[n:], []byte(close)) {
		return "", nil
	}
	return string(l[:n]), l[n+len(close):]
}

// value decodes the value v of key into the field the schema gives it in
// the current table.
func (d *plainTOML) value(key string, v []byte) bool {
	if d.params != nil {
		return plainParam(v, d.params, key)
	}
	f := d.schema.fields[key]
	if f == nil {
		return false
	}
	dst := d.into.Field(f.index).Addr().Interface()
	switch f.kind {
	case kindString:
		str, rest, ok := plainString(v)
		if !ok {
			return false
		}
		*dst.(*string) = str
		return endOfLine(rest)
	case kindStrings:
		return plainStrings(v, dst.(*[]string))
	case kindBool:
		return plainBool(v, dst.(*bool))
	case kindDate:
		return d.date(v, dst.(*time.Time), f.offset)
	}
	return false // a table written inline, left to the toml package
}

// plainParam decodes a string or boolean parameter of the brief's own;
// other values are left to the toml package.
func plainParam(v []byte, params map[string]any, key string) bool {
	if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
		s, rest, ok := plainString(v)
		params[key] = s
		return ok && endOfLine(rest)
	}
	var b bool
	ok := plainBool(v, &b)
	params[key] = b
	return ok
}

// plainString decodes the one-line basic or literal string at the start of
// v, and returns what follows it. Multi-line strings, the escapes of TOML
// 1.1 and anything TOML refuses are left to the toml package.
func plainString(v []byte) (s string, rest []byte, ok bool) {
	if len(v) < 2 || (v[0] != '"' && v[0] != '\'') || v[1] == v[0] && len(v) > 2 && v[2] == v[0] {
		return "", nil, false
	}
	quote := v[0]
	var buf []byte // the string, once an escape makes it differ from the text
	start := 1
	for i := 1; i < len(v); i++ {
		c := v[i]
		switch {
		case c == quote:
			if buf != nil {
				return string(append(buf, v[start:i]...)), v[i+1:], true
			}
			return string(v[1:i]), v[i+1:], true
		case c < ' ' && c != '\t' || c == 0x7f:
			return "", nil, false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(v[i:])
			if r == utf8.RuneError && size == 1 {
				return "", nil, false
			}
			i += size - 1
		case c == '\\' && quote == '"':
			r, size := plainEscape(v[i:])
			if size == 0 {
				return "", nil, false
			}
			buf = utf8.AppendRune(append(buf, v[start:i]...), r)
			i += size - 1
			start = i + 1
		}
	}
	return "", nil, false // not closed on this line
}

// plainEscape decodes the escape sequence at the start of e, which starts
// with a backslash, and returns its length; 0 for one it does not take.
func plainEscape(e []byte) (rune, int) {
	if len(e) < 2 {
		return 0, 0
	}
	switch e[1] {
	case 'b':
		return '\b', 2
	case 't':
		return '\t', 2
	case 'n':
		return '\n', 2
	case 'f':
		return '\f', 2
	case 'r':
		return '\r', 2
	case '"':
		return '"', 2
	case '\\':
		return '\\', 2
	case 'u', 'U':
		n := 4
		if e[1] == 'U' {
			n = 8
		}
		if len(e) < 2+n {
			return 0, 0
		}
		for _, c := range e[2 : 2+n] {
			if !isHexDigit(c) {
				return 0, 0
			}
		}
		code, err := strconv.ParseUint(string(e[2:2+n]), 16, 32)
		if err != nil || !utf8.ValidRune(rune(code)) {
			return 0, 0
		}
		return rune(code), 2 + n
	}
	return 0, 0
}

// plainStrings decodes a one-line array of strings into *dst.
func plainStrings(v []byte, dst *[]string) bool {
	if len(v) == 0 || v[0] != '[' {
		return false
	}
	list := []string{}
	v = trimBlank(v[1:])
	for len(v) > 0 && v[0] != ']' {
		s, rest, ok := plainString(v)
		if !ok {
			return false
		}
		list = append(list, s)
		v = trimBlank(rest)
		if len(v) > 0 && v[0] == ',' {
			v = trimBlank(v[1:])
		} else if len(v) > 0 && v[0] != ']' {
			return false
		}
	}
	if len(v) == 0 {
		return false // not closed on this line
	}
	*dst = list
	return endOfLine(v[1:])
}

// plainBool decodes true or false into *dst.
func plainBool(v []byte, dst *bool) bool {
	word, rest := plainWord(v)
	switch string(word) {
	case "true":
		*dst = true
	case "false":
		*dst = false
	default:
		return false
	}
	return endOfLine(rest)
}

// date decodes a date into *dst: an offset date-time
// (2026-06-07T09:30:00-04:00 or …Z), or a local date-time or date, which
// is read in the site's time zone as decodeTOML reads it. Other forms
// (fractions of a second, a space or lower-case T, no seconds) are left to
// the toml package, and so is a local date or date-time when needOffset is
// set: decodeTOML reports it.
func (d *plainTOML) date(v []byte, dst *time.Time, needOffset bool) bool {
	word, rest := plainWord(v)
	const local = "2006-01-02T15:04:05"
	var layout string
	switch {
	case len(word) == len("2006-01-02"):
		layout = local[:len("2006-01-02")]
	case len(word) == len(local):
		layout = local
	case len(word) == len(local+"Z") && word[len(local)] == 'Z':
		layout = time.RFC3339
	case len(word) == len(local+"-07:00") && (word[len(local)] == '+' || word[len(local)] == '-'):
		if !validOffset(word[len(local)+1:]) {
			return false
		}
		layout = time.RFC3339
	default:
		return false
	}
	if needOffset && layout != time.RFC3339 {
		return false
	}
	// time.Parse takes a digit too few; TOML does not.
	for i := 0; i < len(local) && i < len(word); i++ {
		if isDigit(local[i]) != isDigit(word[i]) || !isDigit(local[i]) && local[i] != word[i] {
			return false
		}
	}
	t, err := time.Parse(layout, string(word))
	if err != nil {
		return false
	}
	if _, offset := t.Zone(); layout == time.RFC3339 && offset == 0 {
		// toml writes the time as RFC 3339 text and reads it back: a
		// zero offset comes back as UTC.
		t = t.UTC()
	} else if layout != time.RFC3339 {
		if t, err = inZone(t, d.loc); err != nil {
			return false // decodeTOML reports it, with its position
		}
	}
	*dst = t
	return endOfLine(rest)
}

// validOffset reports whether b is a zone offset hh:mm that the RFC 3339
// text takes, through which toml decodes a time.Time: under 24 hours.
func validOffset(b []byte) bool {
	return len(b) == 5 && isDigits(b[:2]) && b[2] == ':' && isDigits(b[3:]) && string(b[:2]) < "24" && b[3] < '6'
}

// plainWord returns the bytes of v up to a blank or a comment, and the rest.
func plainWord(v []byte) (word, rest []byte) {
	n := 0
	for n < len(v) && v[n] != ' ' && v[n] != '\t' && v[n] != '#' {
		n++
	}
	return v[:n], v[n:]
}

// endOfLine reports whether rest holds only blanks and a comment.
func endOfLine(rest []byte) bool {
	rest = trimBlank(rest)
	return len(rest) == 0 || rest[0] == '#' && validComment(rest)
}

// validComment reports whether TOML takes comment c: no control
// characters but tabs.
func validComment(c []byte) bool {
	for _, b := range c {
		if b < ' ' && b != '\t' || b == 0x7f {
			return false
		}
	}
	return utf8.Valid(c)
}

// trimBlank drops leading spaces and tabs, TOML's whitespace.
func trimBlank(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	return b
}

func isBareKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c) || c == '_' || c == '-'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isDigits(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
