// Package markdown converts a brief's Markdown body into HTML, its lede and its labelled sections.
package markdown

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
)

// Options configures a Converter.
type Options struct {
	Sections []config.Section
	Unsafe   bool // let raw HTML through
	// BaseURL is the site's absolute base URL with a trailing slash. Links
	// and images inside the site are written as absolute URLs under it, so
	// that a brief's HTML works on every page and in feeds.
	BaseURL string
	// Resolve maps a brief reference ("briefs/x", as content.Source.Ref) to
	// the brief's path below BaseURL ("briefs/x-slug/"). It is called for
	// links to other briefs' .md files; ok=false leaves the link as written.
	Resolve func(ref string) (urlPath string, ok bool)
}

// Converter turns brief bodies into Results. It is safe for concurrent use.
type Converter struct {
	opts     Options
	md       goldmark.Markdown
	sections *sectionMatcher
}

// New returns a Converter for a site's settings.
func New(opts Options) *Converter {
	c := &Converter{opts: opts, sections: newSectionMatcher(opts.Sections)}
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
	HTML     string    // the whole body: lede, then each section in <section>
	Lede     string    // HTML before the first section
	LedeText string    // Lede as plain text
	Sections []Section // in the order written
	Text     string    // the whole body as plain text
	Words    int       // words in Text
	Links    []Link    // every link and image destination, as written
}

// Section is one labelled section of a brief.
type Section struct {
	Name  string // the configured name, e.g. "Why this matters"
	ID    string // anchor, unique within the brief: "why-this-matters"
	Label string // the label as written: "Why it matters"
	HTML  string // the section's content, label included
	Text  string // the content as plain text, label left out
	Line  int    // line of the file where the section starts
}

// Link is a destination found in the body.
type Link struct {
	Dest  string
	Image bool
	Line  int
}

// Convert parses and renders src's body. The error is a *diag.Error naming
// the brief; goldmark itself accepts any input, so errors are rare.
func (c *Converter) Convert(src *content.Source) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, diag.Errorf(diag.Pos{File: src.Path}, "markdown: internal error: %v", r)
		}
	}()
	body := src.Body
	doc := c.md.Parser().Parse(text.NewReader(body), parser.WithContext(parser.NewContext()))
	res = &Result{}
	c.rewriteLinks(doc, src, res)

	var out, part bytes.Buffer
	lede := true
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		sec, isSection := n.(*SectionNode)
		if !isSection {
			if err := c.md.Renderer().Render(&part, body, n); err != nil {
				return nil, diag.Wrap(diag.Pos{File: src.Path}, err)
			}
			if lede {
				res.Lede += part.String()
			}
			out.Write(part.Bytes())
			part.Reset()
			continue
		}
		lede = false
		for m := sec.FirstChild(); m != nil; m = m.NextSibling() {
			if err := c.md.Renderer().Render(&part, body, m); err != nil {
				return nil, diag.Wrap(diag.Pos{File: src.Path}, err)
			}
		}
		s := Section{
			Name:  sec.Section.Name,
			ID:    sec.ID,
			Label: sec.Label,
			HTML:  part.String(),
			Text:  strings.TrimLeft(plainText(sec, body, sec.labelNode), ": "),
			Line:  lineOf(sec, body, src.BodyLine),
		}
		res.Sections = append(res.Sections, s)
		fmt.Fprintf(&out, "<section class=\"brief-section\" id=\"%s\">\n", s.ID)
		out.Write(part.Bytes())
		out.WriteString("</section>\n")
		part.Reset()
	}
	res.HTML = out.String()
	var lt strings.Builder
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*SectionNode); ok {
			break
		}
		appendText(&lt, n, body, nil)
	}
	res.LedeText = strings.TrimSpace(lt.String())
	res.Text = plainText(doc, body, nil)
	res.Words = len(strings.Fields(res.Text))
	return res, nil
}

