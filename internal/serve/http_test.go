package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
)

// raw sends one GET with the request target and Host header exactly as
// given, which net/http's client would clean or refuse.
func (s *testServer) raw(target, host string) response {
	s.t.Helper()
	addr := strings.TrimPrefix(s.origin, "http://")
	conn, err := net.DialTimeout("tcp", addr, waitChange)
	if err != nil {
		s.t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(waitChange))
	if _, err := fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host); err != nil {
		s.t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		s.t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatalf("GET %s: reading the body: %v", target, err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

func (s *testServer) host() string { return strings.TrimPrefix(s.origin, "http://") }

func TestPages(t *testing.T) {
	s := start(t, newSite(t), nil)
	built := s.freshBuild()

	t.Run("pretty URL", func(t *testing.T) {
		s := s.with(t)
		r := s.get("briefs/alpha/")
		if r.status != http.StatusOK {
			t.Fatalf("GET briefs/alpha/: %d, want 200", r.status)
		}
		if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("Content-Type = %q, want text/html; charset=utf-8", ct)
		}
		if !bytes.Contains(r.body, scriptTag) {
			t.Errorf("briefs/alpha/ has no %s:\n%s", scriptTag, r.body)
		}
		if !bytes.Contains(r.body, []byte("Alpha sentence one.")) {
			t.Errorf("briefs/alpha/ does not show the brief:\n%s", r.body)
		}
		// The script goes into the head, once.
		if n := bytes.Count(r.body, scriptTag); n != 1 {
			t.Errorf("the script is injected %d times, want 1", n)
		}
		if i, j := bytes.Index(r.body, scriptTag), bytes.Index(r.body, []byte("</head>")); i < 0 || j < 0 || i > j {
			t.Errorf("the script is not inside <head>")
		}
	})

	t.Run("home", func(t *testing.T) {
		s := s.with(t)
		r := s.get("")
		if r.status != http.StatusOK || !bytes.Contains(r.body, scriptTag) {
			t.Errorf("GET /: %d, script injected: %v", r.status, bytes.Contains(r.body, scriptTag))
		}
	})

	t.Run("index.html", func(t *testing.T) {
		s := s.with(t)
		r := s.get("briefs/alpha/index.html")
		if r.status != http.StatusOK || !bytes.Contains(r.body, []byte("Alpha sentence one.")) {
			t.Errorf("GET briefs/alpha/index.html: %d", r.status)
		}
	})

	t.Run("redirect to the slash", func(t *testing.T) {
		s := s.with(t)
		for target, want := range map[string]string{
			"briefs/alpha":          "/briefs/alpha/",
			"briefs/alpha?utm=feed": "/briefs/alpha/?utm=feed",
			"topics":                "/topics/",
		} {
			r := s.get(target)
			if r.status != http.StatusMovedPermanently {
				t.Errorf("GET %s: %d, want 301", target, r.status)
				continue
			}
			if loc := r.header.Get("Location"); loc != want {
				t.Errorf("GET %s: Location %q, want %q", target, loc, want)
			}
		}
	})

	t.Run("not found", func(t *testing.T) {
		s := s.with(t)
		for _, target := range []string{"no/such/page/", "briefs/nope/", "nope.css", "briefs/alpha/nope.jpg"} {
			r := s.get(target)
			if r.status != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", target, r.status)
				continue
			}
			// The site's own 404 page, live reload included.
			want := built["404.html"]
			if len(want) == 0 {
				t.Fatal("the build has no 404.html")
			}
			if got, ok := withoutScript(r.body); !ok || !bytes.Equal(got, want) {
				t.Errorf("GET %s: body is not the site's 404 page with the script:\n%s", target, r.body)
			}
		}
	})

	t.Run("content types", func(t *testing.T) {
		s := s.with(t)
		for _, tc := range []struct {
			target string
			want   string // prefix of Content-Type
		}{
			{"assets/style.css", "text/css"},
			{"css/extra.css", "text/css"},
			{"briefs/gamma/crane.svg", "image/svg+xml"},
			{"assets/favicon.svg", "image/svg+xml"},
			{"feed.xml", ""},
			{"sitemap.xml", ""},
			{"feed.json", "application/"},
			{"data/info.json", "application/json"},
			{"briefs/beta/", "text/html; charset=utf-8"},
		} {
			r := s.get(tc.target)
			ct := r.header.Get("Content-Type")
			switch {
			case r.status != http.StatusOK:
				t.Errorf("GET %s: %d, want 200", tc.target, r.status)
			case strings.HasSuffix(tc.target, ".xml") && !strings.Contains(ct, "xml"):
				t.Errorf("GET %s: Content-Type %q, want an XML type", tc.target, ct)
			case !strings.HasPrefix(ct, tc.want):
				t.Errorf("GET %s: Content-Type %q, want %s…", tc.target, ct, tc.want)
			case strings.HasSuffix(tc.target, ".json") && !strings.Contains(ct, "json"):
				t.Errorf("GET %s: Content-Type %q, want a JSON type", tc.target, ct)
			}
			if got := r.header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("GET %s: X-Content-Type-Options %q, want nosniff", tc.target, got)
			}
			if !strings.HasPrefix(ct, "text/html") && bytes.Contains(r.body, scriptTag) {
				t.Errorf("GET %s: the script is injected into a %s file", tc.target, ct)
			}
		}
	})

	t.Run("HEAD", func(t *testing.T) {
		s := s.with(t)
		for _, target := range []string{"briefs/alpha/", "assets/style.css"} {
			get := s.get(target)
			head := s.do(http.MethodHead, target, nil)
			if head.status != http.StatusOK || len(head.body) != 0 {
				t.Errorf("HEAD %s: %d with %d bytes of body, want 200 and none", target, head.status, len(head.body))
			}
			if cl := head.header.Get("Content-Length"); cl != strconv.Itoa(len(get.body)) {
				t.Errorf("HEAD %s: Content-Length %q, want %d (the GET body)", target, cl, len(get.body))
			}
			if head.header.Get("Content-Type") != get.header.Get("Content-Type") || head.header.Get("ETag") != get.header.Get("ETag") {
				t.Errorf("HEAD %s: headers differ from GET: %v vs %v", target, head.header, get.header)
			}
		}
		if r := s.do(http.MethodHead, "no/such/page/", nil); r.status != http.StatusNotFound || len(r.body) != 0 {
			t.Errorf("HEAD of a missing page: %d with %d bytes", r.status, len(r.body))
		}
	})

	t.Run("methods", func(t *testing.T) {
		s := s.with(t)
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
			for _, target := range []string{"briefs/alpha/", "assets/style.css"} {
				r := s.do(method, target, nil)
				if r.status != http.StatusMethodNotAllowed {
					t.Errorf("%s %s: %d, want 405", method, target, r.status)
				}
				if allow := r.header.Get("Allow"); !strings.Contains(allow, "GET") {
					t.Errorf("%s %s: Allow %q, want GET listed", method, target, allow)
				}
			}
		}
	})

	t.Run("ETag", func(t *testing.T) {
		s := s.with(t)
		for _, target := range []string{"briefs/alpha/", "assets/style.css", "feed.xml"} {
			r := s.get(target)
			tag := r.header.Get("ETag")
			if tag == "" {
				t.Errorf("GET %s: no ETag", target)
				continue
			}
			if cc := r.header.Get("Cache-Control"); cc != "no-cache" {
				t.Errorf("GET %s: Cache-Control %q, want no-cache", target, cc)
			}
			again := s.do(http.MethodGet, target, http.Header{"If-None-Match": {tag}})
			if again.status != http.StatusNotModified || len(again.body) != 0 {
				t.Errorf("GET %s with If-None-Match %s: %d with %d bytes, want 304 and none", target, tag, again.status, len(again.body))
			}
			other := s.do(http.MethodGet, target, http.Header{"If-None-Match": {`"0123"`}})
			if other.status != http.StatusOK {
				t.Errorf("GET %s with another ETag: %d, want 200", target, other.status)
			}
		}
	})
}

