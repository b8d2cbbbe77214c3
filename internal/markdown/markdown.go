// Package markdown converts a brief's Markdown body into HTML, its lede and its labelled sections, also written for mail.
package markdown

import (
	"bytes"
	"html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/slab"
)

// Options configures a Converter.
type Options struct {
	Sections []config.Section
	Unsafe   bool // let raw HTML through
	// PlainLabels lets a paragraph open a section with a configured name
	// or alias and a colon without bold, "Why this matters: ...", as text
	// pasted from mail or a wire story arrives; a line "Go deeper" before
	// links opens that section.
	PlainLabels bool
	// BaseURL is the site's absolute base URL with a trailing slash. Links
	// and images inside the site are written as absolute URLs under it, so
	// that a brief's HTML works on every page and in feeds.
	BaseURL string
	// Resolve maps a brief reference ("briefs/x", as content.Source.Ref) to
	// the brief's path below BaseURL ("briefs/x-slug/"). It is called for
	// links to other briefs' .md files; ok=false leaves the link as written.
	Resolve func(ref string) (urlPath string, ok bool)
	// Mail, when not nil, has the lede and the sections it names also
	// written as HTML for mail: Result.MailLede and Section.Mail.
	Mail *Mail
}

// Converter turns brief bodies into Results. It is safe for concurrent use.
type Converter struct {
	opts     Options
	md       goldmark.Markdown
	mail     renderer.Renderer // of mail HTML, when Options.Mail is set
	sections *sectionMatcher
	// buffers holds the buffers bodies are rendered into, but for the rare
	// ones grown over maxPooled by a huge brief.
	buffers sync.Pool
	// slab holds the HTML and text of the briefs converted, which live as
	// long as the site that shows them.
	slab slab.Slab
}

// New returns a Converter for a site's settings.
func New(opts Options) *Converter {
	c := &Converter{opts: opts, sections: newSectionMatcher(opts.Sections, opts.PlainLabels)}
	rendererOpts := []renderer.Option{}
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	}
	c.md = goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography)),
			&Sections{Matcher: c.sections},
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	if opts.Mail != nil {
		c.mail = newMailRenderer(opts.Mail, opts.Unsafe)
	}
	return c
}

// typography writes typographic punctuation as characters, not entities, so
// that plain text and HTML read the same.
var typography = extension.TypographicSubstitutions{
	extension.LeftSingleQuote:  []byte("‘"),
	extension.RightSingleQuote: []byte("’"),
	extension.LeftDoubleQuote:  []byte("“"),
	extension.RightDoubleQuote: []byte("”"),
	extension.EnDash:           []byte("–"),
	extension.EmDash:           []byte("—"),
	extension.Ellipsis:         []byte("…"),
	extension.LeftAngleQuote:   []byte("«"),
	extension.RightAngleQuote:  []byte("»"),
	extension.Apostrophe:       []byte("’"),
}

// Result is a converted brief body.
type Result struct {
	HTML string // the whole body: lede, then each section in <section>, Go deeper last
	// Main is HTML without the Go deeper section, for a page that shows
	// it with the front matter's go_deeper entries.
	Main string
	// GoDeeper is the body's first Go deeper section, or nil.
	GoDeeper *Section
	// GoDeeperItems is the HTML of the items of the Go deeper section's
	// list ("<li>…</li>"), when the section holds one bulleted list and
	// nothing else; GoDeeperContent is else its HTML without its label.
	GoDeeperItems, GoDeeperContent string
	Lede                           string    // HTML before the first section
	LedeText                       string    // Lede as plain text
	Sections                       []Section // in the order written
	Text                           string    // the whole body as plain text
	Words                          int       // words in Text
	Links                          []Link    // every link and image destination, as written
	// RawHTML is each piece of raw HTML that the page leaves out (all of
	// them, unless Options.Unsafe), for briefs check.
	RawHTML []RawHTML
	// Paragraphs holds every paragraph of the body, also those of list
	// items and quotes, in order, for briefs check.
	Paragraphs []Paragraph
	// Labels are the blocks shaped like a section's label (a bold lead-in
	// with a colon, a bold line standing alone, a heading) that name no
	// configured section, for briefs check to spot near misses.
	Labels []Label
	// MailLede is Lede written for mail, when Options.Mail is set.
	MailLede string
	// MailImages are the images of the site that the mail HTML shows, in
	// order, with the size it states.
	MailImages []MailImage
}

