package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/livereload"
)

// FuzzHandler sends requests with arbitrary methods, targets, Host and
// Range headers to a server holding a built site in memory, with a secret
// file beside the site's folder. Whatever the request, the handler must not
// panic, must answer with one of the statuses it documents, must send back
// nothing but the files of the build (and its own script), and must not
// redirect to another host.
//
// A Range header is either the string rng, or, when form is 1 to 3, one
// range made of the numbers a and b below 16 ("bytes=a-b", "bytes=-a",
// "bytes=a-"): the edges of ranges (bytes=-0) lie at small numbers, which
// the fuzzer hits often this way and by rewriting digits in a string only
// by chance.
func FuzzHandler(f *testing.F) {
	for _, seed := range []struct{ method, target, host, rng string }{
		{"GET", "/", "127.0.0.1:1313", ""},
		{"GET", "/briefs/alpha/", "localhost:1313", ""},
		{"HEAD", "/briefs/alpha", "[::1]:1313", ""},
		{"GET", "/assets/style.css", "127.0.0.1:1313", "bytes=0-10"},
		{"GET", "/news", "127.0.0.1:1313", ""},
		{"GET", "/news/briefs/gamma/crane.svg", "127.0.0.1:1313", "bytes=-5,7-"},
		{"GET", "/__briefs/events", "127.0.0.1:1313", ""},
		{"GET", "/__briefs/livereload.js", "127.0.0.1:1313", ""},
		{"GET", "/../secret.txt", "127.0.0.1:1313", ""},
		{"GET", "/%2e%2e/%2e%2e/secret.txt", "127.0.0.1:1313", ""},
		{"GET", "/briefs\\..\\..\\secret.txt", "127.0.0.1:1313", ""},
		{"GET", "/.%00./secret.txt", "127.0.0.1:1313", ""},
		{"GET", "//evil.example/", "127.0.0.1:1313", ""},
		{"GET", "/briefs//evil.example", "127.0.0.1:1313", ""},
		{"GET", "http://evil.example/briefs/alpha", "127.0.0.1:1313", ""},
		{"GET", "*", "127.0.0.1:1313", ""},
		{"OPTIONS", "*", "127.0.0.1:1313", ""},
		{"POST", "/briefs/alpha/", "127.0.0.1:1313", ""},
		{"GET", "/briefs/alpha/", "evil.example:1313", ""},
		{"GET", "/config.toml", "127.0.0.1:1313", ""},
		{"GET", "/content/briefs/alpha.md", "127.0.0.1:1313", ""},
	} {
		f.Add(seed.method, seed.target, seed.host, seed.rng, false, uint8(0), uint8(0), uint8(0))
		f.Add(seed.method, seed.target, seed.host, seed.rng, true, uint8(0), uint8(0), uint8(0))
	}
	// One range of each form on each kind of file.
	for _, target := range []string{"/", "/briefs/alpha/", "/assets/style.css", "/news/", "/news/briefs/gamma/crane.svg"} {
		for form := range uint8(4) {
			f.Add("GET", target, "127.0.0.1:1313", "", strings.HasPrefix(target, "/news/"), form, uint8(1), uint8(5))
		}
	}

	parent := f.TempDir()
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte(secret), 0o644); err != nil {
		f.Fatal(err)
	}
	dir := filepath.Join(parent, "site")
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		f.Fatal(err)
	}
	res, err := build.New(build.Options{FS: os.DirFS(dir), BaseURL: "http://127.0.0.1:1313/", Preview: true, Now: now}).Build(context.Background(), nil)
	if err != nil {
		f.Fatal(err)
	}
	servers := map[bool]*Server{} // by whether the site has a sub-path
	for sub, base := range map[bool]string{false: "/", true: "/news/"} {
		opts := Options{Source: dir, Host: "127.0.0.1", LiveReload: true}
		s := &Server{opts: opts, port: "1313", names: hostNames(opts), broker: livereload.NewBroker(livereload.Options{})}
		s.state.Store(&snapshot{files: res.Files, basePath: base, build: 7})
		f.Cleanup(s.broker.Close)
		servers[sub] = s
	}
	var sources [][]byte // what the build read: none of it may be served as is
	for _, p := range []string{"config.toml", "content/briefs/alpha.md"} {
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			f.Fatal(err)
		}
		sources = append(sources, data)
	}
	allowed := map[int]bool{
		http.StatusOK: true, http.StatusPartialContent: true, http.StatusMovedPermanently: true,
		http.StatusNotModified: true, http.StatusBadRequest: true, http.StatusForbidden: true,
		http.StatusNotFound: true, http.StatusMethodNotAllowed: true,
		http.StatusRequestedRangeNotSatisfiable: true, http.StatusMisdirectedRequest: true,
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel() // event streams end at once

	f.Fuzz(func(t *testing.T, method, target, host, rng string, sub bool, form, a, b uint8) {
		a, b = a%16, b%16
		switch form % 4 {
		case 1:
			rng = fmt.Sprintf("bytes=%d-%d", a, b)
		case 2:
			rng = fmt.Sprintf("bytes=-%d", a)
		case 3:
			rng = fmt.Sprintf("bytes=%d-", a)
		}
		raw := method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
		if rng != "" {
			raw += "Range: " + rng + "\r\n"
		}
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw + "\r\n")))
		if err != nil {
			return // net/http answers 400 before any handler runs
		}
		w := httptest.NewRecorder()
		servers[sub].ServeHTTP(w, req.WithContext(canceled))
		resp := w.Result()
		body := w.Body.Bytes()

		if !allowed[resp.StatusCode] {
			t.Errorf("%q: status %d", raw, resp.StatusCode)
		}
		if bytes.Contains(body, []byte("TOP-SECRET")) {
			t.Fatalf("%q: the body holds the secret file from outside the site", raw)
		}
		for _, src := range sources {
			if bytes.Contains(body, src) {
				t.Fatalf("%q: the body holds a source file of the site", raw)
			}
		}
		if loc := resp.Header.Get("Location"); loc != "" {
			if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
				t.Errorf("%q: redirect to %q, which may leave this server", raw, loc)
			}
		}
		for k := range resp.Header {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("%q: CORS header %s", raw, k)
			}
		}
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusPartialContent || req.Method == http.MethodHead {
			return
		}
		if strings.HasPrefix(req.URL.Path, "/__briefs/") {
			return // the script and the event stream
		}
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "multipart/") {
			return // several ranges; one range is checked below
		}
		for _, data := range res.Files {
			for _, served := range [][]byte{data, livereload.InjectBuild(data, 7)} {
				if resp.StatusCode == http.StatusOK && bytes.Equal(body, served) ||
					resp.StatusCode == http.StatusPartialContent && len(body) > 0 && bytes.Contains(served, body) {
					return
				}
			}
		}
		t.Errorf("%q: %d with a body that is no file of the build:\n%.300s", raw, resp.StatusCode, body)
	})
}
