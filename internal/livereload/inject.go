package livereload

import (
	"bytes"
	"strconv"
)

// scriptTag is what Inject inserts.
const scriptTag = `<script src="` + ScriptPath + `" defer></script>`

// Inject returns html with a script tag loading ScriptPath inserted right
// after the opening <head> tag (any case, attributes allowed), or before the
// first tag when there is no <head>, or at the start when there is no tag
// at all. Doctypes, comments and processing instructions are not tags here,
// so the doctype stays first. Inject never modifies html.
func Inject(html []byte) []byte { return inject(html, scriptTag) }

// InjectBuild is Inject with the build the page comes from in the tag, so
// the script can tell, when it connects, whether a newer build exists.
func InjectBuild(html []byte, build int64) []byte {
	return inject(html, `<script src="`+ScriptPath+`" data-build="`+strconv.FormatInt(build, 10)+`" defer></script>`)
}

func inject(html []byte, tag string) []byte {
	at := insertAt(html)
	out := make([]byte, 0, len(html)+len(tag))
	out = append(out, html[:at]...)
	out = append(out, tag...)
	return append(out, html[at:]...)
}

// insertAt returns the offset at which Inject inserts the script tag.
func insertAt(html []byte) int {
	first := -1 // offset of the first tag
	for i := 0; i < len(html); {
		lt := bytes.IndexByte(html[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := html[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return firstOr(first, 0)
			}
			i += 4 + end + 3
			continue
		case bytes.HasPrefix(rest, []byte("<!")), bytes.HasPrefix(rest, []byte("<?")):
			i += tagEnd(rest)
			continue
		case len(rest) < 2 || !isLetter(rest[1]):
			i++ // "<" as text, or a closing tag
			continue
		}
		if first < 0 {
			first = i
		}
		name := tagName(rest[1:])
		switch {
		case bytes.EqualFold(name, []byte("head")):
			return i + tagEnd(rest)
		case bytes.EqualFold(name, []byte("body")):
			// A <head> after <body> is not the document's head.
			return first
		}
		i += tagEnd(rest)
	}
	return firstOr(first, 0)
}

func firstOr(first, otherwise int) int {
	if first >= 0 {
		return first
	}
	return otherwise
}

// tagEnd returns the length of the tag at the start of b, up to and
// including its ">", skipping quoted attribute values; len(b) when the tag
// is not closed.
func tagEnd(b []byte) int {
	var quote byte
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(b)
}

// tagName returns the name at the start of b, which follows a "<".
func tagName(b []byte) []byte {
	n := 0
	for n < len(b) && !isSpace(b[n]) && b[n] != '>' && b[n] != '/' {
		n++
	}
	return b[:n]
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