// Section is one labelled section of a brief.
type Section struct {
	Name  string // the configured name, e.g. "Why this matters"
	ID    string // anchor, unique within the brief: "why-this-matters"
	Label string // the label as written: "Why it matters"
	HTML  string // the section's content, label included
	Text  string // the content as plain text, label left out
	Mail  string // HTML written for mail (Options.Mail), label included, or ""
	Line  int    // line of the file where the section starts
	Col   int    // column where the label's text starts
}

// Link is a destination found in the body.
type Link struct {
	Dest  string
	Image bool
	Line  int
	Col   int // column of the link's text, or where it would be
	// Refused is set for a destination whose scheme could run code in the
	// reader's browser (javascript:, vbscript:, data: but for images),
	// which the page writes as href="" unless Options.Unsafe.
	Refused bool
}

// RawHTML is a piece of raw HTML in the body: an HTML block, or one tag
// inside a paragraph.
type RawHTML struct {
	Text string // its first line, cut short
	Line int
	Col  int
}

// Paragraph is a paragraph of the body, or the text of a list item, as
// plain text.
type Paragraph struct {
	Text    string // plain text; a section's label is not the paragraph's
	Line    int    // where its text starts in the file
	Col     int
	Section string  // the ID of its section, "" in the lede
	Quotes  []Quote // its double quotation marks, in order; code left out
}

// Quote is a double quotation mark of a paragraph.
type Quote struct {
	// Mark is '“' or '”', as written or as the typographer turned a '"',
	// or '"' for a straight mark it could not pair. Marks escaped with a
	// backslash are left out: they were meant literally.
	Mark  rune
	Index int // byte offset in Paragraph.Text
	Line  int
	Col   int
}

// Label is a block shaped like a section's label that names no configured
// section.
type Label struct {
	Text    string // as written, without the colon
	Heading bool
	Line    int // where the label's text starts
	Col     int
}

// Convert parses and renders src's body. The error is a *diag.Error naming
// the brief: a body that goldmark would take too long over is refused at
// the place to blame (limits.go); goldmark itself accepts any input.
func (c *Converter) Convert(src *content.Source) (*Result, error) {
	if err := checkBody(src); err != nil {
		return nil, err
	}
	return c.convert(src)
}

