package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHugoBrief(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "minimal",
			in:   "+++\ntitle = \"T\"\ndate = 2024-01-02T03:04:05Z\n+++\nBody.\n",
			want: "+++\ntitle = \"T\"\ndate = 2024-01-02T03:04:05Z\n+++\nBody.\n",
		},
		{
			name: "updated is lastmod; taxonomies and summary stay",
			in: "+++\ntitle = \"T\"\ndate = 2024-01-02T03:04:05-05:00\nupdated = 2024-01-02T06:00:00-05:00\n" +
				"authors = [\"A B\"]\ntopics = [\"x\"]\nsummary = \"S\"\n+++\nBody.\n",
			want: "+++\ntitle = \"T\"\ndate = 2024-01-02T03:04:05-05:00\nlastmod = 2024-01-02T06:00:00-05:00\n" +
				"authors = [\"A B\"]\ntopics = [\"x\"]\nsummary = \"S\"\n+++\nBody.\n",
		},
		{
			name: "photo, go deeper and corrections are params",
			in: "+++\ntitle = \"T\"\ndate = 2024-01-02T03:04:05Z\n[photo]\nsrc = \"p.svg\"\nalt = \"Alt\"\ncredit = \"C\"\n" +
				"[[go_deeper]]\ntitle = \"G\"\nref = \"brief-1\"\n[[go_deeper]]\ntitle = \"H\"\nurl = \"https://example.com/\"\n" +
				"[[corrections]]\ndate = 2024-01-03T00:00:00Z\ntext = \"Fixed.\"\n+++\n" +
				"See [the other](../brief-1/index.md).\n",
			want: "+++\ntitle = \"T\"\ndate = 2024-01-02T03:04:05Z\n\n[photo]\n  src = \"p.svg\"\n  alt = \"Alt\"\n  credit = \"C\"\n\n" +
				"[[go_deeper]]\n  title = \"G\"\n  ref = \"brief-1\"\n\n[[go_deeper]]\n  title = \"H\"\n  url = \"https://example.com/\"\n\n" +
				"[[corrections]]\n  date = 2024-01-03T00:00:00Z\n  text = \"Fixed.\"\n+++\n" +
				"See [the other](../brief-1/index.md).\n",
		},
		{
			name: "draft",
			in:   "+++\ntitle = \"T\"\ndate = 2024-01-02T03:04:05Z\ndraft = true\n+++\n",
			want: "+++\ntitle = \"T\"\ndate = 2024-01-02T03:04:05Z\ndraft = true\n+++\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := hugoBrief([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("hugoBrief(%q) =\n%s\nwant\n%s", tt.in, got, tt.want)
			}
		})
	}
}

func TestHugoConfig(t *testing.T) {
	tests := []struct {
		version string
		want    string // a line the config must have
		not     string // one it must not have
	}{
		{"0.111.3", "paginate = 10", "pagerSize"},
		{"hugo v0.127.0+extended linux/amd64", "paginate = 10", "pagerSize"},
		{"hugo v0.128.0", "pagerSize = 10", "paginate ="},
		{"v0.152.2", "pagerSize = 10", "paginate ="},
		{"1.0.0", "pagerSize = 10", "paginate ="},
	}
	for _, tt := range tests {
		c := hugoConfig(tt.version)
		if !strings.Contains(c, tt.want+"\n") || strings.Contains(c, tt.not) {
			t.Errorf("hugoConfig(%q) =\n%s\nwant %q and no %q", tt.version, c, tt.want, tt.not)
		}
	}
}

func TestWriteHugoSite(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "hugo")
	for name, text := range map[string]string{
		"config.toml":                    "title = \"S\"\n",
		"content/briefs/a.md":            "+++\ntitle = \"A\"\ndate = 2024-01-02T03:04:05Z\nupdated = 2024-01-02T04:04:05Z\n+++\nA.\n",
		"content/briefs/b/index.md":      "+++\ntitle = \"B\"\ndate = 2024-01-02T03:04:05Z\n+++\nB.\n",
		"content/briefs/b/photo.svg":     "<svg/>",
		"static/ignored-by-the-copy.txt": "x",
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	n, err := writeHugoSite(src, dst, "0.111.3")
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("writeHugoSite converted %d briefs, want 2", n)
	}
	for _, name := range []string{"config.toml", "layouts/_default/baseof.html", "layouts/_default/single.html", "layouts/index.html", "content/briefs/b/photo.svg"} {
		if _, err := os.Stat(filepath.Join(dst, filepath.FromSlash(name))); err != nil {
			t.Errorf("the Hugo site lacks %s", name)
		}
	}
	a, _ := os.ReadFile(filepath.Join(dst, "content/briefs/a.md"))
	if !strings.Contains(string(a), "lastmod = ") {
		t.Errorf("content/briefs/a.md =\n%s\nwant a lastmod", a)
	}
	// The theme is replaced, not added to, when a kept site is reused.
	if err := writeHugoTheme(dst, "0.140.0"); err != nil {
		t.Fatal(err)
	}
	if c, _ := os.ReadFile(filepath.Join(dst, "config.toml")); !strings.Contains(string(c), "pagerSize") {
		t.Errorf("config.toml after writeHugoTheme for 0.140 =\n%s", c)
	}
}
