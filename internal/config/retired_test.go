package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadRetired(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		paths []string
		err   string
	}{
		{"none", "", nil, ""},
		{"two", "[[retired]]\npath = \"/briefs/x/\"\nreason = \"Legal asked.\"\n[[retired]]\npath = \"/old/story.html\"\n", []string{"briefs/x/", "old/story.html"}, ""},
		{"without slashes", "[[retired]]\npath = \"/briefs/x\"\n", []string{"briefs/x/"}, ""},
		{"a URL", "[[retired]]\npath = \"https://x.org/briefs/x/\"\n", nil, `config.toml:1:1: retired: path "https://x.org/briefs/x/" is a URL`},
		{"relative", "[[retired]]\npath = \"briefs/x/\"\n", nil, `config.toml:1:1: retired: path "briefs/x/" is not a path of a brief`},
		{"climbing", "title = \"T\"\n[[retired]]\npath = \"/briefs/../x/\"\n", nil, `config.toml:2:1: retired: path "/briefs/../x/" is not a path of a brief`},
		{"misspelt", "[[retired]]\npaht = \"/x/\"\n", nil, `config.toml:2:1: unknown key "retired.paht"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Load() = %v, want an error with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range c.Retired {
				got = append(got, r.SitePath())
			}
			if strings.Join(got, " ") != strings.Join(tt.paths, " ") {
				t.Errorf("retired = %q, want %q", got, tt.paths)
			}
		})
	}
}
