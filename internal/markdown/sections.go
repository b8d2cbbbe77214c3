package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/briefs-dev/briefs/internal/config"
)

// KindSection is the node kind of a brief section.
var KindSection = ast.NewNodeKind("BriefSection")

// GoDeeperID is the ID of the "Go deeper" section: Result.GoDeeper holds
// it, for a page to show with the front matter's go_deeper entries.
const GoDeeperID = "go-deeper"

// SectionNode groups the blocks of one labelled section: its label, made a
// heading with the configured name whichever way it was written (a bold
// lead-in, a plain one, a heading), and every block up to the next
// section.
type SectionNode struct {
	ast.BaseBlock
	Section config.Section
	ID      string
	Label   string // as written, without the colon
	// label is the section's first child: the heading that names it.
	label *ast.Heading
	// labelAt is the offset in the source of the label's text as written.
	labelAt int
}

// Kind implements ast.Node.
func (n *SectionNode) Kind() ast.NodeKind { return KindSection }

// Dump implements ast.Node.
func (n *SectionNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.ID, "Label": n.Label}, nil)
}

// sectionStart is the start tag of a section: its heading names it.
func sectionStart(id string) string {
	var b strings.Builder
	writeSectionStart(&b, id)
	return b.String()
}

// writeSectionStart writes sectionStart(id) to w without making the string.
func writeSectionStart(w interface{ WriteString(string) (int, error) }, id string) {
	_, _ = w.WriteString(`<section class="brief-section" id="`)
	_, _ = w.WriteString(id)
	_, _ = w.WriteString(`" aria-labelledby="`)
	_, _ = w.WriteString(id)
	_, _ = w.WriteString("-label\">\n")
}

// labelClass is the class of every section's heading.
var labelClass = []byte("brief-section-label")

// Sections is the goldmark extension that recognises brief sections.
type Sections struct {
	Matcher *sectionMatcher
}

// NewSections returns the extension for a site's configured sections,
// with plain labels ("Why this matters: ...") recognised.
func NewSections(sections []config.Section) *Sections {
	return &Sections{Matcher: newSectionMatcher(sections, true)}
}

// Extend implements goldmark.Extender.
func (e *Sections) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(&sectionTransformer{e.Matcher}, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(sectionRenderer{}, 500)))
}

// sectionMatcher finds configured sections by label.
type sectionMatcher struct {
	byKey map[string]config.Section
	// byName finds a section by a plain label, which must be a name or
	// an alias as configured, but for case, apostrophes, spacing and the
	// "this"/"it" variant; nil when plain labels are off.
	byName map[string]config.Section
	// names holds the configured name of each section, typeset and
	// escaped for HTML, by ID: what its heading shows.
	names map[string][]byte
	// initials holds the first letter, lower case, of every name and
	// alias: a paragraph opening with another is no plain label.
	initials map[rune]bool
}

func newSectionMatcher(sections []config.Section, plain bool) *sectionMatcher {
	m := &sectionMatcher{byKey: map[string]config.Section{}, names: map[string][]byte{}, initials: map[rune]bool{}}
	if plain {
		m.byName = map[string]config.Section{}
	}
	for _, s := range sections {
		m.names[s.ID()] = util.EscapeHTML([]byte(Typeset(s.Name)))
		for _, label := range append([]string{s.Name}, s.Aliases...) {
			m.byKey[config.SectionKey(label)] = s
			if plain {
				m.byName[plainKey(label)] = s
				if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(label)); r != utf8.RuneError {
					m.initials[unicode.ToLower(r)] = true
				}
			}
		}
	}
	return m
}

func (m *sectionMatcher) match(label string) (config.Section, bool) {
	s, ok := m.byKey[config.SectionKey(label)]
	return s, ok
}

// matchPlain finds the section of a plain label.
func (m *sectionMatcher) matchPlain(label string) (config.Section, bool) {
	if m.byName == nil || len(label) > maxPlainLabel {
		return config.Section{}, false
	}
	s, ok := m.byName[plainKey(label)]
	return s, ok
}

// maxPlainLabel bounds the text before a colon that is looked up as a
// plain label: no section's name is longer.
const maxPlainLabel = 80

// plainKey normalises a plain label: case, curly or straight apostrophes,
// runs of spaces and the "this"/"it" variant are ignored; every other
// character must be as configured.
func plainKey(label string) string {
	words := strings.Fields(strings.ToLower(strings.ReplaceAll(label, "’", "'")))
	for i, w := range words {
		if w == "it" {
			words[i] = "this"
		}
	}
	return strings.Join(words, " ")
}

