// Package serve is the preview server: it builds a site into memory, serves it, rebuilds on every change and tells browsers to reload.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"net"
	"net/http"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/livereload"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/sitefs"
	"github.com/briefs-dev/briefs/internal/watch"
)

// Options configures a Server.
type Options struct {
	Source string // the site's folder
	// Host is the address to listen on; default 127.0.0.1. Any other
	// than a loopback address makes the preview, drafts included,
	// readable from the network.
	Host string
	Port int // 0 picks a free port
	// AllowedHosts are more names, without a port, that browsers may use
	// for this server in the Host header, such as "mylaptop.lan"; see
	// allowedHost for the ones always allowed.
	AllowedHosts []string
	Drafts       bool
	Future       bool
	LiveReload   bool
	// CacheDir is the folder of processed photos; empty means the site's
	// [images] cache_dir, else the user's cache folder.
	CacheDir string
	// Log receives one line per rebuild and each distinct set of errors.
	Log io.Writer
	// Debounce is the watcher's quiet period; 0 means 10ms: an editor's
	// save (write, rename, chmod) comes in well under that, and the wait is
	// part of every reload. A save of one file that looks complete (it
	// exists and is not empty) ends its batch after a quarter of it.
	Debounce time.Duration
	// Now returns the build time; nil means time.Now.
	Now func() time.Time
	// Limits bound what a client may take from the server; zero fields
	// get the defaults of DefaultLimits.
	Limits Limits
}

// Limits bound the server's connections, so that a client that sends its
// request slowly, stops reading, or opens stream after stream cannot tie
// the server up.
type Limits struct {
	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout are
	// those of http.Server. WriteTimeout does not apply to live-reload
	// event streams, which give each event its own deadline.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	// EventStreams is how many live-reload streams may be open at once;
	// more are refused with 503 Service Unavailable and a Retry-After.
	EventStreams int
	// Heartbeat is how often an idle event stream gets a comment line: a
	// browser that went away shows as a failing write and frees its slot.
	Heartbeat time.Duration
}

// DefaultLimits are the Limits of a server whose Options leave them zero.
// Pages come from memory, so writes are quick; a minute still lets a phone
// on a slow network fetch a large photo or search index.
var DefaultLimits = Limits{
	ReadHeaderTimeout: 10 * time.Second,
	ReadTimeout:       30 * time.Second,
	WriteTimeout:      time.Minute,
	IdleTimeout:       2 * time.Minute,
	EventStreams:      64,
	Heartbeat:         15 * time.Second,
}

// withDefaults returns l with each zero field set from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	for _, f := range []struct {
		v   *time.Duration
		def time.Duration
	}{
		{&l.ReadHeaderTimeout, d.ReadHeaderTimeout},
		{&l.ReadTimeout, d.ReadTimeout},
		{&l.WriteTimeout, d.WriteTimeout},
		{&l.IdleTimeout, d.IdleTimeout},
		{&l.Heartbeat, d.Heartbeat},
	} {
		if *f.v <= 0 {
			*f.v = f.def
		}
	}
	if l.EventStreams <= 0 {
		l.EventStreams = d.EventStreams
	}
	return l
}

// Server is a running preview server. Create it with Start, stop it with
// Close.
type Server struct {
	// URL is the site's address, e.g. "http://127.0.0.1:1313/".
	URL string

	opts     Options
	fsys     fs.FS // the site, through an os.Root
	builder  *build.Builder
	broker   *livereload.Broker
	watcher  *watch.Watcher
	ln       net.Listener
	port     string // the port Host headers must name
	names    map[string]bool
	http     *http.Server
	state    atomic.Pointer[snapshot]
	builds   atomic.Int64 // rebuilds attempted, for tests and logs
	gens     atomic.Int64 // snapshots numbered, a rebuild may publish two
	epoch    int64        // added to build numbers: unique across restarts
	done     chan struct{}
	closeErr error
	once     sync.Once

	rebuilding sync.Mutex // held by rebuild: the builder runs one build at a time
	lastErrors string     // the errors last printed, to print each set once; under rebuilding
	// retry holds the changes of the builds that failed since the last
	// good one, built again with the next batch: a build that succeeds
	// without them (a broken template, say, and an edit of a brief) would
	// hide an error that is still there. Under rebuilding.
	retry []string
	// due is when the site shown changes by itself, a scheduled brief
	// going live or a live one expiring: the watch loop builds again
	// then. Zero when nothing is scheduled. Under rebuilding.
	due time.Time
}

