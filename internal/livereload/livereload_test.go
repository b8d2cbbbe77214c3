package livereload

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

const timeout = 5 * time.Second // generous: the test machines are slow and shared

func TestInject(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{
			name: "head",
			in:   "<!doctype html><html><head><title>x</title></head><body></body></html>",
			want: "<!doctype html><html><head>" + scriptTag + "<title>x</title></head><body></body></html>",
		},
		{
			name: "HEAD with attributes",
			in:   `<!DOCTYPE html><HTML><HEAD lang="en" data-x="a>b"><TITLE>x</TITLE>`,
			want: `<!DOCTYPE html><HTML><HEAD lang="en" data-x="a>b">` + scriptTag + `<TITLE>x</TITLE>`,
		},
		{
			name: "head on its own line",
			in:   "<html>\n<head\n  class='x'>\n</head>",
			want: "<html>\n<head\n  class='x'>" + scriptTag + "\n</head>",
		},
		{
			name: "header is not head",
			in:   "<html><body><header>x</header></body></html>",
			want: scriptTag + "<html><body><header>x</header></body></html>",
		},
		{
			name: "head in a comment",
			in:   "<!-- <head> --><html><head></head>",
			want: "<!-- <head> --><html><head>" + scriptTag + "</head>",
		},
		{
			name: "no head",
			in:   "<!doctype html>\n<p>hello</p>",
			want: "<!doctype html>\n" + scriptTag + "<p>hello</p>",
		},
		{
			name: "head after body",
			in:   "<body><p>1 < 2</p><head></head>",
			want: scriptTag + "<body><p>1 < 2</p><head></head>",
		},
		{
			name: "no tag",
			in:   "just text",
			want: scriptTag + "just text",
		},
		{
			name: "empty",
			in:   "",
			want: scriptTag,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Spare capacity would let a careless append write into the input.
			in := append(make([]byte, 0, len(tt.in)+2*len(scriptTag)), tt.in...)
			spare := in[:cap(in)]
			before := bytes.Clone(spare)

			got := Inject(in)
			if string(got) != tt.want {
				t.Errorf("Inject(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if !bytes.Equal(spare, before) {
				t.Errorf("Inject(%q) modified its input: %q", tt.in, spare)
			}
			if len(got) > 0 && len(in) > 0 && &got[0] == &in[0] {
				t.Errorf("Inject(%q) returned its input's array", tt.in)
			}
		})
	}
}

func TestScript(t *testing.T) {
	srv := httptest.NewServer(NewBroker(Options{}))
	defer srv.Close()

	tests := []struct {
		method, path string
		status       int
		contentType  string
	}{
		{"GET", ScriptPath, http.StatusOK, "text/javascript; charset=utf-8"},
		{"HEAD", ScriptPath, http.StatusOK, "text/javascript; charset=utf-8"},
		{"POST", ScriptPath, http.StatusMethodNotAllowed, ""},
		{"POST", EventsPath, http.StatusMethodNotAllowed, ""},
		{"GET", "/__briefs/other", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.contentType == "" {
				return
			}
			if got := resp.Header.Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", got, tt.contentType)
			}
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			if tt.method == "GET" && (string(body) != script || !strings.Contains(script, `"`+EventsPath+`"`)) {
				t.Errorf("body is not the script connecting to %s", EventsPath)
			}
		})
	}
}

// stream is one browser's event stream, read in its own goroutine.
type stream struct {
	events <-chan Event    // closed when the stream ends
	pings  <-chan struct{} // one per heartbeat, dropped when not read
}

// open connects to the events endpoint of srv and checks the response
// headers. The stream is closed at the end of the test.
func open(t *testing.T, srv *httptest.Server) *stream {
	t.Helper()
	resp, cancel := get(t, srv)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", EventsPath, resp.StatusCode)
	}
	for key, want := range map[string]string{
		"Content-Type":      "text/event-stream",
		"Cache-Control":     "no-store",
		"X-Accel-Buffering": "no",
	} {
		if got := resp.Header.Get(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}

	events := make(chan Event, 64)
	pings := make(chan struct{}, 1)
	done := make(chan struct{})
	stop := make(chan struct{})
	t.Cleanup(func() {
		close(stop)
		cancel()
		resp.Body.Close()
		<-done
	})
	go func() {
		defer close(done)
		defer close(events)
		r := bufio.NewReader(resp.Body)
		first := true
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case first:
				first = false
				if line != "retry: 1000" {
					t.Errorf("first line %q, want retry: 1000", line)
				}
			case line == ": ping":
				select {
				case pings <- struct{}{}:
				default:
				}
			case strings.HasPrefix(line, "data: "):
				var ev Event
				if err := json.Unmarshal([]byte(line[len("data: "):]), &ev); err != nil {
					t.Errorf("bad event %q: %v", line, err)
					return
				}
				select {
				case events <- ev:
				case <-stop:
					return
				}
			case line == "":
			default:
				t.Errorf("unexpected line %q", line)
			}
		}
	}()
	return &stream{events: events, pings: pings}
}

