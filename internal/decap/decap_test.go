package decap

import (
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
)

// parsed is the part of config.yml the tests read.
type parsed struct {
	Backend     struct{ Name string }
	PublishMode string `yaml:"publish_mode"`
	Collections []struct {
		Name, Folder, Format string
		Fields               []parsedField
	}
}

type parsedField struct {
	Name, Widget, Hint string
	Required           *bool
	Fields             []parsedField
}

func TestFiles(t *testing.T) {
	sections := []config.Section{{Name: "Why this matters", Required: true}, {Name: "What's next"}, {Name: "By the numbers"}}
	files, err := Files(sections)
	if err != nil {
		t.Fatal(err)
	}
	if html := string(files[IndexPath]); !strings.Contains(html, "decap-cms") || !strings.HasPrefix(html, "<!doctype html>") {
		t.Errorf("%s does not load Decap CMS:\n%s", IndexPath, html)
	}
	var c parsed
	if err := yaml.Unmarshal(files[ConfigPath], &c); err != nil {
		t.Fatalf("%s is not YAML: %v\n%s", ConfigPath, err, files[ConfigPath])
	}
	if c.PublishMode != "editorial_workflow" {
		t.Errorf("publish_mode = %q, want editorial_workflow", c.PublishMode)
	}
	if c.Backend.Name == "" {
		t.Error("no backend")
	}
	if len(c.Collections) != 1 || c.Collections[0].Folder != "content/briefs" || c.Collections[0].Format != "toml-frontmatter" {
		t.Fatalf("collections = %+v, want one of content/briefs in toml-frontmatter", c.Collections)
	}
	fields := c.Collections[0].Fields
	compare(t, "", content.Fields(), fields)

	var body *parsedField
	for i := range fields {
		if fields[i].Name == "body" {
			body = &fields[i]
		}
	}
	if body == nil || body.Widget != "markdown" {
		t.Fatalf("no markdown body among the fields: %+v", fields)
	}
	for _, s := range sections {
		if !strings.Contains(body.Hint, "**"+s.Name+":**") {
			t.Errorf("the body's hint does not name the section %q: %s", s.Name, body.Hint)
		}
	}
	if !strings.Contains(string(files[ConfigPath]), `"default": "The news in one or two sentences.\n\n**Why this matters:** \n"`) {
		t.Errorf("a new brief does not start with the required section:\n%s", files[ConfigPath])
	}
}

// compare checks that the config has a field with a widget for every key
// of the schema, required as the schema says.
func compare(t *testing.T, prefix string, want []content.Field, got []parsedField) {
	t.Helper()
	byName := map[string]parsedField{}
	for _, g := range got {
		byName[g.Name] = g
	}
	for _, f := range want {
		key := prefix + f.Key
		g, ok := byName[f.Key]
		switch {
		case !ok:
			t.Errorf("config.yml has no field %s", key)
			continue
		case g.Widget == "":
			t.Errorf("field %s has no widget", key)
		case g.Required == nil || *g.Required != f.Required:
			t.Errorf("field %s: required %v, want %v (Decap takes a field without required as required)", key, g.Required, f.Required)
		}
		compare(t, key+".", f.Fields, g.Fields)
	}
}

// TestWidgets: every kind of front matter key has a widget, so a field of
// a new kind cannot reach the CMS without one.
func TestWidgets(t *testing.T) {
	for _, k := range content.Kinds {
		if widgets[k] == "" {
			t.Errorf("kind %q has no widget: add it to widgets", k)
		}
	}
	for key := range byKey {
		if !hasKey(content.Fields(), key) {
			t.Errorf("byKey names %s, which is no front matter key", key)
		}
	}
}

func hasKey(fs []content.Field, key string) bool {
	first, rest, nested := strings.Cut(key, ".")
	for _, f := range fs {
		if f.Key == first {
			return !nested || hasKey(f.Fields, rest)
		}
	}
	return false
}

// TestFilesUnknownKind: a key of a kind without a widget is an error.
func TestFilesUnknownKind(t *testing.T) {
	_, err := fieldsOf([]content.Field{{Key: "odd", Kind: "matrix"}}, "")
	if err == nil || !strings.Contains(err.Error(), `front matter key odd is of kind "matrix", which has no widget`) {
		t.Errorf("fieldsOf(a key of an unknown kind) error = %v", err)
	}
}
