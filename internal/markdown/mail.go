package markdown

import (
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/briefs-dev/briefs/internal/content"
)

// Mail says how to write a brief's HTML for mail. Mail clients ignore
// style sheets, so each element carries its own style and no class, and an
// image states its size, scaled to the mail's column.
type Mail struct {
	// Styles holds the inline style of elements by name ("p", "a", "h2",
	// "img"); elements not named get none.
	Styles map[string]string
	// Width is the width of the mail's column in pixels: a wider image is
	// scaled down to it.
	Width int
	// Sections names the sections written for mail, as configured ("Why
	// this matters"); the others get no Section.Mail. Nil writes them all.
	Sections []string
	// ImageSize returns the size in pixels of an image file of the site,
	// named by its slash path in the site's folder
	// ("content/briefs/x/chart.png", "static/img/map.png"), or zeros when
	// it is not known. Nil knows no size.
	ImageSize func(file string) (width, height int)
}

// MailImage is an image of the site that a brief's mail HTML shows: its
// file, and the size the HTML states (zeros when it was not known).
type MailImage struct {
	File          string
	Width, Height int
}

// newMailRenderer returns the renderer of mail HTML: goldmark's HTML
// renderer with the most frequent elements written by mailRenderer, with
// their style. Rarer ones (images, autolinks, code, rules, deletions) get
// theirs as an attribute from prepareMail, which goldmark's renderer
// writes: an attribute costs an allocation of ten per node.
func newMailRenderer(m *Mail, unsafe bool) renderer.Renderer {
	mr := &mailRenderer{styles: map[string]string{}, unsafe: unsafe}
	for el, style := range m.Styles {
		if style != "" {
			mr.styles[el] = ` style="` + string(util.EscapeHTML([]byte(style))) + `"`
		}
	}
	opts := []renderer.Option{renderer.WithNodeRenderers(
		util.Prioritized(gmhtml.NewRenderer(), 1000),
		util.Prioritized(extension.NewTableHTMLRenderer(), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
		util.Prioritized(mr, 100),
	)}
	if unsafe {
		opts = append(opts, gmhtml.WithUnsafe())
	}
	return renderer.NewRenderer(opts...)
}

// prepareMail sets the attributes of block and the nodes below it for
// mail: none but the element's style, for those mailRenderer does not
// write, and an image's width and height when its file's size is known.
// It returns images with those of the site it met appended. The page's
// HTML must be rendered before: the classes it needs go.
func (c *Converter) prepareMail(block ast.Node, src *content.Source, images []MailImage) []MailImage {
	m := c.opts.Mail
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n.RemoveAttributes()
		img, isImage := n.(*ast.Image)
		if isImage {
			if file := c.imageFile(string(img.Destination), src); file != "" {
				mi := MailImage{File: file}
				if m.ImageSize != nil {
					mi.Width, mi.Height = m.ImageSize(file)
				}
				if mi.Width > 0 && mi.Height > 0 {
					w := min(m.Width, mi.Width)
					if m.Width <= 0 {
						w = mi.Width
					}
					n.SetAttributeString("width", strconv.Itoa(w))
					n.SetAttributeString("height", strconv.Itoa((mi.Height*w+mi.Width/2)/mi.Width))
				}
				images = append(images, mi)
			}
		}
		switch n.(type) {
		case *ast.Image, *ast.AutoLink, *ast.CodeSpan, *ast.ThematicBreak, *east.Strikethrough:
			if style := m.Styles[elementOf(n)]; style != "" {
				n.SetAttributeString("style", style)
			}
		}
		return ast.WalkContinue, nil
	})
	return images
}

// imageFile returns the file of the site an image's destination, as
// rewriteLinks left it, points to: a file of the brief's bundle, or one
// of static/. It returns "" for an image elsewhere.
func (c *Converter) imageFile(dest string, src *content.Source) string {
	rest, ok := strings.CutPrefix(dest, c.opts.BaseURL)
	if !ok || c.opts.BaseURL == "" {
		return ""
	}
	// rewriteLinks wrote the URL back as Markdown: "&" as "&amp;".
	rest = strings.ReplaceAll(rest, "&amp;", "&")
	rest, _, _ = strings.Cut(rest, "#")
	rest, _, _ = strings.Cut(rest, "?")
	p, err := url.PathUnescape(rest)
	if err != nil || p == "" {
		return ""
	}
	dir := "static"
	if own := src.URLPath(); src.Bundle != "" && strings.HasPrefix(p, own) {
		dir, p = src.Bundle, strings.TrimPrefix(p, own)
	}
	// Inside dir, even for "../" in the destination.
	if file := path.Join(dir, p); strings.HasPrefix(file, dir+"/") && fs.ValidPath(file) {
		return file
	}
	return ""
}

