package render

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The edition rewrites the lede and "Why this matters" section of every
// brief for mail (emailHTML). Parsing each with the HTML parser into a
// tree and rendering it again took a sixth of the allocation of a build.
// emailFast does the same rewrite in one pass over the HTML, for the HTML
// the Markdown converter writes, and leaves anything else to the parser.

// emailElement says what emailFast knows of an element.
type emailElement uint8

const (
	emailBlock      emailElement = 1 << iota // its start tag closes an open p
	emailVoid                                // has no content and no end tag
	emailHeading                             // h1 to h6
	emailFormatting                          // the parser sorts its attributes
)

// emailElements are the elements emailFast rewrites: those the Markdown
// converter writes, tables aside.
var emailElements = map[atom.Atom]emailElement{
	atom.A: emailFormatting, atom.Em: emailFormatting, atom.Strong: emailFormatting,
	atom.Code: emailFormatting, atom.Del: 0,
	atom.Img: emailVoid, atom.Br: emailVoid, atom.Input: emailVoid,
	atom.P: emailBlock, atom.Ul: emailBlock, atom.Ol: emailBlock, atom.Li: emailBlock,
	atom.Blockquote: emailBlock, atom.Pre: emailBlock, atom.Section: emailBlock,
	atom.Hr: emailBlock | emailVoid,
	atom.H1: emailBlock | emailHeading, atom.H2: emailBlock | emailHeading,
	atom.H3: emailBlock | emailHeading, atom.H4: emailBlock | emailHeading,
	atom.H5: emailBlock | emailHeading, atom.H6: emailBlock | emailHeading,
}

// emailComment is the one comment the converter writes.
const emailComment = "<!-- raw HTML omitted -->"

// emailAttr is an attribute of the tag emailFast is at: its name and value
// are bytes of emailScratch.tag, or the value is one emailFast sets.
type emailAttr struct {
	key, val []byte
	text     string // the value emailFast sets
	set      bool   // text is the value, not val
}

// emailScratch is what one emailFast call needs beside its output.
type emailScratch struct {
	open  []atom.Atom // the elements open at this point, outermost first
	attrs []emailAttr
	tag   []byte // the name, attribute names and values of the tag at hand
	out   bytes.Buffer
}

var emailScratches = sync.Pool{New: func() any { return new(emailScratch) }}

// emailFast returns what emailHTML returns for fragment, or ok false for
// HTML that it does not read exactly as the HTML parser does or that the
// parser would read other than as written: an element or character
// reference it does not know, an attribute value not in double quotes,
// any comment but the converter's, an end tag that is not the last open
// element's, a block inside a paragraph, a link in a link, a heading in a
// heading, a list item in a list item, a NUL. HTML written by the
// Markdown converter has none of these but tables, so the parser sees
// little else than raw HTML from a site that lets it through.
func (r *Renderer) emailFast(fragment string) (html string, ok bool) {
	s := emailScratches.Get().(*emailScratch)
	defer emailScratches.Put(s)
	s.open = s.open[:0]
	s.out.Reset()
	afterPre := false // the last tag was <pre>
	for rest := fragment; rest != ""; {
		wasPre := afterPre
		afterPre = false
		i := strings.IndexByte(rest, '<')
		switch {
		case i != 0:
			if i < 0 {
				i = len(rest)
			}
			text := rest[:i]
			if wasPre && (text[0] == '\n' || text[0] == '\r') {
				return "", false // the parser drops that newline
			}
			if !s.writeText(text) {
				return "", false
			}
			rest = rest[i:]
		case strings.HasPrefix(rest, emailComment):
			s.out.WriteString(emailComment)
			rest = rest[len(emailComment):]
		case strings.HasPrefix(rest, "</"):
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return "", false
			}
			name, ok := s.tagName(rest[2:end])
			if !ok || len(s.open) == 0 || atom.Lookup(name) != s.open[len(s.open)-1] {
				return "", false
			}
			s.open = s.open[:len(s.open)-1]
			s.out.WriteString("</")
			s.out.Write(name)
			s.out.WriteByte('>')
			rest = rest[end+1:]
		default:
			a, n, ok := r.emailStartTag(s, rest)
			if !ok {
				return "", false
			}
			afterPre = a == atom.Pre
			rest = rest[n:]
		}
	}
	if len(s.open) > 0 {
		return "", false
	}
	return s.out.String(), true
}

