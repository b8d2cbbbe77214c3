package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadPublishing(t *testing.T) {
	src := `title = "T"
[publishing]
news_name = "The Daily T"
default_image = "images/share.png"
default_image_alt = "The T logo"
logo = "images/logo.png"
`
	c, err := Load(fstest.MapFS{FileName: {Data: []byte(src)}}, FileName)
	if err != nil {
		t.Fatal(err)
	}
	want := Publishing{NewsName: "The Daily T", DefaultImage: "images/share.png", DefaultImageAlt: "The T logo", Logo: "images/logo.png"}
	if c.Publishing != want {
		t.Errorf("Publishing = %+v, want %+v", c.Publishing, want)
	}
}

func TestPublishingErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"[publishing]\nnews = \"x\"\n", `config.toml:2:1: unknown key "publishing.news"`},
		{"[publishing]\ndefault_image = \"ftp://x.org/a.png\"\n", `config.toml:2:1: publishing.default_image: "ftp://x.org/a.png" is neither`},
		{"[publishing]\ndefault_image = \"../secret.png\"\n", `config.toml:2:1: publishing.default_image: "../secret.png" must be a plain path`},
		{"[publishing]\ndefault_image = \"a.png?v=2\"\n", `publishing.default_image: "a.png?v=2" must be a plain path`},
		{"[publishing]\ndefault_image = \"https:///a.png\"\n", `publishing.default_image: "https:///a.png" is neither`},
		{"[publishing]\nnews_name = \"N\"\nlogo = \"javascript:alert(1)\"\n", `config.toml:3:1: publishing.logo: "javascript:alert(1)" is neither`},
		{"[publishing]\nlogo = \"img/../../logo.png\"\n", `config.toml:2:1: publishing.logo: "img/../../logo.png" must be a plain path`},
		{"[publishing]\nlogo = \"%zz\"\n", `config.toml:2:1: publishing.logo: "%zz" is not a URL`},
	}
	for _, tt := range tests {
		_, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
	for _, ok := range []string{"", "images/share.png", "/images/share.png", "https://cdn.example/share.png"} {
		c := Default()
		c.Publishing.DefaultImage, c.Publishing.Logo = ok, ok
		if err := c.Validate(); err != nil {
			t.Errorf("default_image and logo %q: %v", ok, err)
		}
	}
}
