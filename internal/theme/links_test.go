package theme

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestSymlinks holds layouts/ and themes/ to the rules of content/: a
// symbolic link is followed to a file inside the site and refused, with a
// message naming it, when it leads out of the site or to a folder.
func TestSymlinks(t *testing.T) {
	inside := fstest.MapFS{
		"shared/head.html":               {Data: []byte(`<head>shared</head>`)},
		"shared/style.css":               {Data: []byte(`/* shared */`)},
		"layouts/partials/head.html":     {Data: []byte("../../shared/head.html"), Mode: os.ModeSymlink},
		"themes/paper/assets/style.css":  {Data: []byte("../../../shared/style.css"), Mode: os.ModeSymlink},
		"themes/paper/layouts/home.html": {Data: []byte(`{{define "main"}}paper home{{end}}`)},
	}
	th := load(t, inside, "paper")
	if got, want := render(t, th, "home.html"), "<base><head>shared</head>paper home</base>"; got != want {
		t.Errorf("home.html = %q, want %q: the linked partial is followed", got, want)
	}
	if got := string(th.Assets()["style.css"]); got != "/* shared */" {
		t.Errorf("asset style.css = %q, want the linked file", got)
	}

	tests := []struct {
		name, link, target, want string
	}{
		{"absolute", "layouts/partials/head.html", "/etc/passwd",
			`layouts/partials/head.html: symbolic link to "/etc/passwd" leads outside the site: briefs reads only files inside it`},
		{"climbs out", "themes/paper/assets/x.css", "../../../../x.css",
			`themes/paper/assets/x.css: symbolic link to "../../../../x.css" leads outside the site: briefs reads only files inside it`},
		{"a page of the theme", "themes/paper/layouts/brief.html", "/srv/brief.html",
			`themes/paper/layouts/brief.html: symbolic link to "/srv/brief.html" leads outside the site: briefs reads only files inside it`},
		{"a folder", "layouts/partials", "../shared",
			`layouts/partials: symbolic link to a folder: briefs does not follow those; move the folder here instead`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := fstest.MapFS{"themes/paper/layouts/home.html": {Data: []byte(`{{define "main"}}paper{{end}}`)}, "shared/x.html": {Data: []byte("x")}}
			site[tt.link] = &fstest.MapFile{Data: []byte(tt.target), Mode: os.ModeSymlink}
			_, err := Load(site, "paper", embedded(), nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load with %s -> %s: err = %v, want %s", tt.link, tt.target, err, tt.want)
			}
		})
	}
}
