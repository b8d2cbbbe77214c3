package render

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// jsonWriter writes JSON indented by two spaces, byte for byte as
// encoding/json's Encoder with SetIndent("", "  ") writes it, for
// documents of a fixed shape: the Encoder marshals with reflection, then
// runs its scanner over every byte again to indent, which for a brief's
// JSON (mostly long HTML strings) costs ten times more than this.
type jsonWriter struct {
	buf   []byte
	depth int
	empty bool // the object or array just opened has nothing in it yet
}

func (w *jsonWriter) newline() {
	w.buf = append(w.buf, '\n')
	for i := 0; i < w.depth; i++ {
		w.buf = append(w.buf, "  "...)
	}
}

// next starts a member or element of the object or array open.
func (w *jsonWriter) next() {
	if !w.empty {
		w.buf = append(w.buf, ',')
	}
	w.empty = false
	w.newline()
}

func (w *jsonWriter) open(c byte) {
	w.buf = append(w.buf, c)
	w.depth++
	w.empty = true
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.empty = false
	w.buf = append(w.buf, c)
}

func (w *jsonWriter) openObject()  { w.open('{') }
func (w *jsonWriter) closeObject() { w.close('}') }
func (w *jsonWriter) openArray()   { w.open('[') }
func (w *jsonWriter) closeArray()  { w.close(']') }

// key starts the member named k of the object open.
func (w *jsonWriter) key(k string) {
	w.next()
	w.buf = appendJSONString(w.buf, k)
	w.buf = append(w.buf, ": "...)
}

// element starts an element of the array open.
func (w *jsonWriter) element() { w.next() }

func (w *jsonWriter) str(k, v string) {
	w.key(k)
	w.buf = appendJSONString(w.buf, v)
}

func (w *jsonWriter) int(k string, v int) {
	w.key(k)
	w.buf = strconv.AppendInt(w.buf, int64(v), 10)
}

func (w *jsonWriter) bool(k string, v bool) {
	w.key(k)
	w.buf = strconv.AppendBool(w.buf, v)
}

// value writes v, of any type, as the member k, with encoding/json.
func (w *jsonWriter) value(k string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.key(k)
	var b bytes.Buffer
	prefix := bytes.Repeat([]byte("  "), w.depth)
	if err := json.Indent(&b, data, string(prefix), "  "); err != nil {
		return err
	}
	w.buf = append(w.buf, b.Bytes()...)
	return nil
}

const hexDigits = "0123456789abcdef"

// jsonPlain[b] reports whether the byte b stands for itself in a JSON
// string as appendJSONString writes it: printable ASCII but for ", \, <, >
// and &. Bytes from 0x80 up are false, as they start or continue a
// multi-byte character, which needs a closer look.
var jsonPlain = func() (t [256]bool) {
	for b := ' '; b < utf8.RuneSelf; b++ {
		t[b] = true
	}
	for _, b := range `"\<>&` {
		t[b] = false
	}
	return t
}()

// appendJSONString appends s as encoding/json writes a string with HTML
// escaping on, as its Marshal and Encoder do by default: <, > and & as
// \u003c, \u003e and \u0026, control characters escaped, invalid UTF-8 as
// \ufffd, and U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0 // s[start:i] needs no escaping and is not yet in dst
	for i := 0; ; {
		// Skip the bytes that need no escaping, four at a time while there
		// are four: fewer loop tests, which benchmarks faster on the text
		// between tags.
		for i+4 <= len(s) && jsonPlain[s[i]] && jsonPlain[s[i+1]] && jsonPlain[s[i+2]] && jsonPlain[s[i+3]] {
			i += 4
		}
		for i < len(s) && jsonPlain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if b := s[i]; b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
