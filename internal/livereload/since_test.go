package livereload

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// hello connects to the events endpoint with query and returns the hello.
func hello(t *testing.T, url, query string) Event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url+EventsPath+query, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			var ev Event
			if err := json.Unmarshal([]byte(data), &ev); err != nil {
				t.Fatalf("bad event %q: %v", data, err)
			}
			if ev.Kind != "hello" {
				t.Fatalf("first event %+v, want a hello", ev)
			}
			return ev
		}
	}
	t.Fatalf("the stream ended before the hello: %v", sc.Err())
	return Event{}
}

// TestHelloSince checks what the hello tells a page that names its build:
// the pages and stylesheets that changed after it, or "*" when the broker
// cannot tell.
func TestHelloSince(t *testing.T) {
	b := NewBroker(Options{})
	srv := serve(t, b)
	for _, ev := range []Event{
		{Kind: "ok", Build: 10},
		{Kind: "reload", Build: 11, Paths: []string{"/a/", "/"}},
		{Kind: "css", Build: 12, Paths: []string{"/s.css"}},
		{Kind: "error", Build: 12, Errors: []Problem{{Message: "broken"}}},
		{Kind: "reload", Build: 13, Paths: []string{"/b/", "/a/"}},
		{Kind: "ok", Build: 13},
	} {
		b.Publish(ev)
	}
	tests := []struct {
		query string
		want  []string // nil: no since in the hello
	}{
		{"", nil},
		{"?since=abc", nil},
		{"?since=13", []string{}},
		{"?since=12", []string{"/a/", "/b/"}},
		{"?since=11", []string{"/a/", "/b/", "/s.css"}},
		{"?since=10", []string{"/", "/a/", "/b/", "/s.css"}},
		{"?since=9", []string{"*"}},  // before the first build it knows
		{"?since=14", []string{"*"}}, // a build it never made
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			ev := hello(t, srv.URL, tt.query)
			if ev.Build != 13 {
				t.Errorf("hello build = %d, want 13", ev.Build)
			}
			if (ev.Since == nil) != (tt.want == nil) || !slices.Equal(ev.Since, tt.want) {
				t.Errorf("hello%s: since = %#v, want %#v", tt.query, ev.Since, tt.want)
			}
		})
	}
}

// TestHelloSinceForgets checks that a page older than the history the
// broker keeps, or one after a reload of every page, is told "*".
func TestHelloSinceForgets(t *testing.T) {
	tests := []struct {
		name   string
		events []Event
		since  int64
		want   []string
	}{
		{
			name:   "every page reloaded",
			events: []Event{{Kind: "ok", Build: 1}, {Kind: "reload", Build: 2, Paths: []string{"*"}}, {Kind: "reload", Build: 3, Paths: []string{"/a/"}}},
			since:  1,
			want:   []string{"*"},
		},
		{
			name:   "after the reload of every page",
			events: []Event{{Kind: "ok", Build: 1}, {Kind: "reload", Build: 2, Paths: []string{"*"}}, {Kind: "reload", Build: 3, Paths: []string{"/a/"}}},
			since:  2,
			want:   []string{"/a/"},
		},
		{
			name:   "history full",
			events: reloads(historySize + 2), // the changes of build 2 forgotten
			since:  1,
			want:   []string{"*"},
		},
		{
			name:   "oldest build still known",
			events: reloads(historySize + 2),
			since:  2,
			want:   pages(3, historySize+2),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBroker(Options{})
			srv := serve(t, b)
			for _, ev := range tt.events {
				b.Publish(ev)
			}
			ev := hello(t, srv.URL, fmt.Sprintf("?since=%d", tt.since))
			if !slices.Equal(ev.Since, tt.want) {
				t.Errorf("since %d: %q, want %q", tt.since, ev.Since, tt.want)
			}
		})
	}
}

// reloads returns n reload events of builds 1 to n, build i reloading
// page /p<i>/.
func reloads(n int) []Event {
	var evs []Event
	for i := 1; i <= n; i++ {
		evs = append(evs, Event{Kind: "reload", Build: int64(i), Paths: []string{fmt.Sprintf("/p%d/", i)}})
	}
	return evs
}

// pages returns the sorted paths of reloads(n) from build lo to hi.
func pages(lo, hi int) []string {
	var out []string
	for i := lo; i <= hi; i++ {
		out = append(out, fmt.Sprintf("/p%d/", i))
	}
	slices.Sort(out)
	return out
}
