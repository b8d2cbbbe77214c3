package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// The customized theme of compare: the generated site with two of the
// default theme's templates copied into its layouts/ and changed in one
// line each, as a site restyles its default theme. Its fresh build, set
// against the generated site's, measures what a site pays for overriding
// a template instead of using the theme briefs embeds.

// A customEdit is a one-line change of one default template: the line
// that holds from gets it replaced by to. Neither holds a newline.
type customEdit struct {
	file     string // slash path below layouts/
	from, to string
}

// customEdits are the changes of the customized theme: a class added to
// the brief title's h1, a word added to the footer's copyright line.
var customEdits = []customEdit{
	{"brief.html", `<h1 class="brief-title">`, `<h1 class="brief-title brief-title-custom">`},
	{"partials/footer.html", `<p class="copyright">©`, `<p class="copyright">Copyright ©`},
}

// writeCustomLayouts makes the layouts/ of the site in folder site the
// customized theme: theme's templates of customEdits, each with its edit,
// and nothing else. theme is the default theme (themes.Default()), with
// layouts/ at its root. A layouts/ already there is replaced, so that a
// site kept from an earlier comparison follows the theme of this one.
func writeCustomLayouts(site string, theme fs.FS) error {
	files := map[string][]byte{}
	for _, e := range customEdits {
		data, err := customize(theme, e)
		if err != nil {
			return err
		}
		files[e.file] = data
	}
	layouts := filepath.Join(site, "layouts")
	if err := os.RemoveAll(layouts); err != nil {
		return err
	}
	for name, data := range files {
		p := filepath.Join(layouts, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// customize returns theme's template of e with e's edit made. It is an
// error unless exactly one place of the template holds e.from, so that a
// change of the default theme cannot leave the copy unedited, which
// would measure the default theme under another name.
func customize(theme fs.FS, e customEdit) ([]byte, error) {
	if strings.Contains(e.from+e.to, "\n") || e.from == e.to {
		return nil, fmt.Errorf("edit of %s: %q → %q is not a one-line change", e.file, e.from, e.to)
	}
	name := path.Join("layouts", e.file)
	data, err := fs.ReadFile(theme, name)
	if err != nil {
		return nil, fmt.Errorf("the default theme: %w", err)
	}
	if n := bytes.Count(data, []byte(e.from)); n != 1 {
		return nil, fmt.Errorf("the default theme's %s holds %q %d times, want once: update customEdits", name, e.from, n)
	}
	return bytes.Replace(data, []byte(e.from), []byte(e.to), 1), nil
}

// customFiles names the templates of customEdits for the report:
// "brief.html and partials/footer.html".
func customFiles() string {
	names := make([]string, len(customEdits))
	for i, e := range customEdits {
		names[i] = e.file
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