// rewriteLinks makes in-site links absolute: a relative link to another
// brief's .md file becomes that brief's URL, a root-relative link gets the
// site's base, and a relative image of a page bundle points into the
// brief's folder.
func (c *Converter) rewriteLinks(doc ast.Node, src *content.Source, res *Result) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		image := false
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest, image = &n.Destination, true
		default:
			return ast.WalkContinue, nil
		}
		raw := string(*dest)
		res.Links = append(res.Links, Link{Dest: raw, Image: image, Line: lineOf(n, src.Body, src.BodyLine)})
		// The destination is kept as written, with Markdown escapes and
		// entities: read it as the renderer will write it.
		written := util.URLEscape(*dest, true)
		if gmhtml.IsDangerousURL(written) {
			return ast.WalkContinue, nil // the renderer drops it
		}
		if u := c.siteURL(string(written), src); u != "" {
			*dest = []byte(strings.ReplaceAll(u, "&", "&amp;")) // written back as Markdown
		}
		return ast.WalkContinue, nil
	})
}

// siteURL returns the absolute URL for an in-site destination, or "" to
// leave it alone.
func (c *Converter) siteURL(dest string, src *content.Source) string {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.Path == "" {
		return ""
	}
	base := c.opts.BaseURL
	if strings.HasPrefix(u.Path, "/") {
		return base + strings.TrimPrefix(dest, "/")
	}
	dir := path.Dir(src.Path)
	target := path.Clean(path.Join(dir, u.Path))
	if strings.HasSuffix(u.Path, ".md") && c.opts.Resolve != nil {
		ref := strings.TrimSuffix(strings.TrimPrefix(target, content.Dir+"/"), ".md")
		ref = strings.TrimSuffix(ref, "/index")
		p, ok := c.opts.Resolve(ref)
		if !ok {
			return ""
		}
		if u.Fragment != "" {
			p += "#" + u.Fragment
		}
		return base + p
	}
	if src.Bundle != "" && strings.HasPrefix(target, src.Bundle+"/") {
		// A file of the bundle: it is published beside the brief's page.
		rest := strings.TrimPrefix(dest, "./")
		return base + "briefs/" + src.Slug + "/" + rest
	}
	return ""
}

// lineOf returns the file line of a node's first text line.
func lineOf(n ast.Node, body []byte, bodyLine int) int {
	offset := -1
	// The first text may sit below nodes without a position of their own,
	// such as the typographer's quotes.
	_ = ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
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
		// No text inside, as in ![](x.jpg): the line where the text
		// before it ends.
		for p := n.PreviousSibling(); p != nil && offset < 0; p = p.PreviousSibling() {
			if t := lastText(p); t != nil {
				offset = t.Segment.Stop
				if t.SoftLineBreak() || t.HardLineBreak() {
					offset = t.Segment.Stop + bytes.IndexByte(body[t.Segment.Stop:], '\n') + 1
				}
			}
		}
		if offset < 0 && n.Parent() != nil {
			return lineOf(n.Parent(), body, bodyLine)
		}
	}
	if offset < 0 {
		return bodyLine
	}
	line, _ := diag.LineCol(body, offset)
	return line + bodyLine - 1
}

// lastText returns the last text node of n and its descendants, or nil.
func lastText(n ast.Node) *ast.Text {
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if t := lastText(c); t != nil {
			return t
		}
	}
	t, _ := n.(*ast.Text)
	return t
}

// plainText returns the text of n, blocks separated by blank lines; skip
// (may be nil) is left out.
func plainText(n ast.Node, body []byte, skip ast.Node) string {
	var b strings.Builder
	appendText(&b, n, body, skip)
	return strings.TrimSpace(b.String())
}

// appendText writes the text of n to b. Blocks are separated by one blank
// line, written lazily so nested blocks do not pile up separators.
func appendText(b *strings.Builder, n ast.Node, body []byte, skip ast.Node) {
	pending := false
	write := func(p []byte) {
		if pending && b.Len() > 0 {
			b.WriteString("\n\n")
		}
		pending = false
		b.Write(p)
	}
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n == skip {
			return ast.WalkSkipChildren, nil
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