// convert is Convert without the checks of the body.
func (c *Converter) convert(src *content.Source) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, diag.Errorf(diag.Pos{File: src.Path}, "markdown: internal error: %v", r)
		}
	}()
	body := src.Body
	doc := c.md.Parser().Parse(text.NewReader(body), parser.WithContext(parser.NewContext()))
	res = &Result{}
	ix := newLineIndex(body, src.BodyLine)
	c.rewriteLinks(doc, src, ix, res)

	// The body is rendered once, into one buffer; the lede and each
	// section's HTML are slices of the whole.
	out := c.buffer()
	defer c.release(out)
	w := bufWriter{out}
	ledeEnd := -1
	var spans [][2]int // each section's HTML in out
	var goDeeper *SectionNode
	goDeeperAt := -1 // its index in res.Sections
	renderSection := func(sec *SectionNode) error {
		writeSectionStart(out, sec.ID)
		start := out.Len()
		for m := sec.FirstChild(); m != nil; m = m.NextSibling() {
			if err := c.md.Renderer().Render(w, body, m); err != nil {
				return err
			}
		}
		spans = append(spans, [2]int{start, out.Len()})
		out.WriteString("</section>\n")
		return nil
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		sec, isSection := n.(*SectionNode)
		if !isSection {
			if err := c.md.Renderer().Render(w, body, n); err != nil {
				return nil, diag.Wrap(diag.Pos{File: src.Path}, err)
			}
			continue
		}
		if ledeEnd < 0 {
			ledeEnd = out.Len()
		}
		s := Section{Name: sec.Section.Name, ID: sec.ID, Label: sec.Label}
		s.Line, s.Col = ix.pos(sec.labelAt)
		res.Sections = append(res.Sections, s)
		if goDeeper == nil && sec.Section.ID() == GoDeeperID {
			// Written last, so that the rest is one slice of the whole.
			goDeeper, goDeeperAt = sec, len(res.Sections)-1
			spans = append(spans, [2]int{})
			continue
		}
		if err := renderSection(sec); err != nil {
			return nil, diag.Wrap(diag.Pos{File: src.Path}, err)
		}
	}
	mainEnd, htmlEnd := out.Len(), out.Len()
	if goDeeper != nil {
		n := len(spans)
		if err := renderSection(goDeeper); err != nil {
			return nil, diag.Wrap(diag.Pos{File: src.Path}, err)
		}
		spans[goDeeperAt], spans = spans[n], spans[:n]
		htmlEnd = out.Len()
		// For a page: its list's items, or its content, without the label.
		list := goDeeperList(goDeeper)
		blocks := goDeeper.label.NextSibling()
		if list != nil {
			blocks = list.FirstChild()
		}
		for m := blocks; m != nil; m = m.NextSibling() {
			if err := c.md.Renderer().Render(w, body, m); err != nil {
				return nil, diag.Wrap(diag.Pos{File: src.Path}, err)
			}
		}
	}
	all := c.slab.String(out.Bytes())
	res.HTML, res.Main = all[:htmlEnd], all[:mainEnd]
	if ledeEnd < 0 {
		ledeEnd = len(res.HTML)
	}
	res.Lede = res.HTML[:ledeEnd]
	for i, span := range spans {
		res.Sections[i].HTML = all[span[0]:span[1]]
	}
	if goDeeper != nil {
		res.GoDeeper = &res.Sections[goDeeperAt]
		if goDeeperList(goDeeper) != nil {
			res.GoDeeperItems = all[htmlEnd:]
		} else {
			res.GoDeeperContent = all[htmlEnd:]
		}
	}
	c.fillText(doc, body, res)
	res.Words = countWords(res.Text)
	c.collect(doc, body, ix, res)
	if c.mail != nil {
		if err := c.renderMail(doc, src, res); err != nil {
			return nil, diag.Wrap(diag.Pos{File: src.Path}, err)
		}
	}
	return res, nil
}

// goDeeperList returns the bulleted list a Go deeper section holds alone,
// or nil.
func goDeeperList(sec *SectionNode) *ast.List {
	l, ok := sec.label.NextSibling().(*ast.List)
	if !ok || l.IsOrdered() || l.NextSibling() != nil {
		return nil
	}
	return l
}

// maxPooled is the largest buffer a Converter keeps for the next body.
const maxPooled = 1 << 20

// buffer returns an empty buffer from the pool.
func (c *Converter) buffer() *bytes.Buffer {
	if b, ok := c.buffers.Get().(*bytes.Buffer); ok {
		return b
	}
	return new(bytes.Buffer)
}

// release returns b to the pool, but for a huge brief's.
func (c *Converter) release(b *bytes.Buffer) {
	if b.Cap() <= maxPooled {
		b.Reset()
		c.buffers.Put(b)
	}
}

// bufWriter lets goldmark's renderer write straight into a bytes.Buffer:
// given another io.Writer, it allocates a 4 KB bufio.Writer on every call.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

// countWords is len(strings.Fields(s)) without making the slice.
func countWords(s string) int {
	n, inWord := 0, false
	for i := 0; i < len(s); {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = c == ' ' || '\t' <= c && c <= '\r'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			inWord = false
		} else if !inWord {
			inWord = true
			n++
		}
	}
	return n
}

// offsetOf returns the offset in body of a node's first text, or -1.
func offsetOf(n ast.Node, body []byte) int {
	work := offsetWork
	offset := offsetWithin(n, body, &work)
	for b := n; offset < 0 && work <= 0 && b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return b.Lines().At(0).Start
		}
	}
	return offset
}

