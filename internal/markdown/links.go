package markdown

import (
	"net/url"
	"path"
	"strings"

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// rewriteLinks makes in-site links absolute: a relative link to another
// brief's .md file becomes that brief's URL, a root-relative link gets the
// site's base, and a relative image of a page bundle points into the
// brief's folder.
func (c *Converter) rewriteLinks(doc ast.Node, src *content.Source, ix *lineIndex, res *Result) {
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
		case *ast.RawHTML:
			// Found in this walk too, which visits every node anyway.
			if !c.opts.Unsafe && n.Segments.Len() > 0 {
				res.RawHTML = append(res.RawHTML, rawHTML(src.Body, n.Segments.At(0), ix))
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if !c.opts.Unsafe && n.Lines().Len() > 0 {
				res.RawHTML = append(res.RawHTML, rawHTML(src.Body, n.Lines().At(0), ix))
			}
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		raw := string(*dest)
		link := Link{Dest: raw, Image: image}
		link.Line, link.Col = ix.pos(offsetOf(n, src.Body))
		res.Links = append(res.Links, link)
		// The destination is kept as written, with Markdown escapes and
		// entities: read it as the renderer will write it.
		written := util.URLEscape(*dest, true)
		if gmhtml.IsDangerousURL(written) {
			if !c.opts.Unsafe {
				res.Links[len(res.Links)-1].Refused = true
			}
			return ast.WalkContinue, nil // the renderer drops it
		}
		if u := c.siteURL(string(written), src); u != "" {
			*dest = []byte(strings.ReplaceAll(u, "&", "&amp;")) // written back as Markdown
		}
		return ast.WalkContinue, nil
	})
}

// rawHTML describes the raw HTML that starts with seg.
func rawHTML(body []byte, seg text.Segment, ix *lineIndex) RawHTML {
	first, _, _ := strings.Cut(string(seg.Value(body)), "\n")
	r := RawHTML{Text: strings.TrimSpace(first)}
	if n := 60; len(r.Text) > n {
		r.Text = strings.ToValidUTF8(r.Text[:n], "") + "…"
	}
	r.Line, r.Col = ix.pos(seg.Start)
	return r
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
		p, ok := c.opts.Resolve(content.RefOf(target))
		if !ok {
			return ""
		}
		if u.Fragment != "" {
			p += "#" + u.Fragment
		}
		if strings.Contains(p, "://") {
			return p // a brief under another language's path
		}
		return base + p
	}
	if src.Bundle != "" && strings.HasPrefix(target, src.Bundle+"/") {
		// A file of the bundle: it is published beside the brief's page.
		rest := strings.TrimPrefix(dest, "./")
		return base + src.URLPath() + rest
	}
	return ""
}

// offsetWork bounds the nodes offsetOf looks at for one node. Without it a
// run of images without text (![](a.jpg)![](b.jpg)…), each looking back
// over all before it, made the positions of a body's links quadratic.
// Past it, the position is the start of the node's block.
const offsetWork = 256
