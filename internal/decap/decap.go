// Package decap writes the files of a Decap CMS admin (static/admin/) for
// a site: its configuration, generated from the front matter schema and
// the site's sections, so that editors who do not use git can write
// briefs in a browser.
package decap

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
)

// The files Files returns, as slash paths in the site.
const (
	IndexPath  = "static/admin/index.html"
	ConfigPath = "static/admin/config.yml"
)

// widgets maps each kind of front matter key (content.Kinds) to the Decap
// widget that edits it. A key of a new kind needs an entry here: Files
// fails without one, and so does the package's test.
var widgets = map[string]string{
	"string":  "string",
	"strings": "list",     // of strings, one a line
	"bool":    "boolean",  //
	"date":    "datetime", //
	"table":   "object",   // its keys as fields
	"tables":  "list",     // of objects, its keys as fields
	"params":  "hidden",   // free-form: kept as it is, edited in the file
}

// byKey overrides the widget of a few keys, dotted below tables.
var byKey = map[string]string{
	"summary":          "text",
	"photo.src":        "image",
	"photo.caption":    "text",
	"corrections.text": "text",
	"retracted.reason": "text",
}

// dateFormat stores dates as RFC 3339 with their offset, as briefs read
// them; Decap formats with Day.js tokens.
const dateFormat = "YYYY-MM-DDTHH:mm:ssZ"

// cms is Decap's config.yml. It is written as JSON, which is YAML too: the
// one encoder is encoding/json.
type cms struct {
	Backend      backend      `json:"backend"`
	PublishMode  string       `json:"publish_mode"`
	MediaFolder  string       `json:"media_folder"`
	PublicFolder string       `json:"public_folder"`
	Collections  []collection `json:"collections"`
}

type backend struct {
	Name   string `json:"name"`
	Branch string `json:"branch"`
}

type collection struct {
	Name          string   `json:"name"`
	Label         string   `json:"label"`
	LabelSingular string   `json:"label_singular"`
	Description   string   `json:"description"`
	Folder        string   `json:"folder"`
	Path          string   `json:"path"`
	MediaFolder   string   `json:"media_folder"`
	PublicFolder  string   `json:"public_folder"`
	Create        bool     `json:"create"`
	Slug          string   `json:"slug"`
	Extension     string   `json:"extension"`
	Format        string   `json:"format"`
	Fields        []widget `json:"fields"`
}

type widget struct {
	Label    string   `json:"label"`
	Name     string   `json:"name"`
	Widget   string   `json:"widget"`
	Required bool     `json:"required"` // Decap's default is true: always said
	Hint     string   `json:"hint,omitempty"`
	Default  any      `json:"default,omitempty"`
	Format   string   `json:"format,omitempty"`
	Fields   []widget `json:"fields,omitempty"`
}

// Files returns static/admin/index.html and static/admin/config.yml for a
// site with these sections, by slash path.
func Files(sections []config.Section) (map[string][]byte, error) {
	fields, err := fieldsOf(content.Fields(), "")
	if err != nil {
		return nil, err
	}
	fields = append(fields, body(sections))
	c := cms{
		Backend:      backend{Name: "git-gateway", Branch: "main"},
		PublishMode:  "editorial_workflow",
		MediaFolder:  "static/images",
		PublicFolder: "/images",
		Collections: []collection{{
			Name: "briefs", Label: "Briefs", LabelSingular: "Brief",
			Description: "Each brief is a page bundle, content/briefs/<slug>/index.md, with its photo beside it.",
			Folder:      content.Dir + "/briefs", Path: "{{slug}}/index",
			MediaFolder: "", PublicFolder: "",
			Create: true, Slug: "{{slug}}", Extension: "md", Format: "toml-frontmatter",
			Fields: fields,
		}},
	}
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, err
	}
	conf := append([]byte(configHeader), data...)
	conf = append(conf, '\n')
	return map[string][]byte{IndexPath: []byte(indexHTML), ConfigPath: conf}, nil
}

// fieldsOf returns the widgets of the schema's keys, dotted below prefix.
func fieldsOf(fs []content.Field, prefix string) ([]widget, error) {
	out := make([]widget, 0, len(fs))
	for _, f := range fs {
		key := prefix + f.Key
		name, ok := widgets[f.Kind]
		if !ok {
			return nil, fmt.Errorf("decap: front matter key %s is of kind %q, which has no widget", key, f.Kind)
		}
		if w, ok := byKey[key]; ok {
			name = w
		}
		w := widget{Label: label(f.Key), Name: f.Key, Widget: name, Required: f.Required}
		if f.Kind == "date" {
			w.Format = dateFormat
			if f.Offset {
				w.Hint = "A moment, with its time zone offset."
			}
		}
		if len(f.Fields) > 0 {
			sub, err := fieldsOf(f.Fields, key+".")
			if err != nil {
				return nil, err
			}
			w.Fields = sub
		}
		out = append(out, w)
	}
	return out, nil
}

// body is the Markdown body's widget: its hint names the site's sections
// and a new brief starts with the required ones.
func body(sections []config.Section) widget {
	var names []string
	start := "The news in one or two sentences.\n"
	for _, s := range sections {
		n := "**" + s.Name + ":**"
		if s.Required {
			n += " (required)"
			start += "\n**" + s.Name + ":** \n"
		}
		names = append(names, n)
	}
	return widget{Label: "Body", Name: "body", Widget: "markdown", Required: true,
		Hint:    "The lede, then sections, each a paragraph that starts with its name in bold: " + strings.Join(names, ", ") + ".",
		Default: start}
}

// label turns a key into a label: "go_deeper" → "Go deeper".
func label(key string) string {
	s := strings.ReplaceAll(key, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

const configHeader = `# Decap CMS: edit briefs in a browser at /admin/, written by briefs init
# --cms decap from the front matter schema and the site's sections. It is
# JSON, which is YAML too. Changes go through the editorial workflow
# (draft, in review, ready) as pull requests.
#
# The backend: git-gateway works on Netlify with Identity turned on; for
# GitHub, set "name": "github" and add "repo": "owner/name". See
# https://decapcms.org/docs/backends-overview/
`

const indexHTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Content manager</title>
</head>
<body>
<script src="https://unpkg.com/decap-cms@^3.0.0/dist/decap-cms.js"></script>
</body>
</html>
`
