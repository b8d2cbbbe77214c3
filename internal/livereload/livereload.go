// Package livereload tells preview browsers over server-sent events when to reload, restyle or show build errors.
package livereload

import (
	_ "embed"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	// EventsPath is the server-sent-events endpoint the script connects to.
	EventsPath = "/__briefs/events"
	// ScriptPath serves the browser script that Inject links to.
	ScriptPath = "/__briefs/livereload.js"
)

// script is the browser side; it hard-codes EventsPath.
//
//go:embed livereload.js
var script string

// Event is one message to the browsers, sent as JSON in an SSE "data:" line.
type Event struct {
	// Kind is "hello", "reload", "css", "error" or "ok".
	Kind string `json:"kind"`
	// Build is the generation of the last successful build.
	Build int64 `json:"build"`
	// Paths are, for "reload", the URL paths of pages whose bytes changed
	// ("*" means every page) and, for "css", the URL paths of the
	// stylesheets that changed.
	Paths []string `json:"paths,omitempty"`
	// Errors are the build's errors, for "error".
	Errors []Problem `json:"errors,omitempty"`
	// Since is set in a "hello" to a client that named the build its page
	// came from (EventsPath?since=build): the URL paths of the pages and
	// stylesheets that changed after that build, sorted; "*" when the
	// broker cannot tell. A page not listed is current.
	Since []string `json:"since,omitzero"`
}

// Problem is one build error as the overlay shows it.
type Problem struct {
	Pos     string       `json:"pos"` // "content/briefs/x.md:3:9"; may be empty
	Message string       `json:"message"`
	Lines   []SourceLine `json:"lines,omitempty"` // a few source lines around Pos
}

// SourceLine is one numbered line of source shown with a Problem.
type SourceLine struct {
	N     int    `json:"n"`
	Text  string `json:"text"`
	Focus bool   `json:"focus,omitempty"` // the line the problem is on
}

// Options configures a Broker.
type Options struct {
	// MaxClients limits the open event streams; 0 means 64. Over the limit
	// the events endpoint answers 503 Service Unavailable with a
	// Retry-After, and the script tries again later.
	MaxClients int
	// Heartbeat is how often an idle stream gets a comment line, so that
	// a browser that went away is noticed by a failing write; 0 means 15s.
	Heartbeat time.Duration
}

const (
	defaultMaxClients = 64
	heartbeat         = 15 * time.Second
	// clientBuffer is how many events may wait for one browser. A client
	// that falls this far behind is disconnected rather than fed a gap: its
	// EventSource reconnects and gets the current state in the hello.
	clientBuffer = 16
	// writeTimeout bounds one write to a browser, so a stuck connection
	// cannot hold up Close for long.
	writeTimeout = 10 * time.Second
	// retryAfter is the Retry-After, in seconds, of a refused stream.
	retryAfter = "5"
	// historySize is how many reload and css events the broker remembers
	// to tell a reconnecting page what changed since its build.
	historySize = 64
)

// A Broker fans Events out to the connected browsers and serves the script.
// Create it with NewBroker and stop it with Close.
type Broker struct {
	maxClients int
	heartbeat  time.Duration

	mu      sync.Mutex
	clients map[*client]struct{}
	build   int64  // Build of the last published event
	state   []byte // the last "error" or "ok" event, encoded; nil before the first
	// history holds the last reload and css events, oldest first: every
	// one after build known, the lowest build whose later changes the
	// broker can list. started is set by the first Publish.
	history []change
	known   int64
	started bool
	closed  bool
	done    chan struct{}  // closed by Close
	streams sync.WaitGroup // running event handlers; Add only under mu while !closed
}

// change is a published reload or css event.
type change struct {
	build int64
	paths []string
}

// client is one open event stream.
type client struct {
	events chan []byte   // encoded SSE messages
	kicked chan struct{} // closed when Publish gives up on a slow client
}

// NewBroker returns a Broker with no clients.
func NewBroker(opts Options) *Broker {
	maxClients := opts.MaxClients
	if maxClients <= 0 {
		maxClients = defaultMaxClients
	}
	beat := opts.Heartbeat
	if beat <= 0 {
		beat = heartbeat
	}
	return &Broker{
		maxClients: maxClients,
		heartbeat:  beat,
		clients:    make(map[*client]struct{}),
		done:       make(chan struct{}),
	}
}

// ServeHTTP serves the event stream at EventsPath and the script at
// ScriptPath, and answers 404 Not Found to anything else.
func (b *Broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case EventsPath:
		b.serveEvents(w, r)
	case ScriptPath:
		serveScript(w, r)
	default:
		http.NotFound(w, r)
	}
}

func serveScript(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		return
	}
	io.WriteString(w, script)
}