// emailStartTag reads the start tag at the head of html, writes it
// rewritten, and returns its element and length.
func (r *Renderer) emailStartTag(s *emailScratch, html string) (a atom.Atom, n int, ok bool) {
	// Names and values are never longer decoded than written: s.tag grows
	// once, and the slices of it stay put.
	s.tag = slices.Grow(s.tag[:0], len(html))
	s.attrs = s.attrs[:0]
	i := 1 + emailNameLen(html[1:])
	name, ok := s.lower(html[1:i])
	if !ok {
		return 0, 0, false
	}
	a = atom.Lookup(name)
	kind, known := emailElements[a]
	if !known || !s.mayOpen(a, kind) {
		return 0, 0, false
	}
	for {
		// Between attributes: spaces, then a name, "/>" or ">".
		j := i
		for j < len(html) && html[j] == ' ' {
			j++
		}
		if j == len(html) {
			return 0, 0, false
		}
		if html[j] == '>' {
			i = j + 1
			break
		}
		if strings.HasPrefix(html[j:], "/>") {
			if kind&emailVoid == 0 {
				return 0, 0, false // the parser ignores the slash
			}
			i = j + 2
			break
		}
		if j == i {
			return 0, 0, false
		}
		k := j + emailNameLen(html[j:])
		key, ok := s.lower(html[j:k])
		if !ok {
			return 0, 0, false
		}
		var val []byte
		if strings.HasPrefix(html[k:], `="`) {
			end := strings.IndexByte(html[k+2:], '"')
			if end < 0 {
				return 0, 0, false
			}
			start := len(s.tag)
			if s.tag, ok = decodeEmail(s.tag, html[k+2:k+2+end], true); !ok {
				return 0, 0, false
			}
			val = s.tag[start:]
			k += 2 + end + 1
		}
		if s.attr(string(key)) < 0 { // the tokenizer keeps the first of a repeated one
			s.attrs = append(s.attrs, emailAttr{key: key, val: val})
		}
		i = k
	}
	if kind&emailFormatting != 0 {
		// The parser sorts them, to compare formatting elements.
		slices.SortFunc(s.attrs, func(a, b emailAttr) int {
			return cmp.Or(bytes.Compare(a.key, b.key), bytes.Compare(a.val, b.val))
		})
	}
	r.emailAttrs(s, a)
	s.out.WriteByte('<')
	s.out.Write(name)
	for _, at := range s.attrs {
		s.out.WriteByte(' ')
		s.out.Write(at.key)
		s.out.WriteString(`="`)
		if at.set {
			s.out.WriteString(xhtml.EscapeString(at.text))
		} else {
			escapeHTML(&s.out, at.val)
		}
		s.out.WriteByte('"')
	}
	if kind&emailVoid != 0 {
		s.out.WriteString("/>")
	} else {
		s.out.WriteByte('>')
		s.open = append(s.open, a)
	}
	return a, i, true
}

// emailNameLen returns the length of the tag or attribute name at the head
// of html: letters, digits and "-", the names emailFast reads.
func emailNameLen(html string) int {
	for i := 0; i < len(html); i++ {
		c := html[i] | 0x20
		if !('a' <= c && c <= 'z' || '0' <= html[i] && html[i] <= '9' || html[i] == '-') {
			return i
		}
	}
	return len(html)
}

// lower appends name to s.tag in lower case, as the tokenizer reads it,
// and returns it; ok is false for an empty name or one that does not
// start with a letter.
func (s *emailScratch) lower(name string) ([]byte, bool) {
	if name == "" || !('a' <= name[0]|0x20 && name[0]|0x20 <= 'z') {
		return nil, false
	}
	start := len(s.tag)
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		s.tag = append(s.tag, c)
	}
	return s.tag[start:], true
}

// tagName returns the lower-case name of an end tag, written as "</name>".
func (s *emailScratch) tagName(name string) ([]byte, bool) {
	if emailNameLen(name) != len(name) {
		return nil, false
	}
	s.tag = s.tag[:0]
	return s.lower(name)
}

