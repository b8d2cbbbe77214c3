package main

import (
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
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

// TestHugoSiteBuilds builds a converted site of 23 briefs with hugo and
// checks the pages that stand for what briefs writes, and that every link
// between them leads to a page.
func TestHugoSiteBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs hugo")
	}
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed (apt-get install hugo): the Hugo templates are not tested")
	}
	out, err := exec.Command(hugo, "version").Output()
	if err != nil {
		t.Fatalf("hugo version: %v", err)
	}
	src, dst, public := t.TempDir(), filepath.Join(t.TempDir(), "hugo"), t.TempDir()
	files := map[string]string{"config.toml": "title = \"S\"\n"}
	for i := range 23 {
		topics, authors := `["economy"]`, `["Ada Obi"]`
		switch i % 3 {
		case 1:
			topics, authors = `["White House", "economy"]`, `["Chloé Martin", "Ada Obi"]`
		case 2:
			topics = `["campaign-finance"]`
		}
		files[fmt.Sprintf("content/briefs/brief-%d.md", i)] = fmt.Sprintf(
			"+++\ntitle = \"Brief %d\"\ndate = 2024-01-%02dT12:00:00Z\ntopics = %s\nauthors = %s\n+++\nBody of brief %d.\n",
			i, i+1, topics, authors, i)
	}
	files["content/briefs/brief-23/index.md"] = "+++\ntitle = \"Brief 23\"\ndate = 2024-02-01T12:00:00Z\n" +
		"updated = 2024-02-01T15:30:00Z\ntopics = [\"economy\"]\nauthors = [\"Ada Obi\"]\nsummary = \"The dek.\"\n" +
		"[photo]\nsrc = \"photo.svg\"\nalt = \"A photo\"\ncredit = \"Photo: A. Lens\"\n" +
		"[[go_deeper]]\ntitle = \"The first\"\nref = \"brief-0\"\n[[go_deeper]]\ntitle = \"Elsewhere\"\nurl = \"https://example.com/\"\n" +
		"[[corrections]]\ndate = 2024-02-02T00:00:00Z\ntext = \"A name was misspelled.\"\n+++\nBody.\n"
	files["content/briefs/brief-23/photo.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
	writeFiles(t, src, files)
	if _, err := writeHugoSite(src, dst, string(out)); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(hugo, "--source", dst, "--destination", public, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}

	tests := []struct {
		file    string
		want    []string
		notWant []string
	}{
		{"index.html",
			[]string{"<h1>Latest briefs</h1>", `<a href="/briefs/brief-23/">Brief 23</a>`, "Page 1 of 3", `<a href="/page/2/" rel="next">`, `<span class="pager-none">← Newer`},
			[]string{"Brief 13<"}}, // the 11th newest is on page 2
		{"page/2/index.html",
			[]string{"Latest briefs, page 2", "Brief 13<", "Page 2 of 3", `<a href="/" rel="prev">`, `<a href="/page/3/" rel="next">`},
			nil},
		{"page/3/index.html",
			[]string{"Brief 0<", "Page 3 of 3", `<span class="pager-none">Older →`},
			nil},
		{"briefs/brief-23/index.html",
			[]string{`<img src="/briefs/brief-23/photo.svg" alt="A photo">`, "Photo: A. Lens", "A name was misspelled.",
				`<a href="/briefs/brief-0/">Brief 0</a>`, `<a href="https://example.com/">Elsewhere</a>`, "Updated", `"@type":"NewsArticle"`},
			nil},
		{"briefs/brief-1/index.html",
			[]string{`href="/topics/white-house/"`, `href="/authors/chlo%C3%A9-martin/"`},
			[]string{"Corrections", "Go deeper", "<img"}},
		{"topics/economy/index.html",
			[]string{"Page 1 of 2", `card-has-photo`, `<p class="card-dek">The dek.</p>`, " · Updated"},
			nil},
		{"topics/white-house/index.html",
			[]string{"Brief 1<"},
			[]string{"pager"}},
		{"topics/index.html", []string{`href="/topics/campaign-finance/"`}, nil},
		{"index.xml", []string{"<title>Brief 23</title>"}, nil},
		{"topics/economy/index.xml", []string{"<title>Brief 23</title>"}, nil},
		{"sitemap.xml", []string{"/briefs/brief-0/"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("%s lacks %q", tt.file, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(string(b), w) {
					t.Errorf("%s has %q", tt.file, w)
				}
			}
		})
	}
	if n := strings.Count(readFile(t, filepath.Join(public, "index.xml")), "<item>"); n != 20 {
		t.Errorf("index.xml has %d items, want 20", n)
	}
	checkLinks(t, public)
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var hrefRE = regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)

// checkLinks reports, once each, the links of the HTML pages in folder
// public to paths of the site that lead to no file.
func checkLinks(t *testing.T, public string) {
	t.Helper()
	broken := map[string]string{} // link → the first page that has it
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range hrefRE.FindAllStringSubmatch(string(b), -1) {
			if _, seen := broken[m[1]]; seen {
				continue
			}
			u, err := url.PathUnescape(m[1])
			if err != nil {
				broken[m[1]] = p
				continue
			}
			target := filepath.Join(public, filepath.FromSlash(u))
			if strings.HasSuffix(u, "/") {
				target = filepath.Join(target, "index.html")
			}
			if _, err := os.Stat(target); err != nil {
				broken[m[1]] = p
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, link := range slices.Sorted(maps.Keys(broken)) {
		rel, _ := filepath.Rel(public, broken[link])
		t.Errorf("%s: link %s leads to no page", filepath.ToSlash(rel), link)
	}
}
