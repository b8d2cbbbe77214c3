package build_test

import (
	"context"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
)

// A site that switches output families off gets none of their files, and
// no page, feed or robots.txt links to them.
func TestOutputsDisabled(t *testing.T) {
	brief := "+++\ntitle = \"Budget\"\ndate = 2026-11-26T09:00:00Z\ntopics = [\"budget\"]\nauthors = [\"Dana Whitfield\"]\n+++\nThe lede.\n\n**Why this matters:** It does.\n"
	tests := []struct {
		disable string
		gone    []string // paths or path parts no file may have
		links   []string // what no file may mention
	}{
		{`"editions"`, []string{"editions/"}, []string{"editions/"}},
		{`"brief-json"`, []string{"briefs/budget/index.json"}, []string{"briefs/budget/index.json"}},
		{`"search"`, []string{"search/"}, []string{"search/"}},
		{`"atom"`, []string{"atom.xml"}, []string{"atom.xml"}},
		{`"json-feed"`, []string{"feed.json"}, []string{"feed.json"}},
		{`"news-sitemap"`, []string{"news-sitemap.xml"}, []string{"news-sitemap.xml"}},
	}
	dir := t.TempDir()
	write(t, dir, "content/briefs/budget.md", brief)
	write(t, dir, "config.toml", "base_url = \"https://example.org/\"\n")
	all, err := build.New(options(dir)).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.disable, func(t *testing.T) {
			// Each family is there with every output on.
			if !hasPath(all.Files, tt.gone[0]) {
				t.Fatalf("with every output on, no file has %q", tt.gone[0])
			}
			dir := t.TempDir()
			write(t, dir, "content/briefs/budget.md", brief)
			write(t, dir, "config.toml", "base_url = \"https://example.org/\"\n[outputs]\ndisable = ["+tt.disable+"]\n")
			res, err := build.New(options(dir)).Build(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range tt.gone {
				if hasPath(res.Files, g) {
					t.Errorf("a file has %q", g)
				}
			}
			for p, data := range res.Files {
				for _, l := range tt.links {
					if strings.Contains(string(data), l) {
						t.Errorf("%s mentions %q", p, l)
					}
				}
			}
			if len(res.Files) >= len(all.Files) {
				t.Errorf("%d files, with every output on %d", len(res.Files), len(all.Files))
			}
		})
	}
}

func hasPath(files map[string][]byte, part string) bool {
	for p := range files {
		if strings.Contains(p, part) {
			return true
		}
	}
	return false
}