// emailEntities are the character references emailFast decodes: those the
// converter writes.
var emailEntities = []struct{ ref, char string }{
	{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", `"`}, {"&#39;", "'"}, {"&#34;", `"`},
}

// decodeEmail appends html decoded as the tokenizer decodes text, or an
// attribute value if attr, to dst; ok is false if html holds a character
// reference other than emailEntities, a NUL, or a carriage return in an
// attribute value.
func decodeEmail(dst []byte, html string, attr bool) (_ []byte, ok bool) {
	for {
		i := strings.IndexAny(html, "&\r\x00")
		if i < 0 {
			return append(dst, html...), true
		}
		dst = append(dst, html[:i]...)
		html = html[i:]
		switch html[0] {
		case '\x00':
			return dst, false // the parser drops it
		case '\r':
			if attr {
				return dst, false
			}
			// The tokenizer reads "\r\n" and "\r" as "\n".
			dst = append(dst, '\n')
			html = strings.TrimPrefix(html[1:], "\n")
			continue
		}
		known := false
		for _, e := range emailEntities {
			if strings.HasPrefix(html, e.ref) {
				dst, html, known = append(dst, e.char...), html[len(e.ref):], true
				break
			}
		}
		if !known {
			return dst, false
		}
	}
}

// writeText writes text as emailHTML does: decoded, then escaped.
func (s *emailScratch) writeText(text string) bool {
	var ok bool
	s.tag, ok = decodeEmail(s.tag[:0], text, false)
	if ok {
		escapeHTML(&s.out, s.tag)
	}
	return ok
}

// mayOpen reports whether the parser puts element a, of kind, where it
// stands: inside the last open element, closing none.
func (s *emailScratch) mayOpen(a atom.Atom, kind emailElement) bool {
	for i := len(s.open) - 1; i >= 0; i-- {
		open := s.open[i]
		switch {
		case open == atom.P && kind&emailBlock != 0:
			return false // the parser closes the paragraph
		case open == atom.A && a == atom.A:
			return false
		case emailElements[open]&emailHeading != 0 && kind&emailHeading != 0:
			return false
		case a == atom.Li && (open == atom.Ul || open == atom.Ol):
			// The list item's own list: an item farther out is no longer
			// the parser's concern, but an open paragraph still is.
			a = 0
		case open == atom.Li && a == atom.Li:
			return false
		}
	}
	return true
}

// emailAttrs makes the attributes of element a what emailHTML makes them:
// no class, the element's inline style, and an image's size.
func (r *Renderer) emailAttrs(s *emailScratch, a atom.Atom) {
	s.attrs = slices.DeleteFunc(s.attrs, func(at emailAttr) bool { return string(at.key) == "class" })
	if style := emailStyles[a]; style != "" && s.attr("style") < 0 {
		s.set(styleKey, style)
	}
	if a != atom.Img {
		return
	}
	if i := s.attr("src"); i >= 0 {
		if p := r.sitePath(string(s.attrs[i].val)); p != "" {
			if img := r.image(p, ""); img.Width > 0 && img.Height > 0 {
				w := min(editionWidth, img.Width)
				s.set(widthKey, strconv.Itoa(w))
				s.set(heightKey, strconv.Itoa((img.Height*w+img.Width/2)/img.Width))
			}
		}
	}
	s.set(styleKey, emailImageStyle)
}

var styleKey, widthKey, heightKey = []byte("style"), []byte("width"), []byte("height")

// attr returns the index of the attribute named key, or -1.
func (s *emailScratch) attr(key string) int {
	return slices.IndexFunc(s.attrs, func(at emailAttr) bool { return string(at.key) == key })
}

// set sets the attribute named key to val, in its place or at the end.
func (s *emailScratch) set(key []byte, val string) {
	if i := s.attr(string(key)); i >= 0 {
		s.attrs[i].text, s.attrs[i].set = val, true
		return
	}
	s.attrs = append(s.attrs, emailAttr{key: key, text: val, set: true})
}

// escapeHTML writes text escaped as the HTML package's Render escapes text
// and attribute values.
func escapeHTML(out *bytes.Buffer, text []byte) {
	for len(text) > 0 {
		i := bytes.IndexAny(text, "&'<>\"\r")
		if i < 0 {
			out.Write(text)
			return
		}
		out.Write(text[:i])
		switch text[i] {
		case '&':
			out.WriteString("&amp;")
		case '\'':
			out.WriteString("&#39;")
		case '<':
			out.WriteString("&lt;")
		case '>':
			out.WriteString("&gt;")
		case '"':
			out.WriteString("&#34;")
		case '\r':
			out.WriteString("&#13;")
		}
		text = text[i+1:]
	}
}