type sectionTransformer struct{ m *sectionMatcher }

// Transform groups the document's top-level blocks into sections.
func (t *sectionTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var current *SectionNode
	used := map[string]int{}
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if sec, l := t.start(n, source); sec != nil {
			used[sec.ID]++
			if k := used[sec.ID]; k > 1 {
				sec.ID += "-" + strconv.Itoa(k)
			}
			doc.InsertBefore(doc, n, sec)
			current = sec
			sec.label = ast.NewHeading(2)
			sec.label.SetAttributeString("class", labelClass)
			sec.label.SetAttributeString("id", []byte(sec.ID+"-label"))
			name := ast.NewString(t.m.names[sec.Section.ID()])
			name.SetCode(true) // written as it is: escaped here
			sec.label.AppendChild(sec.label, name)
			sec.AppendChild(sec, sec.label)
			if !l.strip(source) {
				doc.RemoveChild(doc, n) // the label was the whole block
				n = nil
			}
		}
		if current != nil && n != nil {
			doc.RemoveChild(doc, n)
			current.AppendChild(current, n)
		}
		n = next
	}
}

// start returns a new SectionNode when block n opens a section, with the
// label to strip from n.
func (t *sectionTransformer) start(n ast.Node, source []byte) (*SectionNode, label) {
	l, ok := labelOf(n, source)
	if !ok {
		if l, ok = t.plainLabelOf(n, source); !ok {
			return nil, label{}
		}
		s, _ := t.m.matchPlain(l.text)
		return &SectionNode{Section: s, ID: s.ID(), Label: l.text, labelAt: l.at}, l
	}
	s, ok := t.m.match(l.text)
	if !ok {
		return nil, label{}
	}
	return &SectionNode{Section: s, ID: s.ID(), Label: l.text, labelAt: l.at}, l
}

// label is a block shaped like a section's start.
type label struct {
	text  string   // as written, without the colon
	block ast.Node // the heading or paragraph it opens
	// node is the heading, or the bold lead-in; nil for a plain label.
	node ast.Node
	// at is the offset in the source of the label's text; rest, for a
	// plain label, that of what follows it and its colon.
	at, rest int
}

// labelOf returns the label of a block shaped like a section's start: a
// heading, or a paragraph opening with a bold lead-in followed by a colon
// (inside or outside the bold) or standing alone.
func labelOf(n ast.Node, source []byte) (label, bool) {
	switch n := n.(type) {
	case *ast.Heading:
		text := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(inlineText(n, source)), ":"))
		return label{text: text, block: n, node: n, at: offsetOf(n, source)}, true
	case *ast.Paragraph:
		strong, ok := n.FirstChild().(*ast.Emphasis)
		if !ok || strong.Level != 2 {
			return label{}, false
		}
		text := strings.TrimSpace(inlineText(strong, source))
		colon := strings.HasSuffix(text, ":")
		text = strings.TrimSpace(strings.TrimSuffix(text, ":"))
		if !colon {
			// The colon may follow the bold: "**Why this matters**: ...".
			// Without a colon, only a bold line standing alone is a label.
			after := strings.TrimSpace(restText(strong, source))
			colon = strings.HasPrefix(after, ":") || after == ""
		}
		return label{text: text, block: n, node: strong, at: offsetOf(strong, source)}, colon
	}
	return label{}, false
}

// plainLabelOf returns the plain label of a paragraph that opens with a
// configured name and a colon, as pasted from mail or a wire story:
// "Why this matters: A second source ...". A line naming the Go deeper
// section alone, without a colon, is its label when links follow it.
func (t *sectionTransformer) plainLabelOf(n ast.Node, source []byte) (label, bool) {
	p, ok := n.(*ast.Paragraph)
	if !ok || t.m.byName == nil || p.Lines().Len() == 0 {
		return label{}, false
	}
	first := p.Lines().At(0)
	line := first.Value(source)
	if r, _ := utf8.DecodeRune(line); !t.m.initials[unicode.ToLower(r)] {
		return label{}, false // the quick answer for most paragraphs
	}
	if first, ok := p.FirstChild().(*ast.Text); !ok || first.Segment.Start != p.Lines().At(0).Start {
		return label{}, false // it opens with markup
	}
	if colon := bytes.IndexByte(line, ':'); colon > maxPlainLabel {
		return label{}, false
	} else if colon > 0 {
		text := strings.TrimSpace(string(line[:colon]))
		if _, ok := t.m.matchPlain(text); ok {
			rest := colon + 1
			for rest < len(line) && (line[rest] == ' ' || line[rest] == '\t') {
				rest++
			}
			return label{text: text, block: p, at: first.Start, rest: first.Start + rest}, true
		}
		return label{}, false
	}
	if len(line) > maxPlainLabel+2 {
		return label{}, false // longer than "Go deeper" alone on its line
	}
	text := strings.TrimSpace(string(line))
	if s, ok := t.m.matchPlain(text); !ok || s.ID() != GoDeeperID || !linksFollow(p, source) {
		return label{}, false
	}
	return label{text: text, block: p, at: first.Start, rest: first.Stop}, true
}

