package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/livereload"
)

// These are upper bounds for things that normally take milliseconds; the
// tests share a small machine with other test runs, under -race.
const (
	waitChange = 10 * time.Second // a saved file shows in the served site
	waitEvent  = 10 * time.Second // an expected live-reload event arrives
	// waitQuiet is how long to wait before concluding that nothing more
	// happens (no second rebuild).
	waitQuiet = 1500 * time.Millisecond
	debounce  = 20 * time.Millisecond
)

// scriptTag is what livereload.Inject puts into every served page.
var scriptTag = []byte(`<script src="/__briefs/livereload.js"`)

// testNow is the build time of every test build: after every brief's date.
var testNow = time.Date(2026, 6, 4, 12, 0, 0, 0, time.UTC)

func now() time.Time { return testNow }

// secret is written next to every test site's folder: no request may ever
// get it back.
const secret = "TOP-SECRET-5f1c2a: outside the site"

// newSite copies testdata/site into a new folder and returns its path. The
// folder's parent also holds secret.txt.
func newSite(t *testing.T) string {
	t.Helper()
	parent := t.TempDir()
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(parent, "site")
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeFile writes a file of the site in place (truncate, then write), as
// many editors save.
func writeFile(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveFile saves a file of the site atomically, as other editors do: a
// temporary file renamed over it. A reader never sees it half written.
func saveFile(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p+".tmp", []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(p+".tmp", p); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// replace returns s with old replaced by new, failing when old is not there.
func replace(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q not found in:\n%s", old, s)
	}
	return strings.Replace(s, old, new, 1)
}

// logBuffer is a Server's Log, safe to read while the server writes to it.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// testServer is a running Server with an HTTP client for it.
type testServer struct {
	*Server
	t      *testing.T
	dir    string
	log    *logBuffer
	origin string // "http://127.0.0.1:port", without the site's base path
	client *http.Client
}

// start starts a Server on dir with the tests' options, changed by edit
// when it is not nil, and closes it when the test ends.
func start(t *testing.T, dir string, edit func(*Options)) *testServer {
	t.Helper()
	log := &logBuffer{}
	opts := Options{
		Source:     dir,
		Host:       "127.0.0.1",
		Port:       0,
		LiveReload: true,
		Debounce:   debounce,
		Log:        log,
		Now:        now,
	}
	if edit != nil {
		edit(&opts)
	}
	s, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatalf("Server.URL %q: %v", s.URL, err)
	}
	transport := &http.Transport{}
	ts := &testServer{
		Server: s,
		t:      t,
		dir:    dir,
		log:    log,
		origin: u.Scheme + "://" + u.Host,
		client: &http.Client{
			Transport: transport,
			Timeout:   waitChange,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
	}
	t.Cleanup(func() {
		transport.CloseIdleConnections()
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", log)
		}
	})
	return ts
}

// with returns s reporting to t, for use in t's subtest.
func (s *testServer) with(t *testing.T) *testServer {
	c := *s
	c.t = t
	return &c
}

// response is what a request got back.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request to the server; target is a path below Server.URL
// ("briefs/alpha/") or, starting with "/", below its origin.
func (s *testServer) do(method, target string, header http.Header) response {
	s.t.Helper()
	u := s.URL + target
	if strings.HasPrefix(target, "/") {
		u = s.origin + target
	}
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatalf("%s %s: reading the body: %v", method, u, err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

func (s *testServer) get(target string) response {
	s.t.Helper()
	return s.do(http.MethodGet, target, nil)
}

// waitFor calls cond every few milliseconds until it reports true, and
// fails the test with cond's last explanation after timeout.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, why := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting %v for %s: %s", timeout, what, why)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitForPage waits until the page at target is served with status 200 and
// contains want.
func (s *testServer) waitForPage(target, want string) {
	s.t.Helper()
	waitFor(s.t, waitChange, target+" to show "+want, func() (bool, string) {
		r := s.get(target)
		if r.status != http.StatusOK || !bytes.Contains(r.body, []byte(want)) {
			return false, "status " + http.StatusText(r.status) + ", body:\n" + string(r.body)
		}
		return true, ""
	})
}

// waitForStatus waits until target is served with status.
func (s *testServer) waitForStatus(target string, status int) {
	s.t.Helper()
	waitFor(s.t, waitChange, target+" to give "+http.StatusText(status), func() (bool, string) {
		r := s.get(target)
		return r.status == status, "got " + http.StatusText(r.status)
	})
}

// freshBuild builds the site the way the server does, from scratch.
func (s *testServer) freshBuild() map[string][]byte {
	s.t.Helper()
	res, err := build.New(build.Options{
		FS:      os.DirFS(s.dir),
		Drafts:  s.opts.Drafts,
		Future:  s.opts.Future,
		BaseURL: s.URL,
		Preview: true,
		Now:     now,
	}).Build(context.Background(), nil)
	if err != nil {
		s.t.Fatalf("full build of the site: %v", err)
	}
	return res.Files
}

// urlOf returns the URL path below Server.URL at which the output file p is
// served: pretty URLs for index pages.
func urlOf(p string) string {
	if p == "index.html" {
		return ""
	}
	return strings.TrimSuffix(p, "index.html")
}

// servedDiff fetches every file of want from the server and describes the
// first difference: HTML must be the built page with the live-reload script
// added, everything else identical.
func (s *testServer) servedDiff(want map[string][]byte) string {
	s.t.Helper()
	paths := make([]string, 0, len(want))
	for p := range want {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		r := s.get(urlOf(p))
		if r.status != http.StatusOK {
			return "GET " + urlOf(p) + ": " + http.StatusText(r.status)
		}
		got := r.body
		if strings.HasSuffix(p, ".html") {
			var ok bool
			if got, ok = withoutScript(got); !ok {
				return "GET " + urlOf(p) + ": no live-reload script in the page"
			}
		}
		if !bytes.Equal(got, want[p]) {
			return "GET " + urlOf(p) + " differs from the full build's " + p + ":\n" + firstDiff(got, want[p])
		}
	}
	return ""
}

// withoutScript returns a served page without the live-reload script tag
// that the server injected, and whether there was one.
func withoutScript(page []byte) ([]byte, bool) {
	i := bytes.Index(page, scriptTag)
	if i < 0 {
		return page, false
	}
	const end = "</script>"
	j := bytes.Index(page[i:], []byte(end))
	if j < 0 {
		return page, false
	}
	out := append([]byte(nil), page[:i]...)
	return append(out, page[i+j+len(end):]...), true
}

// checkMatchesBuild waits until every file of a fresh full build of the site
// is served with the same bytes, apart from the injected script, and every
// path of before that the build no longer has is gone (404). It returns the
// build.
func (s *testServer) checkMatchesBuild(before map[string][]byte) map[string][]byte {
	s.t.Helper()
	want := s.freshBuild()
	waitFor(s.t, waitChange, "the served site to match a full build", func() (bool, string) {
		if d := s.servedDiff(want); d != "" {
			return false, d
		}
		for p := range before {
			if _, ok := want[p]; ok {
				continue
			}
			if r := s.get(urlOf(p)); r.status != http.StatusNotFound {
				return false, "GET " + urlOf(p) + " of a removed file: " + http.StatusText(r.status)
			}
		}
		return true, ""
	})
	return want
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(no difference by line)"
}

// eventStream is an open live-reload event stream read by a goroutine.
type eventStream struct {
	t      *testing.T
	events chan livereload.Event // closed when the stream ends
	seen   []livereload.Event
}

// connectEvents opens the server's event stream.
func (s *testServer) connectEvents() *eventStream {
	s.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.origin+livereload.EventsPath, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	// The client's Timeout would cut the stream: use the bare transport.
	resp, err := s.client.Transport.RoundTrip(req)
	if err != nil {
		cancel()
		s.t.Fatalf("GET %s: %v", livereload.EventsPath, err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		cancel()
		s.t.Fatalf("GET %s: %s, Content-Type %q", livereload.EventsPath, resp.Status, resp.Header.Get("Content-Type"))
	}
	es := &eventStream{t: s.t, events: make(chan livereload.Event, 100)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(es.events)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue // retry, comments, blank separators
			}
			var ev livereload.Event
			if err := json.Unmarshal([]byte(data), &ev); err != nil {
				s.t.Errorf("event %q: %v", data, err)
				continue
			}
			select {
			case es.events <- ev:
			case <-ctx.Done():
				return
			}
		}
	}()
	s.t.Cleanup(func() {
		cancel()
		resp.Body.Close()
		<-done
	})
	return es
}

// next returns the next event; ok is false when the stream ended.
func (es *eventStream) next() (ev livereload.Event, ok bool) {
	es.t.Helper()
	select {
	case ev, ok = <-es.events:
		if ok {
			es.seen = append(es.seen, ev)
		}
		return ev, ok
	case <-time.After(waitEvent):
		es.t.Fatalf("no event within %v; events so far: %+v", waitEvent, es.seen)
		return ev, false
	}
}

// expect returns the next event, failing unless it is of one of kinds.
func (es *eventStream) expect(kinds ...string) livereload.Event {
	es.t.Helper()
	ev, ok := es.next()
	if !ok {
		es.t.Fatalf("the event stream ended while waiting for %q; events so far: %+v", kinds, es.seen)
	}
	if !slices.Contains(kinds, ev.Kind) {
		es.t.Fatalf("event %+v, want kind %q; events so far: %+v", ev, kinds, es.seen)
	}
	return ev
}

// skipTo returns the first event of kind, skipping any others.
func (es *eventStream) skipTo(kind string) livereload.Event {
	es.t.Helper()
	for {
		ev, ok := es.next()
		if !ok {
			es.t.Fatalf("the event stream ended while waiting for %q; events so far: %+v", kind, es.seen)
		}
		if ev.Kind == kind {
			return ev
		}
	}
}