func (b *Broker) serveEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if crossOrigin(r) {
		// Another site's page may send requests here but cannot read the
		// answers; it must not hold a stream slot either.
		http.Error(w, "live reload serves this site's own pages only", http.StatusForbidden)
		return
	}
	since, err := strconv.ParseInt(r.URL.Query().Get("since"), 10, 64)
	c, msg := b.connect(since, err == nil)
	if c == nil {
		// The script reconnects after a while; a browser's EventSource
		// alone gives up on any status but 200.
		w.Header().Set("Retry-After", retryAfter)
		http.Error(w, msg, http.StatusServiceUnavailable)
		return
	}
	defer b.disconnect(c)

	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	// A server's WriteTimeout would cut the stream; each write gets its own
	// deadline instead, cleared for whatever the connection serves next.
	defer rc.SetWriteDeadline(time.Time{})
	send := func(msg string) bool {
		rc.SetWriteDeadline(time.Now().Add(writeTimeout)) // not every writer supports deadlines
		if _, err := io.WriteString(w, msg); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 1000\n\n") {
		return
	}
	ping := time.NewTicker(b.heartbeat)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-b.done:
			return
		case <-c.kicked:
			return
		case msg := <-c.events:
			if !send(string(msg)) {
				return
			}
		case <-ping.C:
			if !send(": ping\n\n") {
				return
			}
		}
	}
}

// crossOrigin reports whether r comes from a page of another origin, as
// browsers say in Sec-Fetch-Site and Origin. Clients that send neither, such
// as curl, are not browsers on another site.
func crossOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default: // "same-site" is another port or subdomain: another origin
		return true
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	u, err := url.Parse(origin)
	return err != nil || !strings.EqualFold(u.Host, r.Host)
}

// connect registers a new client and queues its hello and the remembered
// state; the hello says what changed after build since when hasSince. It
// returns nil and the reason when the stream must be refused.
func (b *Broker) connect(since int64, hasSince bool) (*client, string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, "live reload is shut down"
	}
	if len(b.clients) >= b.maxClients {
		return nil, "too many live reload clients"
	}
	c := &client{events: make(chan []byte, clientBuffer), kicked: make(chan struct{})}
	// Queued under mu, so no Publish can come between hello and state.
	hello := Event{Kind: "hello", Build: b.build}
	if hasSince {
		hello.Since = b.changedSince(since)
	}
	c.events <- encode(hello)
	if b.state != nil {
		c.events <- b.state
	}
	b.clients[c] = struct{}{}
	b.streams.Add(1)
	return c, ""
}

func (b *Broker) disconnect(c *client) {
	b.mu.Lock()
	delete(b.clients, c)
	b.mu.Unlock()
	b.streams.Done()
}

// Publish sends ev to every connected client and records ev.Build as the
// current build; an "error" or "ok" event is also remembered for clients
// that connect later. Publish never waits for a client: one whose buffer is
// full is disconnected, and its browser reconnects to the current state.
func (b *Broker) Publish(ev Event) {
	msg := encode(ev)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.build = ev.Build
	if ev.Kind == "error" || ev.Kind == "ok" {
		b.state = msg
	}
	b.remember(ev)
	for c := range b.clients {
		select {
		case c.events <- msg:
		default:
			delete(b.clients, c)
			close(c.kicked)
		}
	}
}

// remember adds ev to the history when it changed pages or stylesheets.
// Called with mu held.
func (b *Broker) remember(ev Event) {
	if !b.started {
		b.started, b.known = true, ev.Build
	}
	if ev.Kind != "reload" && ev.Kind != "css" {
		return
	}
	if len(b.history) == historySize {
		// The changes of the oldest build are forgotten: a page from
		// before it can no longer be told what changed.
		b.known = b.history[0].build
		b.history = slices.Delete(b.history, 0, 1)
	}
	b.history = append(b.history, change{ev.Build, slices.Clone(ev.Paths)})
}

// changedSince returns the URL paths that reload and css events listed
// after build since, sorted, or "*" when the history does not reach back
// to it or since is not a build of this broker. Called with mu held.
func (b *Broker) changedSince(since int64) []string {
	if !b.started || since < b.known || since > b.build {
		return []string{"*"}
	}
	paths := []string{}
	for _, ch := range b.history {
		if ch.build > since {
			paths = append(paths, ch.paths...)
		}
	}
	if slices.Contains(paths, "*") {
		return []string{"*"}
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

// Clients returns the number of open event streams.
func (b *Broker) Clients() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.clients)
}

// Close ends every open event stream, waits for their handlers to return,
// and makes the events endpoint refuse new streams. Close is idempotent.
func (b *Broker) Close() {
	b.mu.Lock()
	if !b.closed {
		b.closed = true
		close(b.done)
	}
	b.mu.Unlock()
	b.streams.Wait()
}

// encode formats ev as one SSE message. JSON never contains a raw newline,
// so a single data line suffices.
func encode(ev Event) []byte {
	data, err := json.Marshal(ev)
	if err != nil {
		// Event holds only strings, numbers and booleans.
		panic("livereload: " + err.Error())
	}
	msg := make([]byte, 0, len(data)+8)
	msg = append(msg, "data: "...)
	msg = append(msg, data...)
	msg = append(msg, "\n\n"...)
	return msg
}