// snapshot is one successful build as served: replaced whole, never
// modified, so a request sees one build or the next, never a mix.
type snapshot struct {
	files map[string][]byte
	// over holds files that replace those of files: the pages of edited
	// briefs, published before the rest of their build.
	over     map[string][]byte
	basePath string
	build    int64
	failed   bool // no good build yet: serve the error page
	// unpublished are the briefs the preview does not show, by the output
	// file of their page: their URLs say why (hidden.go).
	unpublished map[string]hiddenBrief
}

// file returns the served bytes of an output file.
func (s *snapshot) file(name string) ([]byte, bool) {
	if data, ok := s.over[name]; ok {
		return data, true
	}
	data, ok := s.files[name]
	return data, ok
}

// ErrPortInUse is returned by Start when the port is taken.
var ErrPortInUse = errors.New("port is in use")

// Start builds the site, starts watching it and serves it. A build that
// fails does not stop the server: it serves the errors until they are fixed.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.Host == "" {
		opts.Host = "127.0.0.1"
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Debounce == 0 {
		opts.Debounce = 10 * time.Millisecond
	}
	for _, h := range opts.AllowedHosts {
		if err := CheckAllowedHost(h); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Host, strconv.Itoa(opts.Port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("%s:%d: %w: stop the other server or choose another port with --port", opts.Host, opts.Port, ErrPortInUse)
		}
		if errors.Is(err, syscall.EADDRNOTAVAIL) {
			return nil, fmt.Errorf("%s is not an address of this machine: %w", opts.Host, err)
		}
		return nil, err
	}
	opts.Limits = opts.Limits.withDefaults()
	s := &Server{opts: opts, ln: ln, done: make(chan struct{}), epoch: time.Now().UnixMicro()}
	addr := ln.Addr().(*net.TCPAddr)
	s.port = strconv.Itoa(addr.Port)
	s.names = hostNames(opts)
	host := opts.Host
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	origin := "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port))
	s.broker = livereload.NewBroker(livereload.Options{MaxClients: opts.Limits.EventStreams, Heartbeat: opts.Limits.Heartbeat})
	// The system refuses every path that would leave the site, symbolic
	// links included.
	fsys, closeSite, err := sitefs.Open(opts.Source)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("opening the site: %w", err)
	}
	s.fsys = fsys
	// The preview's base URL keeps the configured sub-path, so links work
	// the same as on the real host.
	s.builder = build.New(build.Options{
		FS: fsys, Drafts: opts.Drafts, Future: opts.Future, Origin: origin, Preview: true, Now: opts.Now,
		Defer: true, SiteDir: opts.Source, CacheDir: opts.CacheDir,
	})
	s.rebuild(ctx, nil)
	s.URL = origin + s.state.Load().basePath

	watched := append(slices.Clone(build.Folders), config.FileName)
	s.watcher, err = watch.New(watch.Options{Root: opts.Source, Paths: watched, Debounce: opts.Debounce})
	if err != nil {
		ln.Close()
		closeSite()
		return nil, fmt.Errorf("watching %s: %w", opts.Source, err)
	}
	s.http = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: opts.Limits.ReadHeaderTimeout,
		ReadTimeout:       opts.Limits.ReadTimeout,
		WriteTimeout:      opts.Limits.WriteTimeout,
		IdleTimeout:       opts.Limits.IdleTimeout,
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(opts.Log, "serve: %v\n", err)
		}
	}()
	go func() {
		defer wg.Done()
		s.watchLoop(ctx)
	}()
	go func() {
		wg.Wait()
		closeSite()
		close(s.done)
	}()
	return s, nil
}

// CheckAllowedHost reports whether name can be one of Options.AllowedHosts:
// a host name or IP address, without a port.
func CheckAllowedHost(name string) error {
	if net.ParseIP(strings.Trim(name, "[]")) != nil {
		return nil
	}
	if _, port, err := net.SplitHostPort(name); err == nil && port != "" && strings.Trim(port, "0123456789") == "" {
		return fmt.Errorf("allowed host %q has a port: give the name alone", name)
	}
	valid := name != "" && len(name) <= 253 && !strings.HasPrefix(name, ".") && !strings.Contains(name, "..")
	for _, r := range name {
		valid = valid && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == '_')
	}
	if !valid {
		return fmt.Errorf("allowed host %q is not a host name", name)
	}
	return nil
}

// watchLoop rebuilds on every batch of changes until the watcher closes,
// and when a scheduled brief goes live or a live one expires, so that the
// preview shows the site as it is at every moment.
func (s *Server) watchLoop(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		timer.Reset(s.untilDue())
		select {
		case batch, ok := <-s.watcher.Batches():
			if !ok {
				return
			}
			s.rebuild(ctx, batch)
		case err, ok := <-s.watcher.Errors():
			if ok {
				s.watchError(ctx, err)
			}
		case <-timer.C:
			if s.untilDue() == 0 {
				fmt.Fprintf(s.opts.Log, "The schedule changed what the site shows: building again\n")
				s.rebuild(ctx, []string{}) // no file changed: the time did
			}
		}
	}
}

