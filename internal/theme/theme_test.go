package theme

import (
	"errors"
	"html/template"
	"io/fs"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefs-dev/briefs/internal/diag"
)

// embedded is a stand-in for the embedded default theme: every page prints
// where it came from, so a test sees which layer won.
func embedded() fstest.MapFS {
	fsys := fstest.MapFS{
		"layouts/baseof.html":         {Data: []byte(`<base>{{template "partials/head.html" .}}{{block "main" .}}{{end}}</base>`)},
		"layouts/partials/head.html":  {Data: []byte(`<head>default</head>`)},
		"layouts/partials/card.html":  {Data: []byte(`<card>default</card>`)},
		"assets/style.css":            {Data: []byte("/* default style */")},
		"assets/favicon.svg":          {Data: []byte("<svg/>")},
		"assets/.DS_Store":            {Data: []byte("junk")},
		"assets/fonts/sans.woff2":     {Data: []byte("font")},
		"layouts/partials/notes.txt":  {Data: []byte("not a template")},
		"layouts/partials/old/x.html": {Data: []byte("{{nested folders are not partials")},
	}
	for _, p := range Pages {
		fsys["layouts/"+p] = &fstest.MapFile{Data: []byte(`{{define "main"}}default ` + p + `{{end}}`)}
	}
	for _, p := range Documents {
		fsys["layouts/"+p] = &fstest.MapFile{Data: []byte(`default ` + p)}
	}
	return fsys
}

func load(t *testing.T, site fs.FS, name string) *Theme {
	t.Helper()
	th, err := Load(site, name, embedded(), nil)
	if err != nil {
		t.Fatalf("Load(%q): %v", name, err)
	}
	return th
}

func render(t *testing.T, th *Theme, page string) string {
	t.Helper()
	out, err := th.Render(page, nil)
	if err != nil {
		t.Fatalf("Render(%q): %v", page, err)
	}
	return string(out)
}

