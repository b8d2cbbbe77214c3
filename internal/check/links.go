package check

// The rules on a brief's links: "Go deeper" refs and URLs, and links in its body.

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/site"
)

func (c *checker) goDeeper(b *site.Brief) {
	src := b.Source
	for i, l := range src.Front.GoDeeper {
		switch {
		case l.Ref != "":
			target := c.lookup(l.Ref)
			pos := func() diag.Pos { return src.KeyPos("go_deeper", fmt.Sprint(i), "ref") }
			if target == nil {
				c.report(b, pos(), "go-deeper-ref", "go_deeper ref %q names no brief%s", l.Ref, c.suggestRef(l.Ref))
			} else if c.on("unpublished-link") && c.isUnpublished(b, target) {
				c.unpublished(b, target, pos())
			}
		case l.URL != "" && c.on("go-deeper-url"):
			if problem := badURL(l.URL); problem != "" {
				c.report(b, src.KeyPos("go_deeper", fmt.Sprint(i), "url"), "go-deeper-url", "go_deeper url %q %s", l.URL, problem)
			}
		}
	}
}

// lookup finds a brief by ref ("briefs/x") or by slug, as site.New does.
func (c *checker) lookup(ref string) *site.Brief {
	refKey, slugKey := site.RefKeys(ref)
	if b := c.byRef[refKey]; b != nil {
		return b
	}
	return c.bySlug[slugKey]
}

// suggestRef names the brief a broken ref was probably meant for: one
// with the same slug, else one whose ref is a typo away.
func (c *checker) suggestRef(ref string) string {
	if b := c.nearBrief(ref); b != nil {
		return fmt.Sprintf(" (did you mean %q?)", b.Source.Ref)
	}
	return ""
}

