package hosting

import (
	"bufio"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/headers"
)

func TestFiles(t *testing.T) {
	rules := headers.New(nil, time.Time{}, time.Time{})
	tests := []struct {
		hosting config.Hosting
		want    string
	}{
		{config.Hosting{}, "[]"},
		{config.Hosting{Kind: "plain", Domain: "news.example.org"}, "[]"},
		{config.Hosting{Kind: "s3"}, "[]"},
		{config.Hosting{Kind: "netlify"}, "[_headers]"},
		{config.Hosting{Kind: "cloudflare-pages"}, "[_headers]"},
		{config.Hosting{Kind: "github-pages"}, "[.nojekyll]"},
		{config.Hosting{Kind: "github-pages", Domain: "news.example.org"}, "[.nojekyll CNAME]"},
	}
	for _, tt := range tests {
		files := New(tt.hosting, rules).Files()
		if got := fmt.Sprint(slices.Sorted(maps.Keys(files))); got != tt.want {
			t.Errorf("%+v: files %s, want %s", tt.hosting, got, tt.want)
		}
		if cname, ok := files["CNAME"]; ok && cname != "news.example.org\n" {
			t.Errorf("CNAME = %q", cname)
		}
		if nj, ok := files[".nojekyll"]; ok && nj != "" {
			t.Errorf(".nojekyll = %q", nj)
		}
	}
}

// _headers follows the syntax Netlify and Cloudflare Pages document: a
// URL path starting with "/" on its own line, then "  Name: value" lines
// indented below it; "#" starts a comment. Its Cache-Control is the one a
// deploy sets on pages.
func TestHeadersFileSyntax(t *testing.T) {
	for _, age := range []time.Duration{0, 30 * time.Second} {
		rules := headers.New(nil, time.Time{}, time.Time{}.Add(age))
		text := New(config.Hosting{Kind: "netlify"}, rules).Files()["_headers"]
		sc := bufio.NewScanner(strings.NewReader(text))
		path, n := "", 0
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "#"):
			case strings.HasPrefix(line, "/"):
				path = line
			case strings.HasPrefix(line, "  ") && path != "":
				name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
				if !ok || strings.ContainsAny(name, " :") {
					t.Errorf("header line %q is not Name: value", line)
				}
				if name == "Cache-Control" && path == "/*" {
					n++
					if value != rules.CacheControl("index.html") {
						t.Errorf("/* Cache-Control %q, want %q", value, rules.CacheControl("index.html"))
					}
				}
			default:
				t.Errorf("line %q is neither a path, an indented header nor a comment", line)
			}
		}
		if n != 1 {
			t.Errorf("%d Cache-Control rules for /*, want 1:\n%s", n, text)
		}
	}
}
