package config

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadRegistries(t *testing.T) {
	src := `title = "T"

[[authors]]
name = "Dana Whitfield"
role = "Political correspondent"
bio = "Dana covers the Assembly."
photo = "people/dana.jpg"
email = "dana@example.org"
links = ["https://social.example/@dana"]

[[authors]]
name = "Theo Lindqvist"

[[topics]]
id = "white-house"
name = "White House"
description = "The president's office and staff."
`
	c, err := Load(fstest.MapFS{FileName: {Data: []byte(src)}}, FileName)
	if err != nil {
		t.Fatal(err)
	}
	want := []Author{{Name: "Dana Whitfield", Role: "Political correspondent", Bio: "Dana covers the Assembly.",
		Photo: "people/dana.jpg", Email: "dana@example.org", Links: []string{"https://social.example/@dana"}},
		{Name: "Theo Lindqvist"}}
	if !reflect.DeepEqual(c.Authors, want) {
		t.Errorf("Authors = %+v, want %+v", c.Authors, want)
	}
	if a := c.AuthorBySlug("theo-lindqvist"); a == nil || a.Name != "Theo Lindqvist" {
		t.Errorf("AuthorBySlug(theo-lindqvist) = %v", a)
	}
	if tp := c.TopicBySlug("white-house"); tp == nil || tp.Name != "White House" || tp.Description == "" {
		t.Errorf("TopicBySlug(white-house) = %v", tp)
	}
	if c.AuthorBySlug("nobody") != nil || c.TopicBySlug("nothing") != nil {
		t.Errorf("an entry for a slug not in the registries")
	}
}

func TestRegistryErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"[[authors]]\nrole = \"Editor\"\n", `config.toml:1:1: authors.0.name: an author needs a name`},
		{"[[authors]]\nname = \"A B\"\n[[authors]]\nname = \"a-b\"\n", `config.toml:4:1: authors.1.name: "a-b" is the author of entry 1 again`},
		{"[[authors]]\nname = \"A\"\n\n[[authors]]\nname = \"B\"\nphoto = \"../x.jpg\"\n", `config.toml:6:1: authors.1.photo: "../x.jpg" must be a plain path`},
		{"[[authors]]\nname = \"A\"\nemail = \"not an address\"\n", `config.toml:3:1: authors.0.email: "not an address" is not an email address`},
		{"[[authors]]\nname = \"A\"\nemail = \"A <a@example.org>\"\n", `config.toml:3:1: authors.0.email: "A <a@example.org>" is not an email address`},
		{"[[authors]]\nname = \"A\"\n  links = [\"ftp://x\"]\n", `config.toml:3:3: authors.0.links: "ftp://x" is not an absolute http`},
		{"[[authors]]\nname = \"A\"\nnick = \"a\"\n", `config.toml:3:1: unknown key "authors.nick"`},
		{"[[topics]]\nid = \"White House\"\nname = \"White House\"\n", `config.toml:2:1: topics.0.id: "White House" is not a topic slug: lower-case letters, digits and hyphens, as "white-house"`},
		{"[[topics]]\nid = \"x\"\nname = \"X\"\n[[topics]]\nid = \"x\"\nname = \"Y\"\n", `config.toml:5:1: topics.1.id: "x" is the topic of entry 1 again`},
		{"[[topics]]\nid = \"x\"\n", `config.toml:1:1: topics.0.name: topic "x" needs a name`},
		{"[[topics]]\nid = \"x\"\nname = \"X\"\n[[ topics ]]\nid = \"y\"\n", `config.toml:4:1: topics.1.name: topic "y" needs a name`},
	}
	for _, tt := range tests {
		_, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
}
