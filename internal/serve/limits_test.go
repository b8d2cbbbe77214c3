package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/livereload"
)

// shortLimits are Limits small enough for a test to outwait.
var shortLimits = Limits{
	ReadHeaderTimeout: 200 * time.Millisecond,
	ReadTimeout:       200 * time.Millisecond,
	WriteTimeout:      200 * time.Millisecond,
	IdleTimeout:       200 * time.Millisecond,
	Heartbeat:         20 * time.Millisecond,
}

// TestLimitsDefaults: zero Limits get DefaultLimits, set ones are kept.
func TestLimitsDefaults(t *testing.T) {
	if got := (Limits{}).withDefaults(); got != DefaultLimits {
		t.Errorf("Limits{}.withDefaults() = %+v, want %+v", got, DefaultLimits)
	}
	set := Limits{ReadHeaderTimeout: 1, ReadTimeout: 2, WriteTimeout: 3, IdleTimeout: 4, EventStreams: 5, Heartbeat: 6}
	if got := set.withDefaults(); got != set {
		t.Errorf("%+v.withDefaults() = %+v, want it unchanged", set, got)
	}
	if DefaultLimits.WriteTimeout == 0 || DefaultLimits.ReadTimeout == 0 || DefaultLimits.ReadHeaderTimeout == 0 || DefaultLimits.IdleTimeout == 0 {
		t.Errorf("DefaultLimits %+v leave a timeout unset", DefaultLimits)
	}
}

// TestSlowClientsAreDisconnected: a client that sends its request a byte at
// a time (slowloris), or that keeps an idle connection open, loses its
// connection after the configured timeout.
func TestSlowClientsAreDisconnected(t *testing.T) {
	s := start(t, newSite(t), func(o *Options) { o.Limits = shortLimits })
	tests := []struct {
		name string
		// send writes to the connection until it fails or stop is closed.
		send func(conn net.Conn, stop <-chan struct{})
		// served is whether a response comes before the connection ends.
		served bool
	}{
		{"headers sent slowly", func(conn net.Conn, stop <-chan struct{}) {
			fmt.Fprintf(conn, "GET /briefs/alpha/ HTTP/1.1\r\nHost: %s\r\nX-Slow: ", s.host())
			trickle(conn, stop)
		}, false},
		{"request line sent slowly", func(conn net.Conn, stop <-chan struct{}) {
			conn.Write([]byte("GET /"))
			trickle(conn, stop)
		}, false},
		{"idle after a request", func(conn net.Conn, stop <-chan struct{}) {
			fmt.Fprintf(conn, "GET /briefs/alpha/ HTTP/1.1\r\nHost: %s\r\n\r\n", s.host())
			<-stop
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", s.host())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			stop := make(chan struct{})
			sent := make(chan struct{})
			go func() {
				defer close(sent)
				tt.send(conn, stop)
			}()
			defer func() { <-sent }()
			defer close(stop)

			began := time.Now()
			conn.SetReadDeadline(began.Add(waitChange))
			got, err := io.ReadAll(conn) // until the server closes the connection
			took := time.Since(began)
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				t.Fatalf("the connection is still open after %v; the server's timeouts are %+v", took, shortLimits)
			}
			if took < shortLimits.ReadHeaderTimeout/2 {
				t.Errorf("the connection closed after %v, before any timeout", took)
			}
			if served := bytes.HasPrefix(got, []byte("HTTP/1.1 200 OK")); served != tt.served {
				t.Errorf("response before the close: %q; want a page: %v", firstLine(got), tt.served)
			}
		})
	}
}

// trickle writes a header byte every 20ms until a write fails or stop is
// closed: never a whole request.
func trickle(conn net.Conn, stop <-chan struct{}) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			if _, err := conn.Write([]byte("x")); err != nil {
				return
			}
		}
	}
}

func firstLine(b []byte) string {
	line, _, _ := strings.Cut(string(b), "\r\n")
	return line
}

// TestEventStreamOutlivesTimeouts: a live-reload stream stays open long past
// the read and write timeouts that end ordinary requests, and delivers the
// next reload on the same connection.
func TestEventStreamOutlivesTimeouts(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, func(o *Options) { o.Limits = shortLimits })
	events := s.connectEvents()
	events.expect("hello")
	time.Sleep(5 * shortLimits.WriteTimeout)
	// Ordinary requests still work with these timeouts.
	if r := s.get("briefs/alpha/"); r.status != http.StatusOK {
		t.Fatalf("GET briefs/alpha/: %d", r.status)
	}
	saveFile(t, dir, "content/briefs/alpha.md", replace(t, readFile(t, dir, "content/briefs/alpha.md"), "Alpha sentence one.", "Still listening."))
	events.skipTo("reload")
	for _, ev := range events.seen[1:] {
		if ev.Kind == "hello" {
			t.Errorf("a second hello: the stream was reconnected; events: %+v", events.seen)
		}
	}
}

// openEvents requests the event stream with header and returns the
// response; cancel ends the stream.
func (s *testServer) openEvents(header http.Header) (*http.Response, func()) {
	s.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.origin+livereload.EventsPath, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := s.client.Transport.RoundTrip(req)
	if err != nil {
		cancel()
		s.t.Fatalf("GET %s: %v", livereload.EventsPath, err)
	}
	stop := func() {
		cancel()
		resp.Body.Close()
	}
	s.t.Cleanup(stop)
	return resp, stop
}

