package serve

import (
	"context"
	"net/http"
	"testing"
	"time"
)

const waitClose = 15 * time.Second // Close may wait up to 5s for requests

// TestClose closes a server while a browser holds an event stream open.
func TestClose(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, nil)
	events := s.connectEvents()
	events.expect("hello")
	// A kept-alive connection too, idle when Close comes.
	if r := s.get("briefs/alpha/"); r.status != http.StatusOK {
		t.Fatalf("GET briefs/alpha/: %d", r.status)
	}

	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-time.After(waitClose):
		t.Fatalf("Close did not return within %v with an event stream open", waitClose)
	}
	select {
	case <-s.Done():
	default:
		t.Errorf("Done is not closed after Close returned")
	}
	// The stream ended.
	for {
		if _, ok := events.next(); !ok {
			break
		}
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	// No rebuild after Close, even when files change.
	n := s.Rebuilds()
	writeFile(t, dir, "content/briefs/alpha.md", "+++\ntitle = \"After close\"\ndate = 2026-06-01T00:00:00Z\n+++\nText.\n")
	time.Sleep(waitQuiet)
	if s.Rebuilds() != n {
		t.Errorf("the server rebuilt after Close")
	}
}

// TestCloseConcurrent calls Close from several goroutines at once.
func TestCloseConcurrent(t *testing.T) {
	s := start(t, newSite(t), nil)
	s.connectEvents().expect("hello")
	errs := make(chan error, 3)
	for range 3 {
		go func() { errs <- s.Close() }()
	}
	for range 3 {
		select {
		case err := <-errs:
			if err != nil {
				t.Errorf("Close: %v", err)
			}
		case <-time.After(waitClose):
			t.Fatalf("Close did not return within %v", waitClose)
		}
	}
	<-s.Done()
}

// TestStartCanceled: a server started with a context that is already
// canceled, as when Ctrl-C comes during the first build, still answers
// (with the error page) until it is closed, rather than crash on a request.
func TestStartCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	log := &logBuffer{}
	s, err := Start(ctx, Options{Source: newSite(t), Host: "127.0.0.1", LiveReload: true, Log: log})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	defer s.Close()
	resp, err := http.Get(s.URL)
	if err != nil {
		t.Fatalf("GET %s: %v", s.URL, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("GET %s: %d, want the site or the error page", s.URL, resp.StatusCode)
	}
}