// get requests the events endpoint; cancel ends the request.
func get(t *testing.T, srv *httptest.Server) (resp *http.Response, cancel func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", srv.URL+EventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err = srv.Client().Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	return resp, cancel
}

func (s *stream) next(t *testing.T) Event {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			t.Fatal("stream ended, want an event")
		}
		return ev
	case <-time.After(timeout):
		t.Fatalf("no event within %v", timeout)
	}
	return Event{}
}

func (s *stream) expect(t *testing.T, want Event) {
	t.Helper()
	if got := s.next(t); !reflect.DeepEqual(got, want) {
		t.Errorf("got event %+v, want %+v", got, want)
	}
}

// ended waits for the server to end the stream.
func (s *stream) ended(t *testing.T) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				return
			}
			t.Errorf("unexpected event %+v", ev)
		case <-deadline:
			t.Fatalf("stream still open after %v", timeout)
		}
	}
}

// eventually polls cond until it holds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still not %s after %v", what, timeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// serve starts an HTTP server for b; b and the server are closed at the end
// of the test, b first so that open streams end.
func serve(t *testing.T, b *Broker) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(b)
	t.Cleanup(srv.Close)
	t.Cleanup(b.Close)
	return srv
}

func TestHello(t *testing.T) {
	b := NewBroker(Options{})
	srv := serve(t, b)
	s := open(t, srv)
	s.expect(t, Event{Kind: "hello"})
	if n := b.Clients(); n != 1 {
		t.Errorf("Clients() = %d, want 1", n)
	}
}

func TestPublishReachesEveryClient(t *testing.T) {
	b := NewBroker(Options{})
	srv := serve(t, b)
	s1, s2 := open(t, srv), open(t, srv)
	s1.expect(t, Event{Kind: "hello"})
	s2.expect(t, Event{Kind: "hello"})

	events := []Event{
		{Kind: "reload", Build: 2, Paths: []string{"/briefs/x/", "/"}},
		{Kind: "css", Build: 3, Paths: []string{"/css/site.css"}},
	}
	for _, ev := range events {
		b.Publish(ev)
	}
	for _, s := range []*stream{s1, s2} {
		for _, ev := range events {
			s.expect(t, ev)
		}
	}
}

func TestLateClientGetsState(t *testing.T) {
	b := NewBroker(Options{})
	srv := serve(t, b)

	broken := Event{Kind: "error", Build: 3, Errors: []Problem{{
		Pos:     "content/briefs/x.md:3:9",
		Message: `unknown key "titel"`,
		Lines: []SourceLine{
			{N: 2, Text: "+++"},
			{N: 3, Text: `titel = "<b>x</b>"`, Focus: true},
		},
	}}}
	b.Publish(Event{Kind: "reload", Build: 3, Paths: []string{"*"}})
	b.Publish(broken)
	s := open(t, srv)
	s.expect(t, Event{Kind: "hello", Build: 3})
	s.expect(t, broken)

	fixed := Event{Kind: "ok", Build: 4}
	b.Publish(fixed)
	s.expect(t, fixed)
	late := open(t, srv)
	late.expect(t, Event{Kind: "hello", Build: 4})
	late.expect(t, fixed)
}

func TestMaxClients(t *testing.T) {
	b := NewBroker(Options{MaxClients: 1})
	srv := serve(t, b)
	resp, cancel := get(t, srv)
	defer cancel()
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("first client: status %d", resp.StatusCode)
	}
	eventually(t, "connected", func() bool { return b.Clients() == 1 })

	refused, cancel2 := get(t, srv)
	defer cancel2()
	refused.Body.Close()
	if refused.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("second client: status %d, want %d", refused.StatusCode, http.StatusServiceUnavailable)
	}
	if got := refused.Header.Get("Retry-After"); got != retryAfter {
		t.Errorf("second client: Retry-After %q, want %q", got, retryAfter)
	}

	cancel()
	eventually(t, "disconnected", func() bool { return b.Clients() == 0 })
	open(t, srv).expect(t, Event{Kind: "hello"})
}

func TestHeartbeat(t *testing.T) {
	b := NewBroker(Options{Heartbeat: 10 * time.Millisecond})
	s := open(t, serve(t, b))
	select {
	case <-s.pings:
	case <-time.After(timeout):
		t.Fatalf("no ping within %v", timeout)
	}
}

func TestClose(t *testing.T) {
	b := NewBroker(Options{})
	returned := make(chan struct{}, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.ServeHTTP(w, r)
		if r.URL.Path == EventsPath {
			returned <- struct{}{}
		}
	}))
	defer srv.Close()
	s1, s2 := open(t, srv), open(t, srv)
	s1.expect(t, Event{Kind: "hello"})
	s2.expect(t, Event{Kind: "hello"})

	b.Close()
	if n := b.Clients(); n != 0 {
		t.Errorf("Clients() = %d after Close, want 0", n)
	}
	for range 2 {
		select {
		case <-returned:
		case <-time.After(timeout):
			t.Fatal("handler still running after Close")
		}
	}
	s1.ended(t)
	s2.ended(t)

	b.Close() // idempotent
	b.Publish(Event{Kind: "reload", Paths: []string{"*"}})
	resp, cancel := get(t, srv)
	defer cancel()
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("after Close: status %d, want %d", resp.StatusCode, http.StatusServiceUnavailable)
	}
	<-returned
}