// TestEventStreamLimit: the server keeps at most Limits.EventStreams streams
// open, refuses more with 503 and a Retry-After, and takes a new one as
// soon as a browser goes away.
func TestEventStreamLimit(t *testing.T) {
	const limit = 3
	s := start(t, newSite(t), func(o *Options) { o.Limits.EventStreams = limit })
	var cancels []func()
	for i := range limit {
		resp, cancel := s.openEvents(nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("stream %d of %d: %s", i+1, limit, resp.Status)
		}
		cancels = append(cancels, cancel)
	}
	waitFor(t, waitEvent, "the streams to connect", func() (bool, string) {
		return s.broker.Clients() == limit, fmt.Sprintf("%d clients", s.broker.Clients())
	})

	resp, _ := s.openEvents(nil)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("stream %d over a limit of %d: %s, want 503", limit+1, limit, resp.Status)
	}
	if resp.Header.Get("Retry-After") == "" {
		t.Errorf("503 without a Retry-After")
	}
	if !bytes.Contains(body, []byte("too many")) {
		t.Errorf("503 body %q does not say why", body)
	}
	// Pages are still served.
	if r := s.get("briefs/alpha/"); r.status != http.StatusOK {
		t.Errorf("GET briefs/alpha/ with every stream taken: %d", r.status)
	}

	// A browser goes away: its slot is free again.
	cancels[0]()
	waitFor(t, waitEvent, "a slot to free up", func() (bool, string) {
		return s.broker.Clients() == limit-1, fmt.Sprintf("%d clients", s.broker.Clients())
	})
	if resp, _ := s.openEvents(nil); resp.StatusCode != http.StatusOK {
		t.Errorf("a stream after one closed: %s, want 200", resp.Status)
	}
}

// TestEventStreamDroppedConnection: a browser whose connection just drops,
// without a clean close, frees its slot too.
func TestEventStreamDroppedConnection(t *testing.T) {
	s := start(t, newSite(t), func(o *Options) { o.Limits = Limits{EventStreams: 1, Heartbeat: 20 * time.Millisecond} })
	conn, err := net.Dial("tcp", s.host())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", livereload.EventsPath, s.host())
	waitFor(t, waitEvent, "the stream to connect", func() (bool, string) {
		return s.broker.Clients() == 1, fmt.Sprintf("%d clients", s.broker.Clients())
	})
	if resp, _ := s.openEvents(nil); resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("a second stream over a limit of 1: %s", resp.Status)
	}
	conn.(*net.TCPConn).SetLinger(0) // a reset, as when a laptop's lid closes
	conn.Close()
	waitFor(t, waitEvent, "the slot to free up", func() (bool, string) {
		return s.broker.Clients() == 0, fmt.Sprintf("%d clients", s.broker.Clients())
	})
	if resp, _ := s.openEvents(nil); resp.StatusCode != http.StatusOK {
		t.Errorf("a stream after the first dropped: %s, want 200", resp.Status)
	}
}

// TestOtherOrigins: a page of another site that sends requests to the
// preview gets no permission to read the answers (no CORS headers), cannot
// open a live-reload stream, and cannot send anything but GET and HEAD.
func TestOtherOrigins(t *testing.T) {
	s := start(t, newSite(t), nil)
	evil := http.Header{"Origin": {"http://evil.example"}, "Sec-Fetch-Site": {"cross-site"}}
	preflight := http.Header{
		"Origin":                         {"http://evil.example"},
		"Access-Control-Request-Method":  {"GET"},
		"Access-Control-Request-Headers": {"x-anything"},
	}
	tests := []struct {
		method, target string
		header         http.Header
		want           int
	}{
		{http.MethodGet, "briefs/alpha/", evil, http.StatusOK}, // a link from elsewhere still opens
		{http.MethodGet, "/__briefs/livereload.js", evil, http.StatusOK},
		{http.MethodGet, "/no-such-page/", evil, http.StatusNotFound},
		{http.MethodGet, livereload.EventsPath, evil, http.StatusForbidden},
		{http.MethodGet, livereload.EventsPath, http.Header{"Sec-Fetch-Site": {"same-site"}}, http.StatusForbidden},
		{http.MethodOptions, "briefs/alpha/", preflight, http.StatusMethodNotAllowed},
		{http.MethodOptions, livereload.EventsPath, preflight, http.StatusMethodNotAllowed},
		{http.MethodPost, "briefs/alpha/", evil, http.StatusMethodNotAllowed},
		{http.MethodPut, "briefs/alpha/", evil, http.StatusMethodNotAllowed},
		{http.MethodDelete, "briefs/alpha/", evil, http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			s := s.with(t)
			r := s.do(tt.method, tt.target, tt.header)
			if r.status != tt.want {
				t.Errorf("status %d, want %d", r.status, tt.want)
			}
			for k := range r.header {
				if strings.HasPrefix(k, "Access-Control-") {
					t.Errorf("response has %s: %q", k, r.header.Get(k))
				}
			}
		})
	}
	if n := s.broker.Clients(); n != 0 {
		t.Errorf("%d event streams open after refusing them all", n)
	}
}
