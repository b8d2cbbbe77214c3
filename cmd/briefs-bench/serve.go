package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// pollEvery is how often a page is fetched while waiting for it.
const pollEvery = 2 * time.Millisecond

// server is a preview server running as a child process.
type server struct {
	cmd  *exec.Cmd
	out  syncBuffer
	base string // "http://127.0.0.1:port/"
}

// freePort returns a TCP port that nothing listens on right now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startServer starts the server of argv, whose port is port, and returns
// it with the time it was started.
func startServer(argv []string, port int) (*server, time.Time, error) {
	s := &server{base: "http://127.0.0.1:" + strconv.Itoa(port) + "/"}
	s.cmd = exec.Command(argv[0], argv[1:]...)
	s.cmd.Stdout, s.cmd.Stderr = &s.out, &s.out
	began := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, began, err
	}
	return s, began, nil
}

// stop interrupts the server, as Ctrl-C does, and waits for it to end.
func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

// waitPage fetches the page at url until it answers 200 OK with a body that
// holds want, and returns when it first did.
func waitPage(ctx context.Context, url, want string, timeout time.Duration) (time.Time, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: false, MaxIdleConnsPerHost: 4}}
	defer client.CloseIdleConnections()
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		if resp, err := client.Do(req); err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && bytes.Contains(body, []byte(want)) {
				return time.Now(), nil
			}
		}
		select {
		case <-ctx.Done():
			return time.Time{}, fmt.Errorf("%s did not serve %q within %v", url, want, timeout)
		case <-time.After(pollEvery):
		}
	}
}

// reloadEvent is the part of a briefs live-reload event the benchmark reads.
type reloadEvent struct {
	Kind  string   `json:"kind"`
	Paths []string `json:"paths"`
	at    time.Time
}

// events opens the live-reload event stream of a briefs preview server
// and delivers its events until ctx ends. It returns once the server has
// greeted the stream.
func events(ctx context.Context, base string) (<-chan reloadEvent, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"__briefs/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("%s: %s", req.URL, resp.Status)
	}
	ch := make(chan reloadEvent, 16)
	hello := make(chan struct{})
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		greeted := false
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data:")
			if !ok {
				continue
			}
			var e reloadEvent
			if json.Unmarshal([]byte(strings.TrimSpace(data)), &e) != nil {
				continue
			}
			e.at = time.Now()
			if !greeted {
				greeted = true
				close(hello)
			}
			select {
			case ch <- e:
			default: // nobody waits for this one
			}
		}
	}()
	select {
	case <-hello:
		return ch, nil
	case <-time.After(time.Minute):
		return nil, fmt.Errorf("%s: no event within a minute", req.URL)
	}
}

// waitReload waits for a reload event that names page, sent after since,
// and returns when it arrived.
func waitReload(ch <-chan reloadEvent, page string, since time.Time, timeout time.Duration) (time.Time, error) {
	deadline := time.After(timeout)
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				return time.Time{}, fmt.Errorf("the event stream ended")
			}
			if e.Kind == "reload" && e.at.After(since) && (contains(e.Paths, "*") || contains(e.Paths, page)) {
				return e.at, nil
			}
		case <-deadline:
			return time.Time{}, fmt.Errorf("no reload event for %s within %v", page, timeout)
		}
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// serveResult holds the measurements of one session of a preview server.
type serveResult struct {
	start  time.Duration   // start → first 200 of the home page
	served []time.Duration // save → the edited page served with the edit
	reload []time.Duration // save → reload event (briefs only)
}

// Timeouts of a serve session, generous: on a busy machine Hugo takes
// minutes to start on a large site, and a timeout would end the whole run.
const (
	startTimeout = 15 * time.Minute
	editTimeout  = 5 * time.Minute
	// editPause lets a server finish the work it defers after an edit
	// before the next one, as an editor's saves are seconds apart.
	editPause = 300 * time.Millisecond
)

// serveSession starts a preview server with argv (which must listen on
// port), measures its start, then appends a unique word to the brief file
// at path edits times and measures each save until page shows it. The
// file is restored at the end. sse says whether to follow briefs' live
// reload events too.
func serveSession(ctx context.Context, argv []string, port int, file, page string, edits int, sse bool) (serveResult, error) {
	var res serveResult
	orig, err := os.ReadFile(file)
	if err != nil {
		return res, err
	}
	defer os.WriteFile(file, orig, 0o644)

	srv, began, err := startServer(argv, port)
	if err != nil {
		return res, err
	}
	defer srv.stop()
	ready, err := waitPage(ctx, srv.base, "</html>", startTimeout)
	if err != nil {
		return res, fmt.Errorf("%s: %w\n%s", strings.Join(argv, " "), err, tail(srv.out.String(), 20))
	}
	res.start = ready.Sub(began)

	var ch <-chan reloadEvent
	if sse {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		if ch, err = events(ctx, srv.base); err != nil {
			return res, err
		}
	}
	for k := range edits {
		time.Sleep(editPause)
		word := fmt.Sprintf("benchedit%d%d", time.Now().UnixNano(), k)
		edited := append(append([]byte(nil), orig...), "\nEdited: "+word+".\n"...)
		saved := time.Now()
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			return res, err
		}
		served, err := waitPage(ctx, srv.base+strings.TrimPrefix(page, "/"), word, editTimeout)
		if err != nil {
			return res, fmt.Errorf("%w\n%s", err, tail(srv.out.String(), 20))
		}
		res.served = append(res.served, served.Sub(saved))
		if ch != nil {
			at, err := waitReload(ch, page, saved, editTimeout)
			if err != nil {
				return res, err
			}
			res.reload = append(res.reload, at.Sub(saved))
		}
	}
	return res, nil
}

// syncBuffer is a bytes.Buffer that a child process may write to while
// the benchmark reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
