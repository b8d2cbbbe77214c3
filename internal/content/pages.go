package content

import (
	"slices"
	"sort"
	"strings"

	"github.com/briefs-dev/briefs/internal/diag"
)

// PagesDir holds a site's standalone pages: content/pages/<slug>.md, or a
// bundle content/pages/<slug>/index.md, published at /<slug>/. A page has
// a title and a body, and no date; it is in no list, feed or search.
const PagesDir = Dir + "/pages"

// Menus are where a page may be linked from every page, by its menu key.
var Menus = []string{"header", "footer"}

// IsPage reports whether the Markdown file at slash path p is a standalone
// page rather than a brief.
func IsPage(p string) bool { return strings.HasPrefix(p, PagesDir+"/") }

// URLPath returns the path below the site's root at which the brief or
// standalone page read from s is published: "briefs/<slug>/" for a brief,
// "<slug>/" for a page. The files of its bundle are published there too.
func (s *Source) URLPath() string {
	if IsPage(s.Path) {
		return s.Slug + "/"
	}
	return "briefs/" + s.Slug + "/"
}

// PagePaths returns the paths of the standalone pages, sorted.
func (f *Files) PagePaths() []string {
	var paths []string
	for p := range f.Briefs {
		if IsPage(p) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths
}

// pageProblems checks what a page's front matter may hold, and that only a
// page has a menu.
func (s *Source) pageProblems() error {
	var errs diag.List
	fm := &s.Front
	if !IsPage(s.Path) {
		if fm.Menu != "" {
			errs.Addf(s.KeyPos("menu"), "menu is for standalone pages, in %s/", PagesDir)
		}
		return errs.Err()
	}
	if fm.Menu != "" && !slices.Contains(Menus, fm.Menu) {
		errs.Addf(s.KeyPos("menu"), "menu %q is not one of %s", fm.Menu, strings.Join(Menus, ", "))
	}
	for _, key := range []struct {
		name string
		set  bool
	}{
		{"updated", !fm.Updated.IsZero()}, {"authors", len(fm.Authors) > 0}, {"topics", len(fm.Topics) > 0},
		{"photo", fm.Photo != nil}, {"go_deeper", len(fm.GoDeeper) > 0}, {"corrections", len(fm.Corrections) > 0},
		{"publish_at", !fm.PublishAt.IsZero()}, {"expires", !fm.Expires.IsZero()}, {"aliases", len(fm.Aliases) > 0},
		{"retracted", fm.Retracted != nil},
	} {
		if key.set {
			errs.Addf(s.KeyPos(key.name), "%s is for briefs: a standalone page has none", key.name)
		}
	}
	return errs.Err()
}
