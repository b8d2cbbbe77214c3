package content

import (
	"strings"
	"testing"
)

func TestPageFrontMatter(t *testing.T) {
	tests := []struct {
		path, src, want string // want "" parses
	}{
		{"content/pages/about.md", "+++\ntitle = \"About\"\nmenu = \"header\"\n+++\nBody.\n", ""},
		{"content/pages/about/index.md", "---\ntitle: About\nmenu: footer\n---\nBody.\n", ""},
		{"content/pages/about.md", "+++\ntitle = \"About\"\n+++\nBody.\n", ""},
		{"content/pages/about.md", "+++\nmenu = \"header\"\n+++\nBody.\n", "content/pages/about.md:1:1: title is required"},
		{"content/pages/about.md", "+++\ntitle = \"About\"\nmenu = \"sidebar\"\n+++\n", `content/pages/about.md:3:1: menu "sidebar" is not one of header, footer`},
		{"content/pages/about.md", "+++\ntitle = \"About\"\ntopics = [\"x\"]\n+++\n", "content/pages/about.md:3:1: topics is for briefs: a standalone page has none"},
		{"content/pages/about.md", "+++\ntitle = \"About\"\n[photo]\nsrc = \"a.jpg\"\nalt = \"A\"\ncredit = \"C\"\n+++\n", "content/pages/about.md:3:1: photo is for briefs"},
		{"content/pages/x.md", "---\ntitle: X\ncorrections:\n  - date: 2026-01-01T00:00:00Z\n    text: t\n---\n", "content/pages/x.md:3:1: corrections is for briefs"},
		{"content/pages/x.md", "+++\ntitle = \"X\"\naliases = [\"/old/\"]\n+++\n", "content/pages/x.md:3:1: aliases is for briefs"},
		{"content/briefs/x.md", "+++\ntitle = \"X\"\ndate = 2026-01-01T00:00:00Z\nmenu = \"header\"\n+++\n", "content/briefs/x.md:4:1: menu is for standalone pages, in content/pages/"},
		{"content/briefs/x.md", "+++\ntitle = \"X\"\n+++\n", "content/briefs/x.md:1:1: date is required"},
	}
	for _, tt := range tests {
		src, err := Parse(tt.path, []byte(tt.src), Options{})
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("Parse(%s, %q) error: %v", tt.path, tt.src, err)
		case tt.want == "" && src.Slug != "about":
			t.Errorf("Parse(%s) slug = %q, want about", tt.path, src.Slug)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("Parse(%s, %q) error = %v, want %q", tt.path, tt.src, err, tt.want)
		}
	}
}

func TestPagePaths(t *testing.T) {
	f := &Files{Briefs: map[string]bool{"content/briefs/a.md": true, "content/pages/about.md": true,
		"content/pages/ethics/index.md": true, "content/pagesque/b.md": true}}
	if got := strings.Join(f.PagePaths(), " "); got != "content/pages/about.md content/pages/ethics/index.md" {
		t.Errorf("PagePaths() = %s", got)
	}
	if got := strings.Join(f.BriefPaths(), " "); got != "content/briefs/a.md content/pagesque/b.md" {
		t.Errorf("BriefPaths() = %s", got)
	}
}