// offsetWithin is offsetOf, spending one unit of *work per node looked at.
func offsetWithin(n ast.Node, body []byte, work *int) int {
	offset := -1
	// The first text may sit below nodes without a position of their own,
	// such as the typographer's quotes.
	_ = ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if *work--; *work <= 0 {
			return ast.WalkStop, nil
		}
		switch {
		case !entering:
		case m.Type() == ast.TypeBlock && m.Lines().Len() > 0:
			offset = m.Lines().At(0).Start
		case m.Kind() == ast.KindText:
			offset = m.(*ast.Text).Segment.Start
		default:
			return ast.WalkContinue, nil
		}
		if offset >= 0 {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if offset < 0 && n.Type() == ast.TypeInline {
		// No text inside, as in ![](x.jpg): where the text before it ends.
		for p := n.PreviousSibling(); p != nil && offset < 0 && *work > 0; p = p.PreviousSibling() {
			if t := lastText(p, work); t != nil {
				offset = t.Segment.Stop
				if t.SoftLineBreak() || t.HardLineBreak() {
					offset = t.Segment.Stop + bytes.IndexByte(body[t.Segment.Stop:], '\n') + 1
				}
			}
		}
		if offset < 0 && *work > 0 && n.Parent() != nil {
			return offsetWithin(n.Parent(), body, work)
		}
	}
	return offset
}

// lastText returns the last text node of n and its descendants, or nil,
// spending one unit of *work per node.
func lastText(n ast.Node, work *int) *ast.Text {
	if *work--; *work <= 0 {
		return nil
	}
	for c := n.LastChild(); c != nil && *work > 0; c = c.PreviousSibling() {
		if t := lastText(c, work); t != nil {
			return t
		}
	}
	t, _ := n.(*ast.Text)
	return t
}

// fillText sets the plain text of res: the whole body's, and the lede's
// and each section's as slices of it, so that the text of a brief is held
// once, at its size.
func (c *Converter) fillText(doc ast.Node, body []byte, res *Result) {
	b := c.buffer()
	defer c.release(b)
	type span struct{ label, end int } // a section's text is b[label:end]
	var spans []span
	ledeEnd := -1
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		sec, isSection := n.(*SectionNode)
		if !isSection {
			appendText(b, n, body, nil, nil)
			continue
		}
		if ledeEnd < 0 {
			ledeEnd = b.Len()
		}
		// The label is the section's first text: what follows it is the
		// section's own.
		sp := span{label: -1}
		appendText(b, n, body, sec.label, &sp.label)
		sp.end = b.Len()
		spans = append(spans, sp)
	}
	all := c.slab.String(b.Bytes())
	if ledeEnd < 0 {
		ledeEnd = len(all)
	}
	res.Text = strings.TrimSpace(all)
	res.LedeText = strings.TrimSpace(all[:ledeEnd])
	for i, sp := range spans {
		if sp.label < 0 { // no label met: cannot happen for a matched section
			sp.label = sp.end
		}
		res.Sections[i].Text = strings.TrimLeft(strings.TrimSpace(all[sp.label:sp.end]), ": ")
	}
}

// appendText writes the text of n to b. Blocks are separated by one blank
// line, written lazily so nested blocks do not pile up separators. When
// mark is not nil, *markEnd is set to the length of b after mark's text.
func appendText(b *bytes.Buffer, n ast.Node, body []byte, mark ast.Node, markEnd *int) {
	pending := b.Len() > 0 // a separator from what is already written
	write := func(p []byte) {
		if pending && b.Len() > 0 {
			b.WriteString("\n\n")
		}
		pending = false
		b.Write(p)
	}
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n == mark && !entering {
			*markEnd = b.Len()
		}
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				write(n.Segment.Value(body))
				if n.SoftLineBreak() || n.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				write([]byte(html.UnescapeString(string(n.Value))))
			}
		case *ast.AutoLink:
			if entering {
				write(n.Label(body))
			}
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			if entering {
				for i := 0; i < n.Lines().Len(); i++ {
					seg := n.Lines().At(i)
					write(seg.Value(body))
				}
				pending = true
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		default:
			if n.Type() == ast.TypeBlock {
				pending = true
			}
		}
		return ast.WalkContinue, nil
	})
}