// stuckWriter is a client that never reads: every write blocks until
// release is closed.
type stuckWriter struct {
	header  http.Header
	release chan struct{}
}

func (w *stuckWriter) Header() http.Header { return w.header }
func (w *stuckWriter) WriteHeader(int)     {}
func (w *stuckWriter) Write([]byte) (int, error) {
	<-w.release
	return 0, errors.New("connection closed")
}

func TestSlowClientDoesNotBlockPublish(t *testing.T) {
	b := NewBroker(Options{})
	srv := serve(t, b)
	fast := open(t, srv)
	fast.expect(t, Event{Kind: "hello"})

	stuck := &stuckWriter{header: http.Header{}, release: make(chan struct{})}
	var handler sync.WaitGroup
	handler.Go(func() {
		b.ServeHTTP(stuck, httptest.NewRequest("GET", EventsPath, nil))
	})
	defer handler.Wait()
	defer close(stuck.release)
	eventually(t, "connected", func() bool { return b.Clients() == 2 })

	// The stuck client holds its hello; clientBuffer events overflow it,
	// while the fast one, which has read its hello, has room for them all.
	var events []Event
	for i := range clientBuffer {
		events = append(events, Event{Kind: "reload", Build: int64(i + 1), Paths: []string{"*"}})
	}
	published := make(chan struct{})
	go func() {
		defer close(published)
		for _, ev := range events {
			b.Publish(ev)
		}
	}()
	select {
	case <-published:
	case <-time.After(timeout):
		t.Fatal("Publish blocked on a client that does not read")
	}
	if n := b.Clients(); n != 1 {
		t.Errorf("Clients() = %d, want 1: the stuck client should be dropped", n)
	}
	for _, ev := range events {
		fast.expect(t, ev)
	}
}

// TestStreamOutlivesServerTimeouts: an event stream stays open past the
// server's read and write timeouts, which bound ordinary requests.
func TestStreamOutlivesServerTimeouts(t *testing.T) {
	b := NewBroker(Options{Heartbeat: 20 * time.Millisecond})
	srv := httptest.NewUnstartedServer(b)
	srv.Config.ReadTimeout = 100 * time.Millisecond
	srv.Config.WriteTimeout = 100 * time.Millisecond
	srv.Start()
	t.Cleanup(srv.Close)
	t.Cleanup(b.Close)
	s := open(t, srv)
	s.expect(t, Event{Kind: "hello"})
	time.Sleep(time.Second) // ten times either timeout
	want := Event{Kind: "reload", Build: 2, Paths: []string{"*"}}
	b.Publish(want)
	s.expect(t, want)
}

// TestCrossOrigin: a page of another origin cannot open an event stream (and
// so cannot take the slots of the site's own pages); the site's pages and
// clients that are not browsers can.
func TestCrossOrigin(t *testing.T) {
	b := NewBroker(Options{})
	srv := serve(t, b)
	host := strings.TrimPrefix(srv.URL, "http://")
	tests := []struct {
		name   string
		header http.Header
		want   int
	}{
		{"no browser headers", nil, http.StatusOK},
		{"same origin", http.Header{"Sec-Fetch-Site": {"same-origin"}}, http.StatusOK},
		{"typed in the address bar", http.Header{"Sec-Fetch-Site": {"none"}}, http.StatusOK},
		{"same origin with Origin", http.Header{"Sec-Fetch-Site": {"same-origin"}, "Origin": {"http://" + host}}, http.StatusOK},
		{"cross site", http.Header{"Sec-Fetch-Site": {"cross-site"}}, http.StatusForbidden},
		{"same site, other port", http.Header{"Sec-Fetch-Site": {"same-site"}}, http.StatusForbidden},
		{"unknown Sec-Fetch-Site", http.Header{"Sec-Fetch-Site": {"elsewhere"}}, http.StatusForbidden},
		{"other Origin", http.Header{"Origin": {"http://evil.example"}}, http.StatusForbidden},
		{"other port in Origin", http.Header{"Origin": {"http://127.0.0.1:1"}}, http.StatusForbidden},
		{"opaque Origin", http.Header{"Origin": {"null"}}, http.StatusForbidden},
		{"bad Origin", http.Header{"Origin": {"http://%zz"}}, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, "GET", srv.URL+EventsPath, nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.header {
				req.Header[k] = v
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.want)
			}
			if resp.StatusCode != http.StatusOK {
				if n := b.Clients(); n != 0 {
					t.Errorf("Clients() = %d after a refused stream, want 0", n)
				}
				return
			}
			cancel()
			resp.Body.Close()
			eventually(t, "disconnected", func() bool { return b.Clients() == 0 })
		})
	}
}