// TestETagAfterChange checks that a page's ETag changes with its bytes, and
// only then.
func TestETagAfterChange(t *testing.T) {
	s := start(t, newSite(t), nil)
	page, css := s.get("briefs/alpha/"), s.get("assets/style.css")
	pageTag, cssTag := page.header.Get("ETag"), css.header.Get("ETag")

	saveFile(t, s.dir, "content/briefs/alpha.md", replace(t, readFile(t, s.dir, "content/briefs/alpha.md"), "Alpha sentence one.", "Alpha sentence changed."))
	s.waitForPage("briefs/alpha/", "Alpha sentence changed.")

	r := s.do(http.MethodGet, "briefs/alpha/", http.Header{"If-None-Match": {pageTag}})
	if r.status != http.StatusOK || !bytes.Contains(r.body, []byte("Alpha sentence changed.")) {
		t.Errorf("GET briefs/alpha/ with the ETag from before the change: %d, want 200 with the new text", r.status)
	}
	if r.header.Get("ETag") == pageTag {
		t.Errorf("briefs/alpha/ kept its ETag %s after its text changed", pageTag)
	}
	if r := s.do(http.MethodGet, "assets/style.css", http.Header{"If-None-Match": {cssTag}}); r.status != http.StatusNotModified {
		t.Errorf("GET assets/style.css with its ETag after an unrelated change: %d, want 304", r.status)
	}
}