// untilDue returns how long until the site changes by itself, or a day
// when nothing is scheduled (the timer then fires for nothing, which
// keeps one code path).
func (s *Server) untilDue() time.Duration {
	s.rebuilding.Lock()
	due := s.due
	s.rebuilding.Unlock()
	if due.IsZero() {
		return 24 * time.Hour
	}
	return max(0, due.Sub(s.now()))
}

// now is the time of the preview's builds.
func (s *Server) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// watchError reports an error of the watcher. After an overflow some
// changes went unreported, so the site is built again from every file.
func (s *Server) watchError(ctx context.Context, err error) {
	fmt.Fprintf(s.opts.Log, "watch: %v\n", err)
	if errors.Is(err, watch.ErrOverflow) {
		fmt.Fprintf(s.opts.Log, "reading every file of the site again\n")
		s.rebuild(ctx, nil)
	}
}

// Rebuilds returns how many builds the server has run, the first included.
func (s *Server) Rebuilds() int64 { return s.builds.Load() }

// rebuild runs a build and publishes the result: the new snapshot and a
// reload event, or the errors with the previous snapshot kept. When the
// builder renders edited briefs' pages ahead of the rest, they are
// published first, with a reload event of their own.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	s.rebuilding.Lock()
	defer s.rebuilding.Unlock()
	s.builds.Add(1)
	if changed != nil && len(s.retry) > 0 {
		changed = union(s.retry, changed)
	}
	before := s.state.Load()
	var early *snapshot
	res, err := s.builder.Rebuild(ctx, changed, func(pages map[string][]byte) {
		early = s.publishPages(pages)
	})
	prev := s.state.Load() // early, when published
	if err != nil {
		s.retry = changed // nil after a full build: the next one reads what it needs
		if prev == nil {
			// Every request needs a snapshot, even when the first build
			// did not finish.
			s.state.Store(&snapshot{failed: true, files: map[string][]byte{}, basePath: "/"})
		}
		if ctx.Err() != nil {
			return
		}
		problems := s.problems(err)
		var text strings.Builder
		for _, p := range problems {
			if p.Pos != "" {
				text.WriteString(p.Pos + ": ")
			}
			text.WriteString(p.Message + "\n")
		}
		if text.String() != s.lastErrors {
			fmt.Fprintf(s.opts.Log, "%sbuild failed: %d error(s); the last good site is still served\n", text.String(), len(problems))
			s.lastErrors = text.String()
		}
		var last int64
		if prev != nil {
			last = prev.build
		}
		s.broker.Publish(livereload.Event{Kind: "error", Build: last, Errors: problems})
		return
	}
	s.retry = nil
	s.due = res.NextChange()
	gen := s.nextBuild()
	next := &snapshot{files: res.Files, basePath: site.BasePath(res.Config.BaseURL), build: gen, unpublished: hiddenBriefs(res.Site, s.opts)}
	wasBroken := s.lastErrors != ""
	s.lastErrors = ""
	var events []livereload.Event
	if wasBroken || before == nil || before.failed {
		events = append(events, livereload.Event{Kind: "ok", Build: gen})
	}
	if before != nil && before.failed {
		events = append(events, livereload.Event{Kind: "reload", Build: gen, Paths: []string{"*"}})
	} else if ev, ok := reloadEvent(next.basePath, early.unchanged(res.Changed, res.Files), res.Removed); ok && before != nil {
		ev.Build = gen
		events = append(events, ev)
	}
	if len(events) == 0 {
		next.build = prev.build // nothing a page shows changed: pages keep their build
	}
	s.state.Store(next)
	for _, ev := range events {
		s.broker.Publish(ev)
	}
	// The pages are served; now the slow files no page embeds.
	if files, _, err := s.builder.Finish(ctx); err != nil {
		fmt.Fprintf(s.opts.Log, "search index: %v\n", err)
	} else if files != nil {
		done := *next
		done.files = files
		s.state.Store(&done)
	}
	if changed == nil && before == nil {
		noun := "briefs"
		if res.Briefs == 1 {
			noun = "brief"
		}
		fmt.Fprintf(s.opts.Log, "Built %d %s, %d pages in %s\n", res.Briefs, noun, res.Pages, res.Duration.Round(time.Millisecond))
		return
	}
	fmt.Fprintf(s.opts.Log, "Rebuilt in %s: %d brief(s) parsed, %d file(s) changed\n", res.Duration.Round(time.Millisecond), res.Parsed, len(res.Changed)+len(res.Removed))
}

