package theme

import (
	"html/template"
	"testing"
	"testing/fstest"
)

func TestReadsOnly(t *testing.T) {
	funcs := template.FuncMap{"url": func(s string) string { return s }, "f": func(any) string { return "" }}
	tests := []struct {
		name    string
		partial string
		want    bool
	}{
		{"text only", `<footer>x</footer>`, true},
		{"site fields", `<a href="{{url ""}}">{{.Site.Config.Title}}</a>{{with .Site.Config.Description}}<p>{{.}}</p>{{end}}`, true},
		{"a range over a site field", `{{range $i, $t := .Nav}}{{$i}}{{.Name}}{{$t.Path}}{{end}}`, true},
		{"$ read below a site field", `{{with .Nav}}{{$.Site.Config.Title}}{{end}}`, true},
		{"a variable of a site field", `{{$c := .Site.Config}}{{$c.Title}}{{f $c}}`, true},
		{"a parenthesised read", `{{(.Site.Config).Title}}`, true},
		{"the data to a template that reads the site", `{{template "partials/site.html" .}}`, true},
		{"another value to a template that reads it whole", `{{template "partials/whole.html" .Site.Config}}`, true},
		{"a page field", `{{.Title}}`, false},
		{"a page field in a test", `{{if eq .Kind "home"}}x{{end}}`, false},
		{"a site field not listed", `{{len .Site.Briefs}}`, false},
		{"the site whole", `{{f .Site}}`, false},
		{"$ read", `{{with .Nav}}{{$.Path}}{{end}}`, false},
		{"a page field through a chain", `{{(.Site).Config.Title}}{{(.).Path}}`, false},
		{"the data printed", `{{.}}`, false},
		{"the data to a function", `{{f .}}`, false},
		{"the data piped to a function", `{{. | f}}`, false},
		{"the data in a variable", `{{$page := .}}{{$page.Site.Config.Title}}`, false},
		{"the data as dot of with", `{{with .}}{{.Path}}{{end}}`, false},
		{"the data tested", `{{if .}}x{{end}}`, false},
		{"the data to a template that reads the page", `{{template "partials/whole.html" .}}`, false},
		{"the data to an undefined template", `{{define "partials/own"}}{{end}}{{template "partials/none.html" .}}`, false},
		{"recursion", `{{define "r"}}{{.Path}}{{template "r" .}}{{end}}{{template "r" .}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := fstest.MapFS{
				"layouts/partials/x.html":     {Data: []byte(tt.partial)},
				"layouts/partials/site.html":  {Data: []byte(`{{.Site.Config.Title}}`)},
				"layouts/partials/whole.html": {Data: []byte(`{{.}}`)},
			}
			th, err := Load(site, "default", embedded(), funcs)
			if err != nil {
				t.Fatal(err)
			}
			if got := th.ReadsOnly("partials/x.html", "Site.Config", "Nav"); got != tt.want {
				t.Errorf("ReadsOnly of %s = %v, want %v", tt.partial, got, tt.want)
			}
		})
	}
	th := load(t, fstest.MapFS{}, "default")
	if th.ReadsOnly("partials/none.html") {
		t.Error("ReadsOnly of an unknown partial = true")
	}
}

func TestAbove(t *testing.T) {
	site := fstest.MapFS{
		"layouts/partials/head.html":       {Data: []byte(`site`)},
		"themes/paper/layouts/baseof.html": {Data: []byte(`paper`)},
		"themes/paper/layouts/brief.html":  {Data: []byte(`paper`)},
	}
	th := load(t, site, "paper")
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"partials/head.html", "baseof.html", true},
		{"baseof.html", "partials/card.html", true},
		{"brief.html", "baseof.html", false},
		{"partials/card.html", "baseof.html", false},
		{"partials/none.html", "baseof.html", true},
	} {
		if got := th.Above(tt.a, tt.b); got != tt.want {
			t.Errorf("Above(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
