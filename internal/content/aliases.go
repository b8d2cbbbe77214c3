package content

import (
	"errors"
	"path"
	"strconv"
	"strings"

	"github.com/briefs-dev/briefs/internal/diag"
)

// AliasPath returns the site path of an alias as written in front matter,
// "/briefs/old-slug/" → "briefs/old-slug/": a path of the site, from its
// base URL, that ends in a slash (a folder, served by its index.html) or
// names an .html file. An alias without either gets the slash.
func AliasPath(alias string) (string, error) {
	a := strings.TrimSpace(alias)
	switch {
	case a == "":
		return "", errors.New("is empty")
	case strings.Contains(a, "://") || strings.HasPrefix(a, "//"):
		return "", errors.New("is outside the site: an alias is a path of the site, such as /briefs/old-slug/")
	case !strings.HasPrefix(a, "/"):
		return "", errors.New("must start with a slash: an alias is a path of the site, such as /briefs/old-slug/")
	case strings.ContainsFunc(a, func(r rune) bool { return r <= ' ' || r == 0x7f || strings.ContainsRune(`?#\"'<>`, r) }):
		return "", errors.New("may hold no spaces, quotes, angle brackets, backslashes, ? or #")
	}
	for _, el := range strings.Split(strings.Trim(a, "/"), "/") {
		if el == ".." {
			return "", errors.New("is outside the site: it may not hold ..")
		}
		if el == "." || el == "" && a != "/" {
			return "", errors.New("may hold no empty or . parts")
		}
	}
	if a == "/" {
		return "", errors.New("is the home page")
	}
	p := strings.TrimPrefix(path.Clean(a), "/")
	if !strings.HasSuffix(p, ".html") {
		p += "/"
	}
	return p, nil
}

// validateAliases reports each alias that is no path of the site.
func (s *Source) validateAliases(errs *diag.List) {
	for i, a := range s.Front.Aliases {
		if _, err := AliasPath(a); err != nil {
			errs.Addf(s.KeyPos("aliases", strconv.Itoa(i)), "alias %s %v", quoteShort(a), err)
		}
	}
}
