package render

import (
	"bytes"
	"strings"
	"time"
)

// What compiled_edition.go, the default theme's edition written out in Go,
// still uses of the escaping helpers of the Go-written pages: it goes, and
// this file with it, once the edition is rendered through its template.

// writeNameSeparator writes what goes before the i-th of n names in a
// byline, "A, B and C": nothing, ", " or " and ".
func writeNameSeparator(w *bytes.Buffer, i, n int) {
	switch {
	case i == 0:
	case i+1 == n:
		w.WriteString(" and ")
	default:
		w.WriteString(", ")
	}
}

// date and timeOfDay are the template functions of the same names.
func (r *Renderer) date(t time.Time) string      { return formatDate(t, r.loc) }
func (r *Renderer) timeOfDay(t time.Time) string { return formatTimeOfDay(t, r.loc) }

// escape writes s as html/template escapes a string in text, in a quoted
// attribute value and in a title element: its htmlEscaper, attrEscaper and
// rcdataEscaper agree on strings. No byte of a multi-byte UTF-8 sequence is
// below 0x80, so the bytes can be looked at one by one.
func escape(w *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(repl)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// escapeURL writes the URL u as html/template does in a URL attribute
// (href, src): its urlFilter, urlNormalizer and attrEscaper in turn.
func escapeURL(w *bytes.Buffer, u string) {
	if !safeURL(u) {
		w.WriteString("#" + unsafeURL)
		return
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == '&':
			w.WriteString("&amp;")
		case c == '+':
			w.WriteString("&#43;")
		case urlKeeps(c) || c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			w.WriteByte(c)
		default:
			w.WriteByte('%')
			w.WriteByte(lowerHex[c>>4])
			w.WriteByte(lowerHex[c&15])
		}
	}
}

// unsafeURL is what html/template writes in place of a URL with a scheme
// other than http, https and mailto.
const unsafeURL = "ZgotmplZ"

// safeURL is html/template's isSafeURL.
func safeURL(u string) bool {
	for i := 0; i < len(u); i++ {
		switch u[i] {
		case '/':
			return true
		case ':':
			scheme := u[:i]
			return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
		}
	}
	return true
}

// urlKeeps reports whether html/template's urlNormalizer leaves the byte c
// as it is (but for '%', which it keeps before two hex digits).
func urlKeeps(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']', '-', '.', '_', '~':
		return true
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

const lowerHex = "0123456789abcdef"
