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
		files := New(tt.hosting, time.Time{}).Files(time.Time{})
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
// indented below it; "#" starts a comment, blank lines part rules. It holds
// the rules of package headers, in their order, with the Cache-Control a
// deploy sets, cut to the time left until the next scheduled change.
func TestHeadersFile(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		now, next time.Time
		home      string // the home page's Cache-Control
	}{
		{time.Time{}, time.Time{}, "public, max-age=300"},
		{now, time.Time{}, "public, max-age=300"},
		{now, now.Add(90 * time.Second), "public, max-age=90"},
		{time.Time{}, now.Add(90 * time.Second), "public, max-age=300"}, // no build time: nothing to count from
	}
	for _, tt := range tests {
		for _, kind := range []string{"netlify", "cloudflare-pages"} {
			text := New(config.Hosting{Kind: kind}, tt.now).Files(tt.next)["_headers"]
			got := parseHeaders(t, text)
			want := headers.HostRules(headers.New(nil, tt.now, tt.next))
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s, next change %v: _headers holds\n%v\nwant\n%v", kind, tt.next, got, want)
			}
			if !strings.Contains(text, "\n/\n  Cache-Control: "+tt.home+"\n") {
				t.Errorf("%s, next change %v: the home page's rule is not Cache-Control %q:\n%s", kind, tt.next, tt.home, text)
			}
		}
	}
}

// parseHeaders reads a _headers file as the hosts do, and fails the test
// on a line that is not of their syntax.
func parseHeaders(t *testing.T, text string) []headers.HostRule {
	t.Helper()
	var rules []headers.HostRule
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "", strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/"):
			if strings.ContainsAny(line, " \t") {
				t.Errorf("pattern %q has a space", line)
			}
			rules = append(rules, headers.HostRule{Pattern: line})
		case strings.HasPrefix(line, "  ") && len(rules) > 0:
			name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok || name == "" || strings.ContainsAny(name, " :") || value == "" {
				t.Errorf("header line %q is not Name: value", line)
			}
			r := &rules[len(rules)-1]
			r.Headers = append(r.Headers, headers.Header{Name: name, Value: value})
		default:
			t.Errorf("line %q is neither a path, an indented header, a comment nor blank", line)
		}
	}
	return rules
}
