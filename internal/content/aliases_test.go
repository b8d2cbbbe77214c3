package content

import (
	"path"
	"slices"
	"strings"
	"testing"
)

func TestAliasPath(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"/briefs/old-slug/", "briefs/old-slug/", ""},
		{"/briefs/old-slug", "briefs/old-slug/", ""},
		{" /2026/11/some-old-path/ ", "2026/11/some-old-path/", ""},
		{"/old/story.html", "old/story.html", ""},
		{"/Mixed/Case_and.dots/", "Mixed/Case_and.dots/", ""},
		{"", "", "is empty"},
		{"https://other.example/x/", "", "is outside the site"},
		{"//other.example/x/", "", "is outside the site"},
		{"briefs/x/", "", "must start with a slash"},
		{"/briefs/../../etc/", "", "is outside the site: it may not hold .."},
		{"/briefs/./x/", "", "may hold no empty or . parts"},
		{"/briefs//x/", "", "may hold no empty or . parts"},
		{"/", "", "is the home page"},
		{"/x?y=1", "", "may hold no spaces"},
		{"/x#top", "", "may hold no spaces"},
		{"/a b/", "", "may hold no spaces"},
		{`/a\b/`, "", "may hold no spaces"},
		{"/a\x00b/", "", "may hold no spaces"},
		{`/"><script>/`, "", "may hold no spaces"},
	}
	for _, tt := range tests {
		got, err := AliasPath(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("AliasPath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)):
			t.Errorf("AliasPath(%q) = %q, %v; want an error starting %q", tt.in, got, err, tt.err)
		}
	}
}

// FuzzAliasPath: an alias AliasPath takes is a clean path inside the site,
// a folder or an .html file, whatever an editor wrote.
func FuzzAliasPath(f *testing.F) {
	for _, s := range []string{"/briefs/old/", "/a.html", "/../x", "//x", "/a/./b", "https://x/", "/\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		p, err := AliasPath(in)
		if err != nil {
			return
		}
		if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "//") || strings.ContainsAny(p, "?#\\ \"<>") {
			t.Fatalf("AliasPath(%q) = %q", in, p)
		}
		if !strings.HasSuffix(p, "/") && !strings.HasSuffix(p, ".html") {
			t.Fatalf("AliasPath(%q) = %q: neither a folder nor an .html file", in, p)
		}
		if path.Clean(p) != strings.TrimSuffix(p, "/") || slices.Contains(strings.Split(p, "/"), "..") {
			t.Fatalf("AliasPath(%q) = %q, not clean", in, p)
		}
	})
}