// TestPathsOutsideTheSite sends paths that try to leave the output: none may
// get a file from outside it, nor the site's source files.
func TestPathsOutsideTheSite(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, nil)
	secretPath := filepath.ToSlash(filepath.Join(filepath.Dir(dir), "secret.txt"))
	for _, target := range []string{
		"/../secret.txt",
		"/../../secret.txt",
		"/briefs/../../secret.txt",
		"/briefs/alpha/../../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2e%2e/secret.txt",
		"/.%2e/secret.txt",
		"/briefs/%2e%2e/%2e%2e/secret.txt",
		"/briefs%2F..%2F..%2Fsecret.txt",
		"/briefs/alpha/%2F..%2F..%2F..%2Fsecret.txt",
		"/..%2fsecret.txt",
		"/%2F..%2Fsecret.txt",
		"/..\\secret.txt",
		"/briefs\\..\\..\\secret.txt",
		"/%5c..%5csecret.txt",
		"/..%5C..%5Csecret.txt",
		"/.%00./secret.txt",
		"//etc/passwd",
		"/%2Fetc%2Fpasswd",
		"/C:/Windows/win.ini",
		"/C:%5CWindows%5Cwin.ini",
		"/" + secretPath,
		"/" + strings.TrimPrefix(secretPath, "/"),
		"/%2F" + strings.TrimPrefix(secretPath, "/"),
		"/file://" + secretPath,
		"/./secret.txt",
		"/config.toml",
		"/content/briefs/alpha.md",
		"/static/css/extra.css",
		"/site/config.toml",
	} {
		r := s.raw(target, s.host())
		if r.status != http.StatusBadRequest && r.status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 400 or 404", target, r.status)
		}
		if bytes.Contains(r.body, []byte("TOP-SECRET")) {
			t.Errorf("GET %s: the body holds the secret file from outside the site:\n%s", target, r.body)
		}
		if bytes.Contains(r.body, []byte("base_url")) || bytes.Contains(r.body, []byte("+++")) {
			t.Errorf("GET %s: the body holds a source file of the site:\n%s", target, r.body)
		}
	}
}

func TestHostCheck(t *testing.T) {
	s := start(t, newSite(t), nil)
	_, port, _ := net.SplitHostPort(s.host())
	for _, tc := range []struct {
		host string
		want int
	}{
		{"evil.example", http.StatusMisdirectedRequest},
		{"evil.example:" + port, http.StatusMisdirectedRequest},
		{"127.0.0.1.evil.example:" + port, http.StatusMisdirectedRequest},
		{"localhost.evil.example:" + port, http.StatusMisdirectedRequest},
		{"192.168.1.20:" + port, http.StatusMisdirectedRequest},
		{"127.0.0.1:1", http.StatusMisdirectedRequest},
		{s.host(), http.StatusOK},
		{"localhost:" + port, http.StatusOK},
		{"[::1]:" + port, http.StatusOK},
	} {
		r := s.raw("/briefs/alpha/", tc.host)
		if r.status != tc.want {
			t.Errorf("GET /briefs/alpha/ with Host %q: %d, want %d", tc.host, r.status, tc.want)
		}
		if tc.want != http.StatusOK && bytes.Contains(r.body, []byte("Alpha")) {
			t.Errorf("GET with Host %q: the page leaked:\n%s", tc.host, r.body)
		}
	}
	// The live-reload endpoints are checked too: another site must not
	// watch the preview's build errors.
	if r := s.raw("/__briefs/livereload.js", "evil.example"); r.status != http.StatusMisdirectedRequest {
		t.Errorf("GET /__briefs/livereload.js with Host evil.example: %d, want 421", r.status)
	}
	if r := s.raw("/__briefs/events", "evil.example:"+port); r.status != http.StatusMisdirectedRequest {
		t.Errorf("GET /__briefs/events with Host evil.example: %d, want 421", r.status)
	}
}

func TestLiveReloadScript(t *testing.T) {
	s := start(t, newSite(t), nil)
	r := s.get("/__briefs/livereload.js")
	if r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Type"), "javascript") {
		t.Fatalf("GET /__briefs/livereload.js: %d, Content-Type %q", r.status, r.header.Get("Content-Type"))
	}
	if !bytes.Contains(r.body, []byte("briefs-error-overlay")) || !bytes.Contains(r.body, []byte("EventSource")) {
		t.Errorf("the live-reload script is not the one expected:\n%s", r.body)
	}

	off := start(t, newSite(t), func(o *Options) { o.LiveReload = false })
	if r := off.get("briefs/alpha/"); r.status != http.StatusOK || bytes.Contains(r.body, scriptTag) {
		t.Errorf("without live reload: GET briefs/alpha/: %d, script injected: %v", r.status, bytes.Contains(r.body, scriptTag))
	}
	if r := off.get("/__briefs/livereload.js"); r.status != http.StatusNotFound {
		t.Errorf("without live reload: GET /__briefs/livereload.js: %d, want 404", r.status)
	}
	// Without live reload, pages are served as built.
	if d := off.servedDiffPlain(off.freshBuild()); d != "" {
		t.Errorf("without live reload: %s", d)
	}
}

