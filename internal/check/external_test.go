package check

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

// linkServer answers as the web does: some pages work, some are gone,
// some refuse HEAD, some are slow. It counts the requests of each path and
// the most requests it served at once.
type linkServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests map[string]int // "HEAD /ok" → count
	inFlight atomic.Int32
	maxSeen  atomic.Int32
}

func newLinkServer(t *testing.T) *linkServer {
	s := &linkServer{requests: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for {
			m := s.maxSeen.Load()
			if n <= m || s.maxSeen.CompareAndSwap(m, n) {
				break
			}
		}
		s.mu.Lock()
		s.requests[r.Method+" "+r.URL.Path]++
		s.mu.Unlock()
		switch p := r.URL.Path; {
		case p == "/ok", p == "/target", strings.HasPrefix(p, "/many/"):
			if strings.HasPrefix(p, "/many/") {
				time.Sleep(20 * time.Millisecond) // long enough to overlap
			}
		case p == "/no-head" && r.Method == http.MethodHead:
			w.WriteHeader(http.StatusMethodNotAllowed)
		case p == "/no-head":
		case p == "/gone":
			w.WriteHeader(http.StatusNotFound)
		case p == "/error":
			w.WriteHeader(http.StatusInternalServerError)
		case p == "/busy":
			w.WriteHeader(http.StatusTooManyRequests)
		case p == "/moved":
			http.Redirect(w, r, "/target", http.StatusMovedPermanently)
		case p == "/moved-away":
			http.Redirect(w, r, "/gone", http.StatusFound)
		case p == "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *linkServer) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[key]
}

func TestLinkChecker(t *testing.T) {
	srv := newLinkServer(t)
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL + "/x"
	closed.Close() // nothing listens there any more

	tests := []struct {
		path string
		want string // the problem, "" when the link works
	}{
		{"/ok", ""},
		{"/no-head", ""},
		{"/busy", ""}, // rate limited: no sign the link is broken
		{"/moved", ""},
		{"/gone", "answers 404 Not Found"},
		{"/error", "answers 500 Internal Server Error"},
		{"/moved-away", "answers 404 Not Found"},
		{"/slow", "cannot be reached: no answer within 200ms"},
	}
	lc := &LinkChecker{Timeout: 200 * time.Millisecond}
	var urls []string
	for _, tt := range tests {
		urls = append(urls, srv.URL+tt.path)
	}
	urls = append(urls, closedURL, srv.URL+"/ok") // a URL twice is fetched once
	problems, err := lc.Check(context.Background(), urls)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		got := ""
		if err := problems[srv.URL+tt.path]; err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: problem %q, want %q", tt.path, got, tt.want)
		}
	}
	var le *LinkError
	if err := problems[closedURL]; !errors.As(err, &le) || le.Status != 0 || !strings.HasPrefix(err.Error(), "cannot be reached: ") {
		t.Errorf("closed server: problem %v, want cannot be reached", err)
	}
	if n := srv.count("HEAD /ok"); n != 1 {
		t.Errorf("HEAD /ok requested %d times, want 1", n)
	}
	if srv.count("GET /ok") != 0 || srv.count("GET /no-head") != 1 {
		t.Errorf("GET requests: /ok %d, /no-head %d; want 0 and 1: GET only when HEAD fails", srv.count("GET /ok"), srv.count("GET /no-head"))
	}

	// The answers are remembered: a second check fetches nothing.
	before := srv.count("HEAD /gone") + srv.count("GET /gone")
	problems, err = lc.Check(context.Background(), []string{srv.URL + "/gone", srv.URL + "/ok"})
	if err != nil {
		t.Fatal(err)
	}
	if after := srv.count("HEAD /gone") + srv.count("GET /gone"); after != before || srv.count("HEAD /ok") != 1 {
		t.Errorf("a second check fetched again: /gone %d → %d requests", before, after)
	}
	if len(problems) != 1 || problems[srv.URL+"/gone"] == nil {
		t.Errorf("second check problems = %v, want /gone only", problems)
	}
}