// nextBuild returns a new build number: unique across restarts, growing.
func (s *Server) nextBuild() int64 { return s.epoch + s.gens.Add(1) }

// publishPages serves the pages of edited briefs, rendered before the rest
// of their build, over the current snapshot and tells the browsers showing
// them to reload. It returns the snapshot, or nil when the build's result
// is to tell everything: while the site is broken, an "ok" must come first.
func (s *Server) publishPages(pages map[string][]byte) *snapshot {
	cur := s.state.Load()
	if cur == nil || cur.failed || s.lastErrors != "" {
		return nil
	}
	paths := make([]string, 0, len(pages))
	over := make(map[string][]byte, len(cur.over)+len(pages))
	for p, data := range cur.over {
		over[p] = data
	}
	for p, data := range pages {
		paths = append(paths, p)
		over[p] = data
	}
	ev, ok := reloadEvent(cur.basePath, paths, nil)
	if !ok {
		return nil
	}
	snap := &snapshot{files: cur.files, over: over, basePath: cur.basePath, build: s.nextBuild(), unpublished: cur.unpublished}
	ev.Build = snap.build
	s.state.Store(snap)
	s.broker.Publish(ev)
	return snap
}

// unchanged returns the paths of changed whose bytes in files differ from
// those early published: browsers reloaded those already. early may be nil.
func (early *snapshot) unchanged(changed []string, files map[string][]byte) []string {
	if early == nil {
		return changed
	}
	out := make([]string, 0, len(changed))
	for _, p := range changed {
		if data, ok := early.over[p]; ok && bytes.Equal(data, files[p]) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// union returns the paths in a or b, sorted, each once.
func union(a, b []string) []string {
	out := append(append(make([]string, 0, len(a)+len(b)), a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// reloadEvent says what browsers must do about changed output files: swap
// stylesheets when only CSS changed, else reload the pages that changed, or
// every page when something they embed (an image, a script) changed.
func reloadEvent(basePath string, changed, removed []string) (livereload.Event, bool) {
	var pages, css []string
	all := false
	for _, p := range append(append([]string(nil), changed...), removed...) {
		switch ext := path.Ext(p); {
		case ext == ".html":
			u := basePath + strings.TrimSuffix(p, "index.html")
			pages = append(pages, u)
		case ext == ".css":
			css = append(css, basePath+p)
		case ext == ".xml" || ext == ".json" || ext == ".txt" || path.Base(p) == images.CardName:
			// Feeds, sitemaps, robots.txt and drawn social cards: no page
			// shows them.
		default:
			all = true
		}
	}
	switch {
	case all:
		return livereload.Event{Kind: "reload", Paths: []string{"*"}}, true
	case len(pages) > 0:
		sort.Strings(pages)
		return livereload.Event{Kind: "reload", Paths: pages}, true
	case len(css) > 0:
		return livereload.Event{Kind: "css", Paths: css}, true
	}
	return livereload.Event{}, false
}

// problems turns a build error into the overlay's problems, with the
// source lines around each position.
func (s *Server) problems(err error) []livereload.Problem {
	var list diag.List
	if !errors.As(err, &list) {
		return []livereload.Problem{{Message: err.Error()}}
	}
	list.Sort()
	files := map[string][]byte{}
	var out []livereload.Problem
	for _, e := range list {
		p := livereload.Problem{Pos: e.Pos.String(), Message: e.Msg}
		if e.Pos.File != "" && e.Pos.Line > 0 {
			src, ok := files[e.Pos.File]
			if !ok {
				src, _ = fs.ReadFile(s.fsys, e.Pos.File)
				files[e.Pos.File] = src
			}
			for _, l := range diag.Excerpt(src, e.Pos.Line, 2) {
				p.Lines = append(p.Lines, livereload.SourceLine{N: l.N, Text: l.Text, Focus: l.Focus})
			}
		}
		out = append(out, p)
	}
	return out
}

func etag(data []byte) string {
	h := fnv.New64a()
	h.Write(data)
	return fmt.Sprintf(`"%x"`, h.Sum64())
}

// Close stops the server: open event streams end, in-flight requests
// finish (for up to five seconds), the watcher stops.
func (s *Server) Close() error {
	s.once.Do(func() {
		s.broker.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := s.http.Shutdown(ctx)
		err2 := s.watcher.Close()
		<-s.done
		s.closeErr = errors.Join(err, err2)
	})
	return s.closeErr
}

// Addr is the address the server listens on, e.g. 0.0.0.0:1313.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Done is closed when the server has stopped.
func (s *Server) Done() <-chan struct{} { return s.done }
