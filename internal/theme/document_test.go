package theme

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// Documents are executed on their own, not through baseof.html: the HTML
// one escapes and sees the partials, the plain-text one does not escape.
func TestDocuments(t *testing.T) {
	emb := embedded()
	emb["layouts/edition.html"] = &fstest.MapFile{Data: []byte(`<p>{{.}}</p>{{template "partials/card.html"}}`)}
	emb["layouts/edition.txt"] = &fstest.MapFile{Data: []byte(`{{shout .}} as is`)}
	funcs := template.FuncMap{"shout": strings.ToUpper}
	th, err := Load(fstest.MapFS{}, "default", emb, funcs)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, want string }{
		{"edition.html", "<p>&lt;b&gt; &amp; co</p><card>default</card>"},
		{"edition.txt", "<B> & CO as is"},
	}
	for _, tt := range tests {
		got, err := document(th, tt.name, "<b> & co")
		if err != nil || string(got) != tt.want {
			t.Errorf("ExecuteDocument(%q) = %q, %v, want %q", tt.name, got, err, tt.want)
		}
	}
	if _, err := document(th, "nope.html", nil); err == nil {
		t.Errorf("Document of an unknown template: no error")
	}
	if _, err := th.Render("edition.html", nil); err == nil {
		t.Errorf("Render of a document: no error, want it to be no page")
	}
}

// A site overrides a document like any template, and a broken one is
// reported with its file.
func TestDocumentOverrideAndErrors(t *testing.T) {
	site := fstest.MapFS{"layouts/edition.txt": {Data: []byte(`site text`)}}
	th := load(t, site, "default")
	if got, _ := document(th, "edition.txt", nil); string(got) != "site text" {
		t.Errorf("edition.txt = %q, want the site's", got)
	}
	site["layouts/edition.txt"] = &fstest.MapFile{Data: []byte("line one\n{{if}}")}
	_, err := Load(site, "default", embedded(), nil)
	if err == nil || !strings.Contains(err.Error(), "layouts/edition.txt") {
		t.Errorf("Load with a broken edition.txt: %v, want an error naming it", err)
	}
	emb := embedded()
	delete(emb, "layouts/edition.html")
	if _, err := Load(fstest.MapFS{}, "default", emb, nil); err == nil || !strings.Contains(err.Error(), "edition.html") {
		t.Errorf("Load without edition.html: %v, want an error naming it", err)
	}
	// A document is part of the theme's version.
	a := load(t, fstest.MapFS{"layouts/edition.html": {Data: []byte(`a`)}}, "default").Version()
	b := load(t, fstest.MapFS{"layouts/edition.html": {Data: []byte(`b`)}}, "default").Version()
	if a == b {
		t.Errorf("editing edition.html leaves the theme's version")
	}
}

// document is ExecuteDocument into a new slice.
func document(th *Theme, name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	err := th.ExecuteDocument(&buf, name, data)
	return buf.Bytes(), err
}
