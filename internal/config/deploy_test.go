package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseBucketURL(t *testing.T) {
	tests := []struct {
		in   string
		want BucketURL
	}{
		{"s3://site", BucketURL{Bucket: "site"}},
		{"s3://site/", BucketURL{Bucket: "site"}},
		{"s3://my.site-1/news/2026/", BucketURL{Bucket: "my.site-1", Prefix: "news/2026/"}},
		{"s3://site/news?region=eu-west-3", BucketURL{Bucket: "site", Prefix: "news/", Region: "eu-west-3"}},
		{"s3://site?endpoint=https://x.r2.cloudflarestorage.com/", BucketURL{Bucket: "site", Endpoint: "https://x.r2.cloudflarestorage.com"}},
		{"s3://site?endpoint=http://127.0.0.1:7070&region=auto", BucketURL{Bucket: "site", Endpoint: "http://127.0.0.1:7070", Region: "auto"}},
	}
	for _, tt := range tests {
		got, err := ParseBucketURL(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseBucketURL(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	bad := []struct{ in, want string }{
		{"https://site/", "is not an s3:// URL"},
		{"site", "is not an s3:// URL"},
		{"s3://", "is not a bucket name"},
		{"s3://Site/", "is not a bucket name"},
		{"s3://a..b/", "is not a bucket name"},
		{"s3://user@site/", "no user"},
		{"s3://site/#x", "no user, fragment"},
		{"s3://site/a/../b", "is not a clean path"},
		{"s3://site/a//b", "is not a clean path"},
		{"s3://site?region=EU WEST", "not a region name"},
		{"s3://site?region=a&region=b", "region is given 2 times"},
		{"s3://site?endpoint=ftp://x", "is not an http or https URL"},
		{"s3://site?endpoint=https://x/path", "is not an http or https URL"},
		{"s3://site?endpoint=https://", "is not an http or https URL"},
		{"s3://site?bucket=x", `unknown parameter "bucket"`},
		{"s3://site?%zz", "query of"},
		{"%", "is not a URL"},
	}
	for _, tt := range bad {
		_, err := ParseBucketURL(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseBucketURL(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestBucketURLSecure(t *testing.T) {
	tests := []struct {
		endpoint         string
		secure, loopback bool
	}{
		{"", true, false},
		{"https://s3.example.org", true, false},
		{"http://s3.example.org", false, false},
		{"http://127.0.0.1:7070", false, true},
		{"http://[::1]:7070", false, true},
		{"http://localhost:7070", false, true},
		{"http://10.0.0.1", false, false},
	}
	for _, tt := range tests {
		b := BucketURL{Bucket: "b", Endpoint: tt.endpoint}
		if b.Secure() != tt.secure || b.Loopback() != tt.loopback {
			t.Errorf("%q: Secure, Loopback = %v, %v; want %v, %v", tt.endpoint, b.Secure(), b.Loopback(), tt.secure, tt.loopback)
		}
	}
}

// FuzzParseBucketURL: a target URL comes from config.toml, which may come
// from outside (a pull request). No input panics, and what parses
// describes a clean bucket and prefix.
func FuzzParseBucketURL(f *testing.F) {
	for _, s := range []string{"s3://site/news?region=eu-west-3&endpoint=http://127.0.0.1:9000", "s3://a.b/c/d/", "s3://x?endpoint=%", "s3://site/%2e%2e/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBucketURL(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error of more than one line: %q", err)
			}
			return
		}
		if !bucketName.MatchString(b.Bucket) {
			t.Errorf("bucket %q", b.Bucket)
		}
		if b.Prefix != "" {
			for _, el := range strings.Split(strings.TrimSuffix(b.Prefix, "/"), "/") {
				if el == "" || el == "." || el == ".." {
					t.Errorf("prefix %q", b.Prefix)
				}
			}
			if !strings.HasSuffix(b.Prefix, "/") {
				t.Errorf("prefix %q does not end in /", b.Prefix)
			}
		}
		if b.Endpoint != "" && !strings.HasPrefix(b.Endpoint, "http://") && !strings.HasPrefix(b.Endpoint, "https://") {
			t.Errorf("endpoint %q", b.Endpoint)
		}
	})
}

func TestLoadDeploy(t *testing.T) {
	src := `title = "T"
[[deploy]]
name = "production"
url = "s3://site/news?region=eu-west-3"
post_deploy = "./purge.sh"
[[deploy.headers]]
pattern = "briefs/**"
cache_control = "public, max-age=120"
[[deploy]]
name = "staging"
url = "s3://staging/"
[hosting]
kind = "github-pages"
domain = "news.example.org"
`
	c, err := Load(fstest.MapFS{FileName: {Data: []byte(src)}}, FileName)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Deploy) != 2 || c.Deploy[0].PostDeploy != "./purge.sh" || len(c.Deploy[0].Headers) != 1 || len(c.Deploy[1].Headers) != 0 {
		t.Errorf("Deploy = %+v", c.Deploy)
	}
	if c.Hosting != (Hosting{Kind: "github-pages", Domain: "news.example.org"}) {
		t.Errorf("Hosting = %+v", c.Hosting)
	}
	for _, tt := range []struct{ name, want, err string }{
		{"staging", "s3://staging/", ""},
		{"production", "s3://site/news?region=eu-west-3", ""},
		{"", "", "has 2 deploy targets: name one of production, staging"},
		{"prod", "", `no deploy target "prod" in config.toml: its targets are production, staging`},
	} {
		d, err := c.Target(tt.name)
		if d.URL != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("Target(%q) = %q, %v; want %q, %q", tt.name, d.URL, err, tt.want, tt.err)
		}
	}
	one := Config{Deploy: c.Deploy[1:]}
	if d, err := one.Target(""); err != nil || d.Name != "staging" {
		t.Errorf("the only target: %v, %v", d.Name, err)
	}
	if _, err := (&Config{}).Target(""); err == nil || !strings.Contains(err.Error(), "has no [[deploy]] target") {
		t.Errorf("no target: %v", err)
	}
}

// Every mistake in [[deploy]] and [hosting] is reported at its line and
// column, in the right target.
func TestDeployErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"[[deploy]]\nname = \"p\"\nurl = \"s3://Bad/\"\n", `config.toml:3:1: deploy[0].url: "Bad" is not a bucket name`},
		{"[[deploy]]\nname = \"p\"\n", `config.toml:2:1: deploy[0].name: target "p" has no url`},
		{"[[deploy]]\nurl = \"s3://site/\"\n", `config.toml:1:1: deploy[0].name: "" is not a target name`},
		{"[[deploy]]\nname = \"a b\"\nurl = \"s3://site/\"\n", `config.toml:2:1: deploy[0].name: "a b" is not a target name`},
		{"[[deploy]]\nname = \"p\"\nurl = \"s3://site/\"\n\n[[deploy]]\nname = \"p\"\nurl = \"s3://site/\"\n", `config.toml:6:1: deploy[1].name: a second target called "p"`},
		{"[[deploy]]\nname = \"p\"\nurl = \"s3://site/\"\n[[deploy]]\nname = \"q\"\nurl = \"s3://xyz/?e=1\"\n", `config.toml:6:1: deploy[1].url: unknown parameter "e"`},
		{"[[deploy]]\nname = \"p\"\nurl = \"s3://site/\"\n[[deploy.headers]]\npattern = \"a\"\ncache_control = \"x\"\n[[deploy.headers]]\n  pattern = \"[\"\ncache_control = \"x\"\n", `config.toml:8:3: deploy[0].headers[1].pattern: "[" is not a pattern`},
		{"[[deploy]]\nname = \"p\"\nurl = \"s3://site/\"\n[[deploy.headers]]\npattern = \"a\"\ncache_control = \"x\\ny\"\n", `config.toml:6:1: deploy[0].headers[0].cache_control: "x\ny" is not a header value`},
		{"[[deploy]]\nname = \"p\"\nurl = \"s3://site/\"\n[[deploy.headers]]\ncache_control = \"x\"\n", `config.toml:4:1: deploy[0].headers[0].pattern: empty pattern`},
		{"[[deploy]]\nname = \"p\"\nurl = \"s3://site/\"\nkey = \"secret\"\n", `config.toml:4:1: unknown key "deploy.key"`},
		{"[hosting]\nkind = \"vercel\"\n", `config.toml:2:1: hosting.kind: unknown kind "vercel"`},
		{"[hosting]\ndomain = \"https://news.example.org/\"\n", `config.toml:2:1: hosting.domain: "https://news.example.org/" is not a domain name`},
		{"[hosting]\ndomain = \"localhost\"\n", `hosting.domain: "localhost" is not a domain name`},
	}
	for _, tt := range tests {
		_, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
	c := Default()
	c.Deploy = []Deploy{{Name: "p", URL: "ftp://x"}}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), `deploy[0].url: "ftp://x" is not an s3:// URL`) {
		t.Errorf("Validate: %v", err)
	}
}
