package config

import (
	"bytes"
	"fmt"
	"net"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/briefs-dev/briefs/internal/tomlpos"
)

// Deploy is one place `briefs deploy` publishes the output to, a
// [[deploy]] table of config.toml. Its credentials never come from the
// configuration: they come from the environment and the standard AWS
// shared config and credentials files.
type Deploy struct {
	Name string `toml:"name"` // what `briefs deploy NAME` calls it
	// URL is "s3://bucket/prefix?region=...&endpoint=...": see ParseBucketURL.
	URL string `toml:"url"`
	// Headers sets Cache-Control by path pattern, over the defaults; the
	// first rule that matches a file wins.
	Headers []HeaderRule `toml:"headers"`
	// PostDeploy is a shell command run after a deploy that changed
	// anything, with the changed site paths on its standard input, one a
	// line: a CDN purge, say.
	PostDeploy string `toml:"post_deploy"`
}

// HeaderRule sets the Cache-Control of the files whose output path
// matches Pattern: path.Match syntax, where "**" also matches across
// folders ("briefs/**", "**.css").
type HeaderRule struct {
	Pattern      string `toml:"pattern"`
	CacheControl string `toml:"cache_control"`
}

// HostingKinds are the values of [hosting] kind.
var HostingKinds = []string{"plain", "s3", "netlify", "cloudflare-pages", "github-pages"}

// BucketURL is a deploy target's URL, parsed.
type BucketURL struct {
	Bucket string
	// Prefix is the folder of the bucket the site goes in: "" for its
	// root, else a path ending in "/".
	Prefix string
	Region string // "" lets the client find it
	// Endpoint is the S3 API's address for stores other than AWS, as
	// "https://host:port"; "" means AWS S3.
	Endpoint string
}

// Secure reports whether the target is reached over TLS.
func (b BucketURL) Secure() bool { return !strings.HasPrefix(b.Endpoint, "http://") }