func TestEmbeddedOnly(t *testing.T) {
	th := load(t, fstest.MapFS{}, "default")
	for _, p := range Pages {
		want := "<base><head>default</head>default " + p + "</base>"
		if got := render(t, th, p); got != want {
			t.Errorf("Render(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestLayers(t *testing.T) {
	site := fstest.MapFS{
		// The site overrides one page and one partial of the theme.
		"layouts/brief.html":         {Data: []byte(`{{define "main"}}site brief {{template "partials/card.html" .}} {{template "partials/site.html" .}}{{end}}`)},
		"layouts/partials/card.html": {Data: []byte(`<card>site</card>`)},
		"layouts/partials/site.html": {Data: []byte(`<only-site/>`)},
		// The theme overrides two pages and the head, and adds a partial.
		"themes/paper/layouts/brief.html":          {Data: []byte(`{{define "main"}}paper brief{{end}}`)},
		"themes/paper/layouts/home.html":           {Data: []byte(`{{define "main"}}paper home {{template "partials/paper.html" .}}{{end}}`)},
		"themes/paper/layouts/partials/head.html":  {Data: []byte(`<head>paper</head>`)},
		"themes/paper/layouts/partials/paper.html": {Data: []byte(`<only-theme/>`)},
		"themes/paper/assets/style.css":            {Data: []byte("/* paper style */")},
		"themes/paper/assets/print.css":            {Data: []byte("/* paper print */")},
		// Another theme the config does not pick: never used.
		"themes/other/layouts/home.html": {Data: []byte(`{{define "main"}}other home{{end}}`)},
	}
	th := load(t, site, "paper")
	tests := []struct{ page, want string }{
		{"brief.html", "<base><head>paper</head>site brief <card>site</card> <only-site/></base>"},
		{"home.html", "<base><head>paper</head>paper home <only-theme/></base>"},
		{"list.html", "<base><head>paper</head>default list.html</base>"},
		{"404.html", "<base><head>paper</head>default 404.html</base>"},
	}
	for _, tt := range tests {
		if got := render(t, th, tt.page); got != tt.want {
			t.Errorf("Render(%q) = %q, want %q", tt.page, got, tt.want)
		}
	}

	wantAssets := map[string]string{
		"style.css":        "/* paper style */", // the theme's over the default's
		"print.css":        "/* paper print */",
		"favicon.svg":      "<svg/>",
		"fonts/sans.woff2": "font",
	}
	got := map[string]string{}
	for p, data := range th.Assets() {
		got[p] = string(data)
	}
	if !maps.Equal(got, wantAssets) {
		t.Errorf("Assets() = %q, want %q", got, wantAssets)
	}

	for name, want := range map[string]string{
		"baseof.html":           "(embedded default theme) layouts",
		"brief.html":            "layouts",
		"home.html":             "themes/paper/layouts",
		"partials/card.html":    "layouts",
		"partials/head.html":    "themes/paper/layouts",
		"partials/paper.html":   "themes/paper/layouts",
		"partials/missing.html": "",
	} {
		if got := th.Origin(name); got != want {
			t.Errorf("Origin(%q) = %q, want %q", name, got, want)
		}
	}

	// The same site with the default theme: the site layer still wins, the
	// paper theme is not used.
	def := load(t, site, "default")
	if got, want := render(t, def, "home.html"), "<base><head>default</head>default home.html</base>"; got != want {
		t.Errorf("default theme: Render(home) = %q, want %q", got, want)
	}
	if got, want := render(t, def, "brief.html"), "<base><head>default</head>site brief <card>site</card> <only-site/></base>"; got != want {
		t.Errorf("default theme: Render(brief) = %q, want %q", got, want)
	}
}

// A site may keep a copy of the default theme in themes/default/: it is
// used over the embedded one.
func TestDefaultThemeOnDisk(t *testing.T) {
	site := fstest.MapFS{
		"themes/default/layouts/partials/head.html": {Data: []byte(`<head>disk</head>`)},
		"themes/default/assets/style.css":           {Data: []byte("disk")},
	}
	th := load(t, site, "default")
	if got, want := render(t, th, "404.html"), "<base><head>disk</head>default 404.html</base>"; got != want {
		t.Errorf("Render(404) = %q, want %q", got, want)
	}
	if got := string(th.Assets()["style.css"]); got != "disk" {
		t.Errorf("style.css = %q, want the copy on disk", got)
	}
}

func TestMissingTheme(t *testing.T) {
	site := fstest.MapFS{"themes/paper/layouts/home.html": {Data: []byte("x")}}
	_, err := Load(site, "papr", embedded(), nil)
	if err == nil {
		t.Fatal("Load of a theme with no folder: no error")
	}
	var de *diag.Error
	if !errors.As(err, &de) || de.Pos.File != "config.toml" {
		t.Errorf("error %q does not point at config.toml", err)
	}
	if !strings.Contains(err.Error(), `"papr"`) || !strings.Contains(err.Error(), "themes/papr") {
		t.Errorf("error %q does not name the theme and its folder", err)
	}
}

func TestSyntaxErrorNamesFile(t *testing.T) {
	tests := []struct {
		name string
		site fstest.MapFS
		want []string // each a file the error must name
	}{
		{
			"site page",
			fstest.MapFS{"layouts/brief.html": {Data: []byte("{{define \"main\"}}\n{{if}}\n{{end}}")}},
			[]string{"layouts/brief.html"},
		},
		{
			"site partial",
			fstest.MapFS{"layouts/partials/head.html": {Data: []byte("<head>{{.Title</head>")}},
			[]string{"layouts/partials/head.html"},
		},
		{
			"theme base",
			fstest.MapFS{"themes/paper/layouts/baseof.html": {Data: []byte("{{end}}")}},
			[]string{"themes/paper/layouts/baseof.html"},
		},
		{
			"unknown function",
			fstest.MapFS{"themes/paper/layouts/home.html": {Data: []byte(`{{define "main"}}{{nosuch .}}{{end}}`)}},
			[]string{"themes/paper/layouts/home.html", "nosuch"},
		},
		{
			"two pages at once",
			fstest.MapFS{
				"layouts/home.html": {Data: []byte("{{if}}")},
				"layouts/list.html": {Data: []byte("{{range}}")},
			},
			[]string{"layouts/home.html", "layouts/list.html"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.site["themes/paper/layouts/.keep"] = &fstest.MapFile{}
			_, err := Load(tt.site, "paper", embedded(), nil)
			if err == nil {
				t.Fatal("Load: no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load error %q does not name %s", err, w)
				}
			}
		})
	}
}

func TestMissingPage(t *testing.T) {
	emb := embedded()
	delete(emb, "layouts/archive.html")
	_, err := Load(fstest.MapFS{}, "default", emb, nil)
	if err == nil || !strings.Contains(err.Error(), "archive.html") {
		t.Errorf("Load without archive.html: error %v, want one naming it", err)
	}
}

func TestFuncs(t *testing.T) {
	site := fstest.MapFS{"layouts/home.html": {Data: []byte(`{{define "main"}}{{shout "hi"}}{{end}}`)}}
	funcs := template.FuncMap{"shout": func(s string) string { return strings.ToUpper(s) }}
	th, err := Load(site, "default", embedded(), funcs)
	if err != nil {
		t.Fatal(err)
	}
	if got := render(t, th, "home.html"); !strings.Contains(got, "HI") {
		t.Errorf("Render(home) = %q, want the function applied", got)
	}
}

func TestExecuteUnknownPage(t *testing.T) {
	th := load(t, fstest.MapFS{}, "default")
	if _, err := th.Render("nope.html", nil); err == nil {
		t.Errorf("Render of an unknown page: no error")
	}
}

func TestVersion(t *testing.T) {
	site := func() fstest.MapFS {
		return fstest.MapFS{
			"layouts/partials/card.html":  {Data: []byte(`<card>site</card>`)},
			"themes/paper/layouts/x.html": {Data: []byte(`unused`)},
			"themes/paper/assets/a.css":   {Data: []byte(`a`)},
		}
	}
	base := load(t, site(), "paper").Version()
	if again := load(t, site(), "paper").Version(); again != base {
		t.Errorf("Version of the same theme differs: %x, %x", base, again)
	}
	changes := map[string]func(fstest.MapFS){
		"site partial edited": func(f fstest.MapFS) { f["layouts/partials/card.html"].Data = []byte(`<card>site!</card>`) },
		"site page added": func(f fstest.MapFS) {
			f["layouts/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}x{{end}}`)}
		},
		"theme partial added": func(f fstest.MapFS) {
			f["themes/paper/layouts/partials/new.html"] = &fstest.MapFile{Data: []byte(`new`)}
		},
		"asset edited": func(f fstest.MapFS) { f["themes/paper/assets/a.css"].Data = []byte(`b`) },
		"asset added":  func(f fstest.MapFS) { f["themes/paper/assets/b.css"] = &fstest.MapFile{Data: []byte(`b`)} },
	}
	for name, change := range changes {
		f := site()
		change(f)
		if v := load(t, f, "paper").Version(); v == base {
			t.Errorf("%s: Version did not change", name)
		}
	}
	emb := embedded()
	emb["layouts/partials/head.html"].Data = []byte(`<head>changed</head>`)
	th, err := Load(site(), "paper", emb, nil)
	if err != nil {
		t.Fatal(err)
	}
	if th.Version() == base {
		t.Errorf("embedded template edited: Version did not change")
	}
}

// Hidden files and folders of a theme's assets (.DS_Store, .git/, an
// editor's .swp) are not published.
func TestHiddenAssets(t *testing.T) {
	site := fstest.MapFS{
		"themes/paper/assets/.git/config":    {Data: []byte("secret")},
		"themes/paper/assets/.style.css.swp": {Data: []byte("swap")},
		"themes/paper/assets/css/.hidden/x":  {Data: []byte("x")},
		"themes/paper/assets/css/site.css":   {Data: []byte("ok")},
	}
	th := load(t, site, "paper")
	for p := range th.Assets() {
		for _, el := range strings.Split(p, "/") {
			if strings.HasPrefix(el, ".") {
				t.Errorf("hidden asset published: %s", p)
			}
		}
	}
	if _, ok := th.Assets()["css/site.css"]; !ok {
		t.Errorf("css/site.css not published")
	}
}
