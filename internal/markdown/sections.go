package markdown

import (
	"strconv"
	"strings"

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

// SectionNode groups the blocks of one labelled section: the block that
// carries the label (a paragraph opening with a bold lead-in, or a heading)
// and every block up to the next section.
type SectionNode struct {
	ast.BaseBlock
	Section   config.Section
	ID        string
	Label     string   // as written, without the colon
	labelNode ast.Node // the bold lead-in or the heading
}

// Kind implements ast.Node.
func (n *SectionNode) Kind() ast.NodeKind { return KindSection }

// Dump implements ast.Node.
func (n *SectionNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.ID, "Label": n.Label}, nil)
}

// Sections is the goldmark extension that recognises brief sections.
type Sections struct {
	Matcher *sectionMatcher
}

// NewSections returns the extension for a site's configured sections.
func NewSections(sections []config.Section) *Sections {
	return &Sections{Matcher: newSectionMatcher(sections)}
}

// Extend implements goldmark.Extender.
func (e *Sections) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(&sectionTransformer{e.Matcher}, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(sectionRenderer{}, 500)))
}

// sectionMatcher finds configured sections by label.
type sectionMatcher struct {
	byKey map[string]config.Section
}

func newSectionMatcher(sections []config.Section) *sectionMatcher {
	m := &sectionMatcher{byKey: map[string]config.Section{}}
	for _, s := range sections {
		m.byKey[config.SectionKey(s.Name)] = s
		for _, a := range s.Aliases {
			m.byKey[config.SectionKey(a)] = s
		}
	}
	return m
}

func (m *sectionMatcher) match(label string) (config.Section, bool) {
	s, ok := m.byKey[config.SectionKey(label)]
	return s, ok
}

type sectionTransformer struct{ m *sectionMatcher }

// Transform groups the document's top-level blocks into sections.
func (t *sectionTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var current *SectionNode
	used := map[string]int{}
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if sec := t.start(n, source); sec != nil {
			used[sec.ID]++
			if k := used[sec.ID]; k > 1 {
				sec.ID += "-" + strconv.Itoa(k)
			}
			doc.InsertBefore(doc, n, sec)
			current = sec
		}
		if current != nil {
			doc.RemoveChild(doc, n)
			current.AppendChild(current, n)
		}
		n = next
	}
}

// start returns a new SectionNode when block n opens a section.
func (t *sectionTransformer) start(n ast.Node, source []byte) *SectionNode {
	label, node, ok := labelOf(n, source)
	if !ok {
		return nil
	}
	s, ok := t.m.match(label)
	if !ok {
		return nil
	}
	class := "brief-section-label"
	if _, heading := node.(*ast.Heading); heading {
		class = "brief-section-title"
	}
	node.SetAttributeString("class", []byte(class))
	return &SectionNode{Section: s, ID: s.ID(), Label: label, labelNode: node}
}

// labelOf returns the label of a block shaped like a section's start: a
// heading, or a paragraph opening with a bold lead-in followed by a colon
// (inside or outside the bold) or standing alone. node is the heading or
// the bold text.
func labelOf(n ast.Node, source []byte) (label string, node ast.Node, ok bool) {
	switch n := n.(type) {
	case *ast.Heading:
		return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(inlineText(n, source)), ":")), n, true
	case *ast.Paragraph:
		strong, ok := n.FirstChild().(*ast.Emphasis)
		if !ok || strong.Level != 2 {
			return "", nil, false
		}
		label := strings.TrimSpace(inlineText(strong, source))
		colon := strings.HasSuffix(label, ":")
		label = strings.TrimSpace(strings.TrimSuffix(label, ":"))
		if !colon {
			// The colon may follow the bold: "**Why this matters**: ...".
			// Without a colon, only a bold line standing alone is a label.
			after := strings.TrimSpace(restText(strong, source))
			colon = strings.HasPrefix(after, ":") || after == ""
		}
		return label, strong, colon
	}
	return "", nil, false
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
			_, _ = w.WriteString(`<section class="brief-section" id="` + n.ID + "\">\n")
		} else {
			_, _ = w.WriteString("</section>\n")
		}
		return ast.WalkContinue, nil
	})
}