// Loopback reports whether the endpoint is on this machine.
func (b BucketURL) Loopback() bool {
	u, err := url.Parse(b.Endpoint)
	if err != nil || b.Endpoint == "" {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// bucketName is what S3 allows as a bucket's name.
var bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// ParseBucketURL parses "s3://bucket/prefix?region=R&endpoint=URL". The
// endpoint, when given, is an http or https URL with a host and nothing
// else; requests to it use path-style addressing.
func ParseBucketURL(s string) (BucketURL, error) {
	var b BucketURL
	u, err := url.Parse(s)
	if err != nil {
		return b, fmt.Errorf("%q is not a URL", s)
	}
	if u.Scheme != "s3" {
		return b, fmt.Errorf("%q is not an s3:// URL", s)
	}
	if u.User != nil || u.Fragment != "" || u.Opaque != "" {
		return b, fmt.Errorf("%q must be s3://bucket/prefix?region=...&endpoint=... (no user, fragment or opaque part)", s)
	}
	if !bucketName.MatchString(u.Host) || strings.Contains(u.Host, "..") {
		return b, fmt.Errorf("%q is not a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)", u.Host)
	}
	b.Bucket = u.Host
	if p := strings.Trim(u.Path, "/"); p != "" {
		for _, el := range strings.Split(p, "/") {
			if el == "" || el == "." || el == ".." || strings.ContainsFunc(el, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
				return b, fmt.Errorf("prefix %q is not a clean path", u.Path)
			}
		}
		b.Prefix = p + "/"
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return b, fmt.Errorf("query of %q: %v", s, err)
	}
	for k, v := range q {
		if len(v) != 1 {
			return b, fmt.Errorf("%s is given %d times", k, len(v))
		}
		switch k {
		case "region":
			if !regexp.MustCompile(`^[a-z0-9-]+$`).MatchString(v[0]) {
				return b, fmt.Errorf("region %q is not a region name", v[0])
			}
			b.Region = v[0]
		case "endpoint":
			e, err := url.Parse(v[0])
			if err != nil || (e.Scheme != "http" && e.Scheme != "https") || e.Host == "" || e.User != nil ||
				strings.Trim(e.Path, "/") != "" || e.RawQuery != "" || e.Fragment != "" {
				return b, fmt.Errorf("endpoint %q is not an http or https URL of a host (as https://host:port)", v[0])
			}
			b.Endpoint = e.Scheme + "://" + e.Host
		default:
			return b, fmt.Errorf("unknown parameter %q: the URL takes region and endpoint", k)
		}
	}
	return b, nil
}

// Target returns the deploy target called name, or the only one when name
// is "".
func (c *Config) Target(name string) (Deploy, error) {
	names := make([]string, len(c.Deploy))
	for i, d := range c.Deploy {
		if d.Name == name || (name == "" && len(c.Deploy) == 1) {
			return d, nil
		}
		names[i] = d.Name
	}
	switch {
	case len(c.Deploy) == 0:
		return Deploy{}, fmt.Errorf("%s has no [[deploy]] target", FileName)
	case name == "":
		return Deploy{}, fmt.Errorf("%s has %d deploy targets: name one of %s", FileName, len(names), strings.Join(names, ", "))
	}
	return Deploy{}, fmt.Errorf("no deploy target %q in %s: its targets are %s", name, FileName, strings.Join(names, ", "))
}

// targetName is what a deploy target may be called.
var targetName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// deployProblems validates [[deploy]] and [hosting]. A problem of the
// i-th target has a key that starts with "deploy.i.".
func (c *Config) deployProblems() []problem {
	var ps []problem
	add := func(key, format string, args ...any) {
		ps = append(ps, problem{key, fmt.Sprintf(format, args...)})
	}
	seen := map[string]bool{}
	for i, d := range c.Deploy {
		at := fmt.Sprintf("deploy.%d.", i)
		switch {
		case !targetName.MatchString(d.Name):
			add(at+"name", "%q is not a target name (letters, digits, '.', '-', '_')", d.Name)
		case seen[d.Name]:
			add(at+"name", "a second target called %q", d.Name)
		}
		seen[d.Name] = true
		if d.URL == "" {
			add(at+"name", "target %q has no url", d.Name)
		} else if _, err := ParseBucketURL(d.URL); err != nil {
			add(at+"url", "%v", err)
		}
		for j, h := range d.Headers {
			hat := fmt.Sprintf("%sheaders.%d.", at, j)
			if err := CheckPattern(h.Pattern); err != nil {
				add(hat+"pattern", "%v", err)
			}
			if strings.TrimSpace(h.CacheControl) == "" || strings.ContainsFunc(h.CacheControl, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
				add(hat+"cache_control", "%q is not a header value", h.CacheControl)
			}
		}
	}
	if c.Hosting.Kind != "" && !slices.Contains(HostingKinds, c.Hosting.Kind) {
		add("hosting.kind", "unknown kind %q: use one of %s", c.Hosting.Kind, strings.Join(HostingKinds, ", "))
	}
	if d := c.Hosting.Domain; d != "" {
		if strings.ContainsAny(d, "/:@ \t") || !strings.Contains(d, ".") || strings.HasPrefix(d, ".") || strings.HasSuffix(d, ".") {
			add("hosting.domain", "%q is not a domain name (as news.example.org, without scheme or path)", d)
		}
	}
	return ps
}

// CheckPattern reports a header rule's pattern that path.Match would
// refuse, or one that is empty.
func CheckPattern(pattern string) error {
	if pattern == "" {
		return fmt.Errorf("empty pattern")
	}
	if !utf8.ValidString(pattern) {
		return fmt.Errorf("%q is not UTF-8 text", pattern)
	}
	if _, err := path.Match(strings.ReplaceAll(pattern, "**", "*"), ""); err != nil {
		return fmt.Errorf("%q is not a pattern: %v", pattern, err)
	}
	return nil
}

// findIndexed is FindKey for a key of the n-th entry of an array of
// tables, such as the n-th [[deploy]] target (and of its m-th
// [[deploy.headers]] rule): "deploy.N.key" or "deploy.N.headers.M.key";
// also "authors.N.key" and "topics.N.key".
func findIndexed(src []byte, key string) (line, col int) {
	parts := strings.Split(key, ".")
	var n, m int
	if _, err := fmt.Sscan(parts[1], &n); err != nil {
		return 0, 0
	}
	off, lines := nthHeader(src, 0, parts[0], n)
	if off < 0 {
		return 0, 0
	}
	want := toml.Key{parts[0], parts[2]}
	if len(parts) == 5 {
		if _, err := fmt.Sscan(parts[3], &m); err != nil {
			return 0, 0
		}
		sub, subLines := nthHeader(src, off, "deploy.headers", m)
		if sub < 0 {
			return 0, 0
		}
		off, lines = sub, subLines
		want = toml.Key{"deploy", "headers", parts[4]}
	}
	l, c := tomlpos.FindKey(src[off:], want)
	if l == 0 {
		return lines + 1, 1 // the table's header
	}
	return lines + l, c
}

// nthHeader returns the offset of the n-th "[[name]]" header line at or
// after from (counting those of name only until the next header of a
// parent array), and how many lines precede it; -1 when there is none.
func nthHeader(src []byte, from int, name string, n int) (offset, lines int) {
	lines = bytes.Count(src[:from], []byte("\n"))
	seen := -1
	for off := from; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		text := strings.TrimSpace(string(src[off : off+end]))
		if strings.HasPrefix(text, "[[") {
			h := strings.TrimSpace(strings.Trim(strings.SplitN(text, "]]", 2)[0], "[ \t"))
			if h == name {
				seen++
				if seen == n {
					return off, lines
				}
			} else if name != "deploy" && h == "deploy" && off != from {
				return -1, 0 // the next target's headers are not ours
			}
		}
		off += end + 1
		lines++
	}
	return -1, 0
}

// find returns where the problem's key is set in src.
func (p problem) find(src []byte) (line, col int) {
	if strings.HasPrefix(p.key, "deploy.") || strings.HasPrefix(p.key, "authors.") || strings.HasPrefix(p.key, "topics.") ||
		strings.HasPrefix(p.key, "languages.") {
		return findIndexed(src, p.key)
	}
	return tomlpos.FindKey(src, p.path())
}

// label is the problem's key as a message shows it: "deploy[1].url".
func (p problem) label() string {
	parts := strings.Split(p.key, ".")
	if parts[0] != "deploy" || len(parts) < 3 {
		return p.key
	}
	s := "deploy[" + parts[1] + "]." + parts[2]
	if len(parts) == 5 {
		s += "[" + parts[3] + "]." + parts[4]
	}
	return s
}
