package site

import (
	"sort"
	"strconv"
	"strings"

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/slug"
)

// Alias is an old path of a brief, from its front matter's aliases, that
// redirects to the brief's page.
type Alias struct {
	Path  string // a site path: "briefs/old-slug/" or "2026/11/story.html"
	Brief *Brief
}

// reservedFolders are the first parts of the paths of the site's own
// pages and files: no alias may take one.
var reservedFolders = map[string]bool{
	"topics": true, "authors": true, "archive": true, "search": true,
	"editions": true, "assets": true, "page": true,
}

// Aliases returns the aliases of the briefs the site publishes, and of
// those that expired (they lead to the page that says so), by path. A
// brief before its time has none: its old paths tell nothing yet.
func (s *Site) Aliases() []Alias { return s.aliases }

// aliasPaths returns the site paths of a brief's aliases; those that are
// no path of the site (content reports them) are left out.
func aliasPaths(src *content.Source) []string {
	var paths []string
	seen := map[string]bool{}
	for _, a := range src.Front.Aliases {
		if p, err := content.AliasPath(a); err == nil && !seen[slug.Fold(p)] {
			seen[slug.Fold(p)] = true
			paths = append(paths, p)
		}
	}
	return paths
}

// checkAliases reports each alias, of any brief whatever its schedule, that
// another brief claims too, that is a brief's URL, or that takes a path of
// the site's own pages. all is sorted by path, so the later file is named.
func checkAliases(all []*Brief) error {
	var errs diag.List
	byPath := make(map[string]*Brief, len(all))
	for _, b := range all {
		byPath[slug.Fold(b.Path)] = b
	}
	claimed := map[string]*Brief{}
	for _, b := range all {
		for i, p := range aliasPaths(b.Source) {
			at := b.Source.KeyPos("aliases", strconv.Itoa(i))
			key := slug.Fold(p)
			first, _, _ := strings.Cut(p, "/")
			switch other := byPath[key]; {
			case other == b:
				errs.Addf(at, "alias %q is the brief's own URL", "/"+p)
			case other != nil:
				errs.Addf(at, "alias %q is the URL of %s: a brief cannot take another's URL", "/"+p, other.Source.Path)
			case reservedFolders[first] || p == "index.html" || p == "404.html":
				errs.Addf(at, "alias %q is a path of the site's own pages", "/"+p)
			case claimed[key] != nil && claimed[key] != b:
				errs.Addf(at, "alias %q is already claimed by %s", "/"+p, claimed[key].Source.KeyPos("aliases"))
			default:
				claimed[key] = b
			}
		}
	}
	return errs.Err()
}

// collectAliases returns the aliases of briefs, sorted by path.
func collectAliases(briefs ...[]*Brief) []Alias {
	var out []Alias
	for _, list := range briefs {
		for _, b := range list {
			for _, p := range aliasPaths(b.Source) {
				out = append(out, Alias{Path: p, Brief: b})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