// servedDiffPlain is servedDiff for a server without live reload.
func (s *testServer) servedDiffPlain(want map[string][]byte) string {
	s.t.Helper()
	for p, w := range want {
		if r := s.get(urlOf(p)); r.status != http.StatusOK || !bytes.Equal(r.body, w) {
			return "GET " + urlOf(p) + ": " + http.StatusText(r.status) + "\n" + firstDiff(r.body, w)
		}
	}
	return ""
}

func TestBasePath(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "config.toml", replace(t, readFile(t, dir, "config.toml"), `base_url = "https://example.org/"`, `base_url = "https://example.org/news/"`))
	s := start(t, dir, nil)
	if !strings.HasSuffix(s.URL, "/news/") || !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Fatalf("Server.URL = %q, want http://127.0.0.1:port/news/", s.URL)
	}
	r := s.get("/news/briefs/alpha/")
	if r.status != http.StatusOK || !bytes.Contains(r.body, scriptTag) {
		t.Fatalf("GET /news/briefs/alpha/: %d", r.status)
	}
	for _, want := range []string{`href="/news/assets/style.css"`, `href="/news/topics/council/"`, `<link rel="canonical" href="` + s.URL + `briefs/alpha/">`} {
		if !bytes.Contains(r.body, []byte(want)) {
			t.Errorf("/news/briefs/alpha/ has no %s:\n%s", want, r.body)
		}
	}
	if r := s.get("/news/briefs/alpha"); r.status != http.StatusMovedPermanently || r.header.Get("Location") != "/news/briefs/alpha/" {
		t.Errorf("GET /news/briefs/alpha: %d to %q, want 301 to /news/briefs/alpha/", r.status, r.header.Get("Location"))
	}
	if r := s.get("/news"); r.status != http.StatusMovedPermanently || r.header.Get("Location") != "/news/" {
		t.Errorf("GET /news: %d to %q, want 301 to /news/", r.status, r.header.Get("Location"))
	}
	for _, target := range []string{"/briefs/alpha/", "/assets/style.css", "/news/../briefs/alpha/", "/news/..%2Fsecret.txt"} {
		if r := s.raw(target, s.host()); r.status != http.StatusNotFound && r.status != http.StatusBadRequest {
			t.Errorf("GET %s outside the base path: %d, want 404 or 400", target, r.status)
		}
	}
	if r := s.get("/news/nope/"); r.status != http.StatusNotFound || !bytes.Contains(r.body, []byte("Page not found")) {
		t.Errorf("GET /news/nope/: %d, want 404 with the site's 404 page", r.status)
	}
	// The events endpoint stays at the root, where the script looks for it.
	s.connectEvents().expect("hello")
	s.checkMatchesBuild(nil)
}

// TestBuildHasNoLiveReload checks that what briefs build writes never holds
// the live-reload script: it is added per response by the server only.
func TestBuildHasNoLiveReload(t *testing.T) {
	dir := newSite(t)
	for _, preview := range []bool{false, true} {
		res, err := build.New(build.Options{FS: os.DirFS(dir), Preview: preview, Now: now}).Build(context.Background(), nil)
		if err != nil {
			t.Fatalf("Build (Preview %v): %v", preview, err)
		}
		if len(res.Files) == 0 {
			t.Fatalf("Build (Preview %v) wrote no files", preview)
		}
		for p, data := range res.Files {
			for _, bad := range []string{"__briefs", "livereload", "briefs-error-overlay", "EventSource"} {
				if bytes.Contains(data, []byte(bad)) {
					t.Errorf("Build (Preview %v): %s contains %q", preview, p, bad)
				}
			}
		}
	}
}

func TestPortInUse(t *testing.T) {
	s := start(t, newSite(t), nil)
	_, port, _ := net.SplitHostPort(s.host())
	n, _ := strconv.Atoi(port)
	other, err := Start(context.Background(), Options{Source: s.dir, Host: "127.0.0.1", Port: n, Now: now})
	if err == nil {
		other.Close()
		t.Fatalf("Start on the port of a running server: no error")
	}
	if !errors.Is(err, ErrPortInUse) {
		t.Errorf("Start on a port in use: %v, want ErrPortInUse", err)
	}
}