// linksFollow reports whether what follows the first line of paragraph p
// is links: the rest of p, or when p is that line alone, the next block,
// a paragraph of links or a list whose every item has one.
func linksFollow(p *ast.Paragraph, source []byte) bool {
	if p.Lines().Len() > 1 {
		return onlyLinks(p, p.Lines().At(1).Start, source)
	}
	switch next := p.NextSibling().(type) {
	case *ast.Paragraph:
		return onlyLinks(next, 0, source)
	case *ast.List:
		for item := next.FirstChild(); item != nil; item = item.NextSibling() {
			if !hasLink(item) {
				return false
			}
		}
		return next.FirstChild() != nil
	}
	return false
}

// onlyLinks reports whether the inline content of block b from offset
// from on is one link or more, with nothing between them but spaces and
// punctuation.
func onlyLinks(b ast.Node, from int, source []byte) bool {
	links := 0
	for c := b.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Link, *ast.AutoLink:
			links++
		case *ast.String: // the typographer's dashes and quotes
		case *ast.Text:
			if c.Segment.Stop <= from {
				continue
			}
			for _, r := range string(c.Segment.Value(source)) {
				if !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
					return false
				}
			}
		default:
			return false
		}
	}
	return links > 0
}

// hasLink reports whether n holds a link.
func hasLink(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if k := m.Kind(); entering && (k == ast.KindLink || k == ast.KindAutoLink) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// strip removes the label from the block it opens, and reports whether
// anything is left of the block.
func (l label) strip(source []byte) bool {
	p, ok := l.block.(*ast.Paragraph)
	if !ok {
		return false // a heading is the label alone
	}
	if strong, ok := l.node.(*ast.Emphasis); ok {
		// The bold, then its colon if it follows the bold, and spaces.
		p.RemoveChild(p, strong)
		if t, ok := p.FirstChild().(*ast.Text); ok {
			v := t.Segment.Value(source)
			i := len(v) - len(bytes.TrimLeft(v, " \t"))
			if i < len(v) && v[i] == ':' {
				i++
			}
			i = len(v) - len(bytes.TrimLeft(v[i:], " \t"))
			t.Segment = t.Segment.WithStart(t.Segment.Start + i)
			if t.Segment.IsEmpty() {
				p.RemoveChild(p, t)
			}
		}
		return p.HasChildren()
	}
	// A plain label: the text before l.rest. The typographer's quotes
	// and dashes have no position: they go with the text after them.
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		at := -1
		for m := c; m != nil && at < 0; m = m.NextSibling() {
			if t, ok := m.(*ast.Text); ok {
				at = t.Segment.Start
			}
		}
		t, isText := c.(*ast.Text)
		switch {
		case isText && t.Segment.Stop <= l.rest:
			p.RemoveChild(p, c)
		case isText && t.Segment.Start < l.rest:
			t.Segment = t.Segment.WithStart(l.rest)
			return true
		case !isText && at >= 0 && at <= l.rest:
			p.RemoveChild(p, c)
		default:
			return p.HasChildren()
		}
		c = next
	}
	return p.HasChildren()
}

// inlineText is the plain text of an inline container.
func inlineText(n ast.Node, source []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(source))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		default:
			b.WriteString(inlineText(c, source))
		}
	}
	return b.String()
}

// restText is the text of the siblings after n, up to the first line break.
func restText(n ast.Node, source []byte) string {
	var b strings.Builder
	for c := n.NextSibling(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(source))
			if t.SoftLineBreak() || t.HardLineBreak() {
				break
			}
			continue
		}
		if s, ok := c.(*ast.String); ok {
			b.Write(s.Value)
			continue
		}
		break
	}
	return b.String()
}

// sectionRenderer renders a SectionNode as <section>, for documents rendered
// whole. Converter.Convert renders the pieces itself to expose each section.
type sectionRenderer struct{}

func (sectionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindSection, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*SectionNode)
		if entering {
			writeSectionStart(w, n.ID)
		} else {
			_, _ = w.WriteString("</section>\n")
		}
		return ast.WalkContinue, nil
	})
}
