package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefs-dev/briefs/themes"
)

// TestCustomSite makes the customized site as compare does, a copy of a
// site with writeCustomLayouts, and checks that its layouts/ holds exactly
// the two overridden templates, each the default theme's with one line
// changed, and that the rest is the site unchanged. It makes it twice, as
// on a site kept from an earlier comparison, with a stale template there.
func TestCustomSite(t *testing.T) {
	site := fstest.MapFS{
		"config.toml":                {Data: []byte("title = \"S\"\n")},
		"content/briefs/a.md":        {Data: []byte("+++\ntitle = \"A\"\n+++\nA.\n")},
		"content/briefs/b/index.md":  {Data: []byte("+++\ntitle = \"B\"\n+++\nB.\n")},
		"content/briefs/b/photo.svg": {Data: []byte("<svg/>")},
	}
	dir := filepath.Join(t.TempDir(), "custom")
	if err := os.CopyFS(dir, site); err != nil {
		t.Fatal(err)
	}
	theme := themes.Default()
	for _, round := range []string{"new site", "kept site"} {
		if err := writeCustomLayouts(dir, theme); err != nil {
			t.Fatalf("%s: %v", round, err)
		}
		got := map[string][]byte{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type()&fs.ModeSymlink != 0 {
				t.Errorf("%s: %s is a link; briefs refuses links that lead out of the site", round, p)
			}
			if d.Type().IsRegular() {
				rel, _ := filepath.Rel(dir, p)
				got[filepath.ToSlash(rel)], err = os.ReadFile(p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for name, f := range site {
			if string(got[name]) != string(f.Data) {
				t.Errorf("%s: %s = %q, want the site's %q", round, name, got[name], f.Data)
			}
		}
		var layouts []string
		for name := range got {
			if rest, ok := strings.CutPrefix(name, "layouts/"); ok {
				layouts = append(layouts, rest)
			}
		}
		slices.Sort(layouts)
		if want := []string{"brief.html", "partials/footer.html"}; !slices.Equal(layouts, want) {
			t.Errorf("%s: layouts/ holds %q, want %q", round, layouts, want)
		}
		for _, e := range customEdits {
			def, err := fs.ReadFile(theme, "layouts/"+e.file)
			if err != nil {
				t.Fatal(err)
			}
			if diff := changedLines(string(def), string(got["layouts/"+e.file])); len(diff) != 1 || !strings.Contains(diff[0], e.to) {
				t.Errorf("%s: layouts/%s differs from the default theme's in lines %q, want one line with %q", round, e.file, diff, e.to)
			}
		}
		// A template left by another version of the comparison.
		writeFiles(t, dir, map[string]string{"layouts/partials/stale.html": "old"})
	}
}

// changedLines returns the lines of b that differ from those of a at the
// same place, and all of b when their counts differ.
func changedLines(a, b string) []string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(al) != len(bl) {
		return bl
	}
	var diff []string
	for i := range al {
		if al[i] != bl[i] {
			diff = append(diff, bl[i])
		}
	}
	return diff
}

// TestCustomize checks that an edit the default theme does not fit is an
// error, not a copy of the default theme under another name.
func TestCustomize(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/brief.html": {Data: []byte("<h1 class=\"t\">{{.Title}}</h1>\n<p class=\"x\">a</p>\n<p class=\"x\">b</p>\n")},
	}
	tests := []struct {
		e       customEdit
		want    string // the template after the edit
		wantErr string
	}{
		{customEdit{"brief.html", `<h1 class="t">`, `<h1 class="t u">`},
			"<h1 class=\"t u\">{{.Title}}</h1>\n<p class=\"x\">a</p>\n<p class=\"x\">b</p>\n", ""},
		{customEdit{"brief.html", `<h2>`, `<h2 class="u">`}, "", "holds \"<h2>\" 0 times"},
		{customEdit{"brief.html", `<p class="x">`, `<p class="y">`}, "", "holds \"<p class=\\\"x\\\">\" 2 times"},
		{customEdit{"list.html", `<h1>`, `<h1 class="u">`}, "", "file does not exist"},
		{customEdit{"brief.html", `<h1 class="t">`, "<h1 class=\"t\">\n"}, "", "not a one-line change"},
		{customEdit{"brief.html", `<h1 class="t">`, `<h1 class="t">`}, "", "not a one-line change"},
	}
	for _, tt := range tests {
		got, err := customize(theme, tt.e)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("customize(%v) = %v", tt.e, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("customize(%v) = %v, want an error with %q", tt.e, err, tt.wantErr)
		case string(got) != tt.want:
			t.Errorf("customize(%v) =\n%s\nwant\n%s", tt.e, got, tt.want)
		}
	}
}

func TestCustomFiles(t *testing.T) {
	if got, want := customFiles(), "brief.html and partials/footer.html"; got != want {
		t.Errorf("customFiles() = %q, want %q", got, want)
	}
}
