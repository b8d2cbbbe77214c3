package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadHosting(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want bool
		err  string
	}{
		{"off by default", "", false, ""},
		{"on", "[hosting]\nredirects_file = true\n", true, ""},
		{"misspelt", "[hosting]\nredirect_file = true\n", false, `config.toml:2:1: unknown key "hosting.redirect_file"`},
		{"not a boolean", "[hosting]\nredirects_file = \"yes\"\n", false, "config.toml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("Load(%q) = %v, want an error starting %q", tt.src, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Hosting.RedirectsFile != tt.want {
				t.Errorf("RedirectsFile = %v, want %v", c.Hosting.RedirectsFile, tt.want)
			}
		})
	}
}
