package markdown

import (
	"bytes"
	"html"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// What briefs check reads of a body besides its HTML and text: its
// paragraphs with their quotation marks, and the blocks shaped like a
// section's label, at their lines and columns in the file.

// collect fills res.Paragraphs and res.Labels from the parsed document.
// The texts of a brief's paragraphs are written into one buffer and held
// as slices of one string; the slice of paragraphs is cut to its length.
func (c *Converter) collect(doc ast.Node, body []byte, ix *lineIndex, res *Result) {
	b := c.buffer()
	defer c.release(b)
	var spans [][2]int // of each paragraph's text in b
	visit := func(n ast.Node, section string, label ast.Node) {
		if n != label {
			if label, ok := labelOf(n, body); ok {
				l := Label{Text: label.text, Heading: n.Kind() == ast.KindHeading}
				l.Line, l.Col = ix.pos(label.at)
				res.Labels = append(res.Labels, l)
			}
		}
		_ = ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch m.Kind() {
			case ast.KindParagraph, ast.KindTextBlock:
				if m.Lines().Len() > 0 {
					p, start, end := ix.paragraph(m, section, b)
					res.Paragraphs = append(res.Paragraphs, p)
					spans = append(spans, [2]int{start, end})
				}
				return ast.WalkSkipChildren, nil
			case ast.KindHeading, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		sec, ok := n.(*SectionNode)
		if !ok {
			visit(n, "", nil)
			continue
		}
		for m := sec.FirstChild(); m != nil; m = m.NextSibling() {
			visit(m, sec.ID, sec.label)
		}
	}
	if len(res.Paragraphs) == 0 {
		return
	}
	res.Paragraphs = slices.Clone(res.Paragraphs)
	all := b.String()
	for i, sp := range spans {
		res.Paragraphs[i].Text = all[sp[0]:sp[1]]
	}
}

var leftQuote, rightQuote = []byte("“"), []byte("”")

// lineIndex turns offsets of a body into lines and columns of its file.
type lineIndex struct {
	body     []byte
	bodyLine int
	starts   []int // offset of each line
}

func newLineIndex(body []byte, bodyLine int) *lineIndex {
	ix := &lineIndex{body: body, bodyLine: bodyLine, starts: make([]int, 1, bytes.Count(body, []byte("\n"))+1)}
	for i, c := range body {
		if c == '\n' {
			ix.starts = append(ix.starts, i+1)
		}
	}
	return ix
}

// pos returns the file line and column (in bytes, from 1) of offset, or
// the body's first line and column 1 for a negative offset.
func (ix *lineIndex) pos(offset int) (line, col int) {
	if offset < 0 {
		return ix.bodyLine, 1
	}
	offset = min(offset, len(ix.body))
	i := sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > offset }) - 1
	return i + ix.bodyLine, offset - ix.starts[i] + 1
}

// paragraph returns the plain text of a paragraph block with its
// quotation marks. The typographer's curly quotes have no position of their
// own: each is found as the next '"' of the source after the text before it.
func (ix *lineIndex) paragraph(n ast.Node, section string, buf *bytes.Buffer) (p Paragraph, textStart, textEnd int) {
	body := ix.body
	start := n.Lines().At(0).Start
	if t, ok := n.FirstChild().(*ast.Text); ok && t.Segment.Start > start {
		start = t.Segment.Start // after a section's label, taken out
	}
	p = Paragraph{Section: section}
	p.Line, p.Col = ix.pos(start)
	b := writtenFrom{buf, buf.Len()}
	cursor := start
	mark := func(r rune, offset, index int) {
		q := Quote{Mark: r, Index: index}
		q.Line, q.Col = ix.pos(offset)
		p.Quotes = append(p.Quotes, q)
	}
	var walk func(n ast.Node, code bool)
	walk = func(n ast.Node, code bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				seg := c.Segment.Value(body)
				for i := 0; !code && i < len(seg); i++ {
					switch at := c.Segment.Start + i; {
					case seg[i] == '"' && (at == 0 || body[at-1] != '\\'):
						mark('"', at, b.Len()+i)
					case seg[i] == 0xe2 && (bytes.HasPrefix(seg[i:], leftQuote) || bytes.HasPrefix(seg[i:], rightQuote)):
						r, _ := utf8.DecodeRune(seg[i:])
						mark(r, at, b.Len()+i)
					}
				}
				b.Write(seg)
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
				cursor = c.Segment.Stop
			case *ast.String:
				v := string(c.Value)
				if !code && (v == "“" || v == "”") {
					at := cursor
					if j := bytes.IndexByte(body[cursor:], '"'); j >= 0 {
						at = cursor + j
						cursor = at + 1
					}
					r, _ := utf8.DecodeRuneInString(v)
					mark(r, at, b.Len())
				}
				if strings.IndexByte(v, '&') >= 0 {
					v = html.UnescapeString(v)
				}
				b.WriteString(v)
			case *ast.AutoLink:
				b.Write(c.Label(body))
			case *ast.RawHTML:
			case *ast.CodeSpan:
				walk(c, true)
			default:
				walk(c, code)
			}
		}
	}
	walk(n, false)
	text := buf.Bytes()[b.from:]
	lead := len(text) - len(bytes.TrimLeftFunc(text, unicode.IsSpace))
	for i := range p.Quotes {
		p.Quotes[i].Index -= lead
	}
	textStart = b.from + lead
	return p, textStart, textStart + len(bytes.TrimSpace(text))
}

// writtenFrom is a buffer seen from offset from on: its Len is what was
// written since.
type writtenFrom struct {
	*bytes.Buffer
	from int
}

func (w writtenFrom) Len() int { return w.Buffer.Len() - w.from }
