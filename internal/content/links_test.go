package content

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadStaticLinks holds static/ to the rules of content/: a symbolic
// link is followed to a file inside the site and refused, with a message,
// when it leads out of it or to a folder.
func TestReadStaticLinks(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want map[string]string // output path → content
		err  string
	}{
		{
			"a link to a file inside the site",
			fstest.MapFS{
				"static/robots.txt": {Data: []byte("robots")},
				"static/site.css":   {Data: []byte("../shared/site.css"), Mode: os.ModeSymlink},
				"static/img/a.png":  {Data: []byte("../site.css"), Mode: os.ModeSymlink},
				"shared/site.css":   {Data: []byte("body{}")},
			},
			map[string]string{"robots.txt": "robots", "site.css": "body{}", "img/a.png": "body{}"},
			"",
		},
		{
			"a link out of the site",
			fstest.MapFS{
				"static/robots.txt": {Data: []byte("robots")},
				"static/passwd":     {Data: []byte("/etc/passwd"), Mode: os.ModeSymlink},
			},
			nil,
			`static/passwd: symbolic link to "/etc/passwd" leads outside the site: briefs reads only files inside it`,
		},
		{
			"a link that climbs out of the site",
			fstest.MapFS{"static/x.css": {Data: []byte("../../x.css"), Mode: os.ModeSymlink}},
			nil,
			`static/x.css: symbolic link to "../../x.css" leads outside the site: briefs reads only files inside it`,
		},
		{
			"a link to a folder",
			fstest.MapFS{
				"static/img":    {Data: []byte("../shared"), Mode: os.ModeSymlink},
				"shared/a.png":  {Data: []byte("a")},
				"static/ok.txt": {Data: []byte("ok")},
			},
			nil,
			`static/img: symbolic link to a folder: briefs does not follow those; move the folder here instead`,
		},
		{
			"no static folder",
			fstest.MapFS{"content/briefs/a.md": {Data: []byte("a")}},
			map[string]string{},
			"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readStatic(tt.fsys, nil, nil)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("readStatic error = %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("readStatic: %v", err)
			}
			text := toStrings(got)
			if !reflect.DeepEqual(text, tt.want) {
				t.Errorf("readStatic = %q, want %q", text, tt.want)
			}
		})
	}
}

// TestUpdateStaticLink: a changed link under static/ is read as the full
// read reads it.
func TestUpdateStaticLink(t *testing.T) {
	fsys := fstest.MapFS{"static/a.css": {Data: []byte("a")}, "shared/b.css": {Data: []byte("b")}}
	f, err := ReadFiles(fsys)
	if err != nil {
		t.Fatal(err)
	}
	fsys["static/b.css"] = &fstest.MapFile{Data: []byte("../shared/b.css"), Mode: os.ModeSymlink}
	next, err := f.Update(fsys, []string{"static/b.css"})
	if got := toStrings(next.Static); err != nil || got["b.css"] != "b" || got["a.css"] != "a" {
		t.Errorf("Update after a link was added = %q, %v; want a.css and b.css", got, err)
	}
	fsys["static/c.css"] = &fstest.MapFile{Data: []byte("/etc/passwd"), Mode: os.ModeSymlink}
	if _, err := f.Update(fsys, []string{"static/c.css"}); err == nil || !strings.Contains(err.Error(), "static/c.css: symbolic link") {
		t.Errorf("Update after a link out of the site was added: err = %v", err)
	}
}