// nearBrief returns the brief a ref that names none was probably meant
// for, or nil.
func (c *checker) nearBrief(ref string) *site.Brief {
	ref, slugKey := site.RefKeys(ref)
	if b := c.bySlug[slugKey]; b != nil {
		return b
	}
	var best *site.Brief
	bestDist := 3
	for _, b := range c.briefs {
		name := b.Source.Ref
		if !strings.Contains(ref, "/") {
			name = b.Slug
		}
		if abs(len(name)-len(ref)) >= bestDist {
			continue
		}
		if d := diag.Distance(ref, name); d < bestDist && d <= max(1, len(ref)/4) {
			best, bestDist = b, d
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// relPath is the relative link from the brief file from to the file to.
func relPath(from, to string) string {
	rel, err := filepath.Rel(filepath.FromSlash(path.Dir(from)), filepath.FromSlash(to))
	if err != nil {
		return to
	}
	return filepath.ToSlash(rel)
}

// isUnpublished reports whether a link from a brief that is published, or
// will be, leads to one that is not published by then.
func (c *checker) isUnpublished(from, to *site.Brief) bool {
	return !from.Draft && (to.Draft || to.PublishAt.After(c.opts.Now) && to.PublishAt.After(from.PublishAt))
}

// unpublished reports a link that isUnpublished.
func (c *checker) unpublished(from, to *site.Brief, pos diag.Pos) {
	switch {
	case from.Draft:
	case to.Draft:
		c.report(from, pos, "unpublished-link", "links to %s, a draft: the link goes nowhere until it is published", to.Source.Path)
	case to.PublishAt.After(c.opts.Now) && to.PublishAt.After(from.PublishAt):
		c.report(from, pos, "unpublished-link", "links to %s, scheduled for %s: the link goes nowhere until then",
			to.Source.Path, to.PublishAt.In(c.cfg.Location()).Format("2006-01-02 15:04"))
	}
}

// badURL says what is wrong with an absolute web address, or returns "".
func badURL(raw string) string {
	if strings.ContainsAny(raw, " \t\r\n") {
		return "holds white space"
	}
	u, err := url.Parse(raw)
	if err != nil {
		if ue, ok := err.(*url.Error); ok {
			err = ue.Err
		}
		return fmt.Sprintf("is malformed: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "is not an http or https URL"
	}
	if u.Opaque != "" || !strings.HasPrefix(raw[len(u.Scheme)+1:], "//") {
		return fmt.Sprintf("needs // after %s:", u.Scheme)
	}
	if u.User != nil {
		return "holds a user name or password"
	}
	if p := u.Port(); p != "" {
		if n, err := fmt.Sscan(p, new(uint16)); n != 1 || err != nil {
			return fmt.Sprintf("has a bad port %q", p)
		}
	}
	if problem := badHost(u.Hostname()); problem != "" {
		return problem
	}
	return ""
}

// badHost says what is wrong with the host name of a public web address.
func badHost(host string) string {
	if host == "" {
		return "has no host"
	}
	if net.ParseIP(host) != nil || host == "localhost" {
		return ""
	}
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	if len(labels) < 2 {
		return fmt.Sprintf("has the host %q, which has no domain", host)
	}
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") || len(l) > 63 {
			return fmt.Sprintf("has a malformed host %q", host)
		}
		for _, r := range l {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return fmt.Sprintf("has a malformed host %q", host)
			}
		}
	}
	return ""
}

// links checks the links of the body: internal ones lead to a brief and
// an anchor it has; those meant as web addresses are well-formed.
func (c *checker) links(b *site.Brief) {
	src := b.Source
	for _, l := range b.Body.Links {
		pos := diag.Pos{File: src.Path, Line: l.Line, Col: l.Col}
		dest := l.Dest
		if l.Refused {
			c.report(b, pos, "refused-link", "link to %q is written as a dead link (href=\"\"): its scheme could run code in the reader's browser; link to an http(s) address", dest)
			continue
		}
		if problem := malformedLink(dest); problem != "" {
			c.report(b, pos, "link-url", "link to %q %s", dest, problem)
			continue
		}
		if l.Image {
			continue
		}
		target, fragment, internal, what := c.resolve(src, dest)
		if !internal {
			continue
		}
		if target == nil {
			c.report(b, pos, "internal-link", "link to %q: %s", dest, what)
			continue
		}
		if fragment != "" && !hasAnchor(target, fragment) {
			c.report(b, pos, "internal-link", "link to %q: %s has no section %q%s", dest, target.Source.Path, fragment, anchors(target))
			continue
		}
		if target != b && c.on("unpublished-link") && c.isUnpublished(b, target) {
			c.unpublished(b, target, pos)
		}
	}
}

// omittedHTML warns of each piece of raw HTML that the page leaves out.
func (c *checker) omittedHTML(b *site.Brief) {
	if !c.on("raw-html-omitted") {
		return
	}
	for _, h := range b.Body.RawHTML {
		c.report(b, diag.Pos{File: b.Source.Path, Line: h.Line, Col: h.Col}, "raw-html-omitted",
			"raw HTML %q is left out of the page ([markdown] unsafe is not set): write it in Markdown", h.Text)
	}
}

// malformedLink says what is wrong with a destination meant as a web
// address, or returns "" (also for destinations meant otherwise).
func malformedLink(dest string) string {
	lower := strings.ToLower(dest)
	switch {
	case strings.HasPrefix(lower, "www."):
		return "has no https:// in front: it points inside the site"
	case strings.HasPrefix(lower, "http//"), strings.HasPrefix(lower, "https//"):
		return "misses the colon after http: it points inside the site"
	case strings.HasPrefix(lower, "http:"), strings.HasPrefix(lower, "https:"):
		return badURL(dest)
	}
	return ""
}

// resolve finds the brief an in-site link leads to. internal is false for
// links that lead elsewhere; when target is nil, what says why.
func (c *checker) resolve(src *content.Source, dest string) (target *site.Brief, fragment string, internal bool, what string) {
	u, err := url.Parse(dest)
	if err != nil || u.Opaque != "" {
		return nil, "", false, ""
	}
	fragment = u.Fragment
	if u.Scheme != "" || u.Host != "" {
		base, err := url.Parse(c.cfg.BaseURL)
		if err != nil || !strings.EqualFold(u.Host, base.Host) || !strings.HasPrefix(u.Path, base.Path) {
			return nil, "", false, ""
		}
		return c.resolveSitePath(strings.TrimPrefix(u.Path, base.Path), fragment)
	}
	switch {
	case u.Path == "" && fragment != "":
		for _, b := range c.briefs {
			if b.Source == src {
				return b, fragment, true, ""
			}
		}
		return nil, "", false, ""
	case strings.HasSuffix(u.Path, ".md"):
		// As markdown resolves links to other briefs' files.
		p := path.Clean(path.Join(path.Dir(src.Path), u.Path))
		ref := content.RefOf(p)
		if b := c.byRef[ref]; b != nil {
			return b, fragment, true, ""
		}
		hint := ""
		if b := c.nearBrief(ref); b != nil {
			hint = fmt.Sprintf(" (did you mean %q?)", relPath(src.Path, b.Source.Path))
		}
		return nil, "", true, fmt.Sprintf("there is no brief %s%s", p, hint)
	case strings.HasPrefix(u.Path, "/"):
		return c.resolveSitePath(strings.TrimPrefix(u.Path, "/"), fragment)
	}
	return nil, "", false, ""
}

// resolveSitePath finds the brief of a path below the site's base:
// "briefs/<slug>/".
func (c *checker) resolveSitePath(p, fragment string) (*site.Brief, string, bool, string) {
	rest, ok := strings.CutPrefix(p, "briefs/")
	if !ok {
		return nil, "", false, ""
	}
	s, _, _ := strings.Cut(rest, "/")
	if s == "" || s == "index.html" {
		return nil, "", false, ""
	}
	if b := c.bySlug[strings.ToLower(s)]; b != nil {
		return b, fragment, true, ""
	}
	hint := ""
	if b := c.nearBrief(s); b != nil {
		hint = fmt.Sprintf(" (did you mean %q?)", "/"+b.Path)
	}
	return nil, "", true, fmt.Sprintf("no brief has the slug %q%s", s, hint)
}

func hasAnchor(b *site.Brief, id string) bool {
	for _, s := range b.Body.Sections {
		if s.ID == id {
			return true
		}
	}
	return false
}

// anchors lists the sections a brief has, for a message.
func anchors(b *site.Brief) string {
	if len(b.Body.Sections) == 0 {
		return " (it has no sections)"
	}
	ids := make([]string, len(b.Body.Sections))
	for i, s := range b.Body.Sections {
		ids[i] = fmt.Sprintf("%q", s.ID)
	}
	return " (it has " + strings.Join(ids, ", ") + ")"
}
