package site

import (
	"hash/fnv"
	"sort"
	"strings"

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/markdown"
)

// Page is a standalone page (content/pages/): About, Ethics and standards,
// Corrections policy. It has a title and a body, is published at /<slug>/,
// and may be linked from the header or the footer of every page.
type Page struct {
	Source      *content.Source
	Slug        string
	Title       string
	Description string // the summary of its front matter, else its first paragraph
	Menu        string // "header", "footer" or ""
	Draft       bool
	Body        *markdown.Result
	Path        string // "about/"
	Version     uint64 // changes with the page's file and body
}

// NewPage builds a Page from its source and converted body.
func NewPage(src *content.Source, body *markdown.Result) *Page {
	fm := &src.Front
	p := &Page{Source: src, Slug: src.Slug, Title: strings.TrimSpace(fm.Title), Description: strings.TrimSpace(fm.Summary),
		Menu: fm.Menu, Draft: fm.Draft, Body: body, Path: src.URLPath()}
	if p.Description == "" {
		p.Description = firstParagraph(body.LedeText)
	}
	h := fnv.New64a()
	h.Write(src.Raw)
	h.Write([]byte(body.HTML))
	p.Version = h.Sum64()
	return p
}

// ReservedFolders are the top-level folders of a site's output that its
// families write; no page may be published in one.
var ReservedFolders = []string{"archive", "assets", "authors", "briefs", "editions", "page", "search", "topics"}

// SetPages gives the site its standalone pages, leaving drafts out unless
// drafts is set. A page whose folder another output has (a family's
// folder, or a top-level folder of published, the files published as they
// are) is an error at the page, as are two pages of one slug.
func (s *Site) SetPages(pages []*Page, drafts bool, published map[string]content.File) error {
	taken := map[string]string{}
	for _, f := range ReservedFolders {
		taken[f] = "the site's " + f + "/ folder"
	}
	for p := range published {
		if dir, _, ok := strings.Cut(p, "/"); ok {
			if _, dup := taken[dir]; !dup {
				taken[dir] = "the published file " + p
			}
		}
	}
	sorted := append([]*Page(nil), pages...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Source.Path < sorted[j].Source.Path })
	var errs diag.List
	s.Pages = nil
	for _, p := range sorted {
		at := diag.Pos{File: p.Source.Path, Line: 1, Col: 1}
		if p.Source.Front.Slug != "" {
			at = p.Source.KeyPos("slug")
		}
		if other, ok := taken[p.Slug]; ok {
			errs.Addf(at, "page /%s/ would be published where %s is: rename the page or set its slug", p.Slug, other)
			continue
		}
		taken[p.Slug] = p.Source.Path
		if p.Draft && !drafts {
			continue
		}
		s.Pages = append(s.Pages, p)
	}
	return errs.Err()
}

// MenuPages returns the pages linked from menu ("header" or "footer"), by
// title.
func (s *Site) MenuPages(menu string) []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.Menu == menu {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out
}