// elementOf returns the name of the element the HTML renderer writes for
// n, or "".
func elementOf(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Paragraph:
		return "p"
	case *ast.Heading:
		return headings[min(max(n.Level, 1), 6)-1]
	case *ast.List:
		if n.IsOrdered() {
			return "ol"
		}
		return "ul"
	case *ast.ListItem:
		return "li"
	case *ast.Blockquote:
		return "blockquote"
	case *ast.ThematicBreak:
		return "hr"
	case *ast.Link, *ast.AutoLink:
		return "a"
	case *ast.Image:
		return "img"
	case *ast.Emphasis:
		if n.Level == 2 {
			return "strong"
		}
		return "em"
	case *ast.CodeSpan:
		return "code"
	case *east.Strikethrough:
		return "del"
	}
	return ""
}

var headings = [...]string{"h1", "h2", "h3", "h4", "h5", "h6"}

// mailRenderer writes the most frequent elements with their style, and
// code blocks without the class naming their language, as mail has no
// style sheet for it to select. Else it writes as goldmark's renderer.
type mailRenderer struct {
	styles map[string]string // ` style="…"` by element, escaped
	unsafe bool
}

func (r *mailRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindParagraph, r.element("\n"))
	reg.Register(ast.KindHeading, r.element("\n"))
	reg.Register(ast.KindBlockquote, r.element("\n"))
	reg.Register(ast.KindList, r.element("\n"))
	reg.Register(ast.KindListItem, r.element("\n"))
	reg.Register(ast.KindEmphasis, r.element(""))
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindFencedCodeBlock, r.renderFencedCodeBlock)
}

// element returns the function that writes an element with its style,
// and after its end tag.
func (r *mailRenderer) element(after string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		name := elementOf(n)
		if !entering {
			_, _ = w.WriteString("</")
			_, _ = w.WriteString(name)
			_ = w.WriteByte('>')
			_, _ = w.WriteString(after)
			return ast.WalkContinue, nil
		}
		_ = w.WriteByte('<')
		_, _ = w.WriteString(name)
		if l, ok := n.(*ast.List); ok && l.IsOrdered() && l.Start != 1 {
			_, _ = w.WriteString(` start="`)
			_, _ = w.WriteString(strconv.Itoa(l.Start))
			_ = w.WriteByte('"')
		}
		_, _ = w.WriteString(r.styles[name])
		_ = w.WriteByte('>')
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindList:
			_ = w.WriteByte('\n')
		case ast.KindListItem:
			if _, tight := n.FirstChild().(*ast.TextBlock); n.FirstChild() != nil && !tight {
				_ = w.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	}
}

// renderLink writes a link as goldmark does, with its style.
func (r *mailRenderer) renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Link)
	_, _ = w.WriteString(`<a href="`)
	if dest := util.URLEscape(n.Destination, true); r.unsafe || !gmhtml.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		gmhtml.DefaultWriter.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(r.styles["a"])
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderFencedCodeBlock writes a code block as goldmark does, without
// the class of its language.
func (r *mailRenderer) renderFencedCodeBlock(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<pre><code>")
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		gmhtml.DefaultWriter.RawWrite(w, line.Value(source))
	}
	return ast.WalkContinue, nil
}

// renderMail sets res.MailLede, each section's Mail and res.MailImages.
// It renders after everything else: the attributes it sets are for mail.
func (c *Converter) renderMail(doc ast.Node, src *content.Source, res *Result) error {
	out := c.buffer()
	defer c.release(out)
	w := bufWriter{out}
	render := func(block ast.Node) error {
		res.MailImages = c.prepareMail(block, src, res.MailImages)
		return c.mail.Render(w, src.Body, block)
	}
	ledeEnd := -1
	var spans [][2]int // each section's mail HTML in out
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		sec, isSection := n.(*SectionNode)
		if !isSection {
			if err := render(n); err != nil {
				return err
			}
			continue
		}
		if ledeEnd < 0 {
			ledeEnd = out.Len()
		}
		start := out.Len()
		for m := sec.FirstChild(); m != nil && c.mailed(sec); m = m.NextSibling() {
			if err := render(m); err != nil {
				return err
			}
		}
		spans = append(spans, [2]int{start, out.Len()})
	}
	all := c.slab.String(out.Bytes())
	if ledeEnd < 0 {
		ledeEnd = len(all)
	}
	res.MailLede = all[:ledeEnd]
	for i, span := range spans {
		res.Sections[i].Mail = all[span[0]:span[1]]
	}
	return nil
}

// mailed reports whether a section is written for mail.
func (c *Converter) mailed(sec *SectionNode) bool {
	names := c.opts.Mail.Sections
	return names == nil || slices.Contains(names, sec.Section.Name)
}