func TestLinkCheckerPerHost(t *testing.T) {
	srv := newLinkServer(t)
	var urls []string
	for _, c := range "abcdefghij" {
		urls = append(urls, srv.URL+"/many/"+string(c))
	}
	lc := &LinkChecker{PerHost: 2, Workers: 8}
	problems, err := lc.Check(context.Background(), urls)
	if err != nil || len(problems) != 0 {
		t.Fatalf("Check = %v, %v; want no problems", problems, err)
	}
	if m := srv.maxSeen.Load(); m > 2 {
		t.Errorf("%d requests at once to one host, want at most 2", m)
	}
}

func TestLinkCheckerCancel(t *testing.T) {
	srv := newLinkServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	lc := &LinkChecker{Timeout: time.Minute}
	done := make(chan error, 1)
	go func() {
		_, err := lc.Check(ctx, []string{srv.URL + "/slow", srv.URL + "/ok"})
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Check after cancel = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Check did not return after its context was cancelled")
	}
	// Nothing was remembered for the URL whose check was cut short.
	lc.mu.Lock()
	_, remembered := lc.cache[srv.URL+"/slow"]
	lc.mu.Unlock()
	if remembered {
		t.Error("a cancelled check was cached as an answer")
	}
}

// TestRunExternal checks the external links of briefs: go_deeper urls,
// links and images of the body, and remote photos, each reported where it
// is written; links into the site itself are not fetched.
func TestRunExternal(t *testing.T) {
	srv := newLinkServer(t)
	brief := `+++
title = "External links"
date = 2026-05-01T09:00:00Z
authors = ["Test Desk"]
[photo]
src = "` + srv.URL + `/gone"
alt = "A chart of the vote"
credit = "Desk"

[[go_deeper]]
title = "Works"
url = "` + srv.URL + `/ok"

[[go_deeper]]
title = "Gone"
url = "` + srv.URL + `/gone"
+++
Lede with [a dead link](` + srv.URL + `/error), [a live one](` + srv.URL + `/moved)
and [one into the site](` + srv.URL + `/site/briefs/x/).

**Why this matters:** ![Chart](` + srv.URL + `/gone)
`
	fsys := fstest.MapFS{
		"config.toml":             {Data: []byte("title = \"x\"\nbase_url = \"" + srv.URL + "/site/\"\n")},
		"content/briefs/links.md": {Data: []byte(brief)},
		"content/briefs/quiet.md": {Data: []byte("+++\ntitle = \"Quiet\"\ndate = 2026-05-01T09:00:00Z\n+++\nLede [gone](" + srv.URL + "/gone).\n\n**Why this matters:** x.\n")},
	}
	in := load(t, fsys)
	findings, err := Run(context.Background(), in, Options{Now: now, Links: &LinkChecker{}, Files: []string{"content/briefs/links.md"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		got = append(got, strings.ReplaceAll(f.String(), srv.URL, "URL"))
	}
	want := []string{
		"content/briefs/links.md:6:1: warning external-link: URL/gone answers 404 Not Found",
		"content/briefs/links.md:16:1: warning external-link: URL/gone answers 404 Not Found",
		"content/briefs/links.md:18:12: warning external-link: URL/error answers 500 Internal Server Error",
		"content/briefs/links.md:19:6: error internal-link: link to \"URL/site/briefs/x/\": no brief has the slug \"x\"",
		"content/briefs/links.md:21:25: warning external-link: URL/gone answers 404 Not Found",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := srv.count("HEAD /site/briefs/x/") + srv.count("GET /site/briefs/x/"); n != 0 {
		t.Errorf("a link into the site was fetched %d times", n)
	}

	// Without Links, nothing is fetched.
	before := srv.count("HEAD /gone")
	if _, err := Run(context.Background(), in, Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	if srv.count("HEAD /gone") != before {
		t.Error("Run without Links fetched external links")
	}
}
