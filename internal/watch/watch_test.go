package watch

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

const (
	waitBatch   = 5 * time.Second        // how long an expected batch may take
	waitNothing = 300 * time.Millisecond // how long to wait before concluding nothing came
	debounce    = 50 * time.Millisecond
)

// start writes files (slash path → content; a path ending in "/" is a
// folder) under a new temporary root and starts a Watcher on it.
func start(t *testing.T, files map[string]string, opts Options) (*Watcher, string) {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		if strings.HasSuffix(name, "/") {
			mkdir(t, root, name)
			continue
		}
		write(t, root, name, data)
	}
	opts.Root = root
	if opts.Debounce == 0 {
		opts.Debounce = debounce
	}
	w, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { w.Close() })
	return w, root
}

func write(t *testing.T, root, name, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, root, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(name)), 0o755); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, filepath.FromSlash(from)), filepath.Join(root, filepath.FromSlash(to))); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, name string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}

// collect gathers batches until every path in want has been reported and
// returns the union of what came. With an empty want it waits waitNothing.
func collect(t *testing.T, w *Watcher, want []string) []string {
	t.Helper()
	seen := map[string]bool{}
	missing := func() bool {
		for _, p := range want {
			if !seen[p] {
				return true
			}
		}
		return false
	}
	wait := waitBatch
	if len(want) == 0 {
		wait = waitNothing
	}
	timeout := time.After(wait)
	for len(want) == 0 || missing() {
		select {
		case batch, ok := <-w.Batches():
			if !ok {
				t.Fatal("Batches closed early")
			}
			for _, p := range batch {
				seen[p] = true
			}
		case err := <-w.Errors():
			t.Errorf("watch error: %v", err)
		case <-timeout:
			if len(want) > 0 {
				t.Errorf("timed out waiting for %q", want)
			}
			return slices.Sorted(maps.Keys(seen))
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

var sitePaths = []string{"content", "static", "layouts", "config.toml"}

func TestWatcher(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		ignore func(rel string) bool
		change func(t *testing.T, root string)
		want   []string // nil: no batch at all
	}{
		{
			name:  "write in place",
			files: map[string]string{"content/a.md": "a", "content/b.md": "b"},
			change: func(t *testing.T, root string) {
				write(t, root, "content/a.md", "a2")
			},
			want: []string{"content/a.md"},
		},
		{
			name:  "save by rename over",
			files: map[string]string{"content/a.md": "a"},
			change: func(t *testing.T, root string) {
				write(t, root, "content/a.md.tmp", "a2")
				rename(t, root, "content/a.md.tmp", "content/a.md")
			},
			want: []string{"content/a.md"},
		},
		{
			name:  "vim save with backup",
			files: map[string]string{"content/a.md": "a"},
			change: func(t *testing.T, root string) {
				write(t, root, "content/4913", "")
				remove(t, root, "content/4913")
				rename(t, root, "content/a.md", "content/a.md~")
				write(t, root, "content/a.md", "a2")
				remove(t, root, "content/a.md~")
			},
			want: []string{"content/a.md"},
		},
		{
			name:  "new folder with a file",
			files: map[string]string{"content/a.md": "a"},
			change: func(t *testing.T, root string) {
				write(t, root, "content/briefs/2026/x.md", "x")
			},
			want: []string{"content/briefs/2026/x.md"},
		},
		{
			name:  "bundle moved in",
			files: map[string]string{"content/": "", "outside/bundle/index.md": "i", "outside/bundle/img/p.jpg": "p"},
			change: func(t *testing.T, root string) {
				rename(t, root, "outside/bundle", "content/bundle")
			},
			want: []string{"content/bundle/img/p.jpg", "content/bundle/index.md"},
		},
		{
			name:  "watched folder created later",
			files: map[string]string{"content/a.md": "a"},
			change: func(t *testing.T, root string) {
				write(t, root, "static/css/site.css", "body{}")
			},
			want: []string{"static/css/site.css"},
		},
		{
			name:  "watched file created later",
			files: map[string]string{"content/a.md": "a"},
			change: func(t *testing.T, root string) {
				write(t, root, "config.toml", "title = 'x'")
			},
			want: []string{"config.toml"},
		},
		{
			name:  "delete a file",
			files: map[string]string{"content/a.md": "a", "content/b.md": "b"},
			change: func(t *testing.T, root string) {
				remove(t, root, "content/a.md")
			},
			want: []string{"content/a.md"},
		},
		{
			name:  "delete a folder",
			files: map[string]string{"content/old/x.md": "x", "content/b.md": "b"},
			change: func(t *testing.T, root string) {
				remove(t, root, "content/old")
			},
			want: []string{"content/old", "content/old/x.md"},
		},
		{
			name:  "rename a folder",
			files: map[string]string{"layouts/partials/head.html": "h"},
			change: func(t *testing.T, root string) {
				rename(t, root, "layouts/partials", "layouts/parts")
				write(t, root, "layouts/parts/head.html", "h2")
			},
			want: []string{"layouts/partials", "layouts/parts/head.html"},
		},
		{
			name:  "editor temporaries and junk",
			files: map[string]string{"content/a.md": "a"},
			change: func(t *testing.T, root string) {
				for _, name := range []string{
					"content/.a.md.swp", "content/a.md.swx", "content/a.swo", "content/a.md~",
					"content/a.md.tmp", "content/.#a.md", "content/#a.md#", "content/4913",
					"content/.DS_Store", "content/.git/HEAD", "content/.hidden/x.md", "config.toml~",
				} {
					write(t, root, name, "junk")
				}
			},
		},
		{
			name:  "chmod only",
			files: map[string]string{"content/a.md": "a"},
			change: func(t *testing.T, root string) {
				if err := os.Chmod(filepath.Join(root, "content", "a.md"), 0o600); err != nil {
					t.Fatal(err)
				}
			},
		},
		{
			name:  "outside the watched paths",
			files: map[string]string{"content/a.md": "a", "drafts/": ""},
			change: func(t *testing.T, root string) {
				write(t, root, "drafts/x.md", "x")
				write(t, root, "notes.txt", "n")
				write(t, root, "contentious/x.md", "x")
				write(t, root, "config.toml.bak", "x")
			},
		},
		{
			name:   "ignored output folder",
			files:  map[string]string{"content/a.md": "a", "content/public/index.html": "i"},
			ignore: func(rel string) bool { return within(rel, "content/public") },
			change: func(t *testing.T, root string) {
				write(t, root, "content/public/index.html", "i2")
				write(t, root, "content/public/briefs/x/index.html", "x")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w, root := start(t, tt.files, Options{Paths: sitePaths, Ignore: tt.ignore})
			tt.change(t, root)
			got := collect(t, w, tt.want)
			if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("reported %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBurstIsOneBatch(t *testing.T) {
	// A longer quiet period keeps a slow machine from splitting the burst.
	w, root := start(t, map[string]string{"content/a.md": "a", "content/b.md": "b"},
		Options{Paths: sitePaths, Debounce: 200 * time.Millisecond})
	write(t, root, "content/b.md", "b2")
	write(t, root, "content/a.md", "a2")
	write(t, root, "content/a.md", "a3")

	want := []string{"content/a.md", "content/b.md"}
	select {
	case got := <-w.Batches():
		if !slices.Equal(got, want) {
			t.Errorf("first batch = %q, want %q", got, want)
		}
	case <-time.After(waitBatch):
		t.Fatalf("no batch within %v", waitBatch)
	}
	select {
	case got := <-w.Batches():
		t.Errorf("second batch %q after a single burst", got)
	case <-time.After(waitNothing):
	}
}

func TestSteadyEventsStillFlush(t *testing.T) {
	w, root := start(t, map[string]string{"content/a.md": "a"}, Options{Paths: sitePaths, Debounce: 20 * time.Millisecond})
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("a"), 0o644)
			}
		}
	}()
	defer func() { close(stop); <-done }()
	select {
	case got := <-w.Batches():
		if want := []string{"content/a.md"}; !slices.Equal(got, want) {
			t.Errorf("batch = %q, want %q", got, want)
		}
	case <-time.After(waitBatch):
		t.Fatal("no batch while writes kept coming")
	}
}

func TestClose(t *testing.T) {
	w, _ := start(t, map[string]string{"content/a.md": "a"}, Options{Paths: sitePaths})
	for i := range 2 {
		if err := w.Close(); err != nil {
			t.Errorf("Close #%d: %v", i+1, err)
		}
	}
	if _, ok := <-w.Batches(); ok {
		t.Error("Batches not closed after Close")
	}
	if _, ok := <-w.Errors(); ok {
		t.Error("Errors not closed after Close")
	}
}

func TestNewErrors(t *testing.T) {
	root := t.TempDir()
	write(t, root, "file", "x")
	tests := []struct {
		name string
		opts Options
	}{
		{"missing root", Options{Root: filepath.Join(root, "nope"), Paths: []string{"content"}}},
		{"root is a file", Options{Root: filepath.Join(root, "file"), Paths: []string{"content"}}},
		{"path outside root", Options{Root: root, Paths: []string{"../content"}}},
		{"absolute path", Options{Root: root, Paths: []string{"/content"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := New(tt.opts)
			if err == nil {
				w.Close()
				t.Fatalf("New(%+v) succeeded, want an error", tt.opts)
			}
		})
	}
}

func TestJunk(t *testing.T) {
	tests := []struct {
		rel  string
		want bool
	}{
		{"content/a.md", false},
		{"content/a.md~", true},
		{"content/.a.md.swp", true},
		{"content/a.swx", true},
		{"content/a.swo", true},
		{"content/a.tmp", true},
		{"content/.#a.md", true},
		{"content/#a.md#", true},
		{"content/#", false},
		{"content/#hashtag.md", false},
		{"content/4913", true},
		{"content/a.md___jb_tmp___", true},
		{"content/a.md___jb_old___", true},
		{"content/a.md.crswap", true},
		{"content/jb_tmp.md", false},
		{"content/49131", false},
		{"static/.DS_Store", true},
		{".git/config", true},
		{"content/.well-known/x", true},
		{"config.toml", false},
	}
	for _, tt := range tests {
		if got := junk(tt.rel); got != tt.want {
			t.Errorf("junk(%q) = %v, want %v", tt.rel, got, tt.want)
		}
	}
}

// TestOverflow: when the system drops events, the Watcher says so with
// ErrOverflow, so that its user looks at every file again.
func TestOverflow(t *testing.T) {
	w, _ := start(t, map[string]string{"content/a.md": "a"}, Options{Paths: sitePaths})
	w.fw.Errors <- fsnotify.ErrEventOverflow
	select {
	case err := <-w.Errors():
		if !errors.Is(err, ErrOverflow) {
			t.Errorf("error %v, want ErrOverflow", err)
		}
	case <-time.After(waitBatch):
		t.Fatal("no error after an overflow")
	}
}

// TestExplain: the errors of a system out of watches say which limit to
// raise; others are left as they are.
func TestExplain(t *testing.T) {
	other := errors.New("something else")
	tests := []struct {
		err  error
		want string
	}{
		{&os.PathError{Op: "inotify_add_watch", Path: "/site/content/x", Err: syscall.ENOSPC}, "fs.inotify.max_user_watches"},
		{fmt.Errorf("creating: %w", syscall.EMFILE), "fs.inotify.max_user_instances"},
		{other, "something else"},
	}
	for _, tt := range tests {
		got := explain(tt.err)
		if !strings.Contains(got.Error(), tt.want) {
			t.Errorf("explain(%v) = %v, want it to mention %q", tt.err, got, tt.want)
		}
		if !errors.Is(got, tt.err) {
			t.Errorf("explain(%v) = %v, which does not wrap it", tt.err, got)
		}
	}
}

// TestSettle saves files the ways editors do and checks which batches come
// and whether the short quiet period ended them: a file that looks
// complete is reported after Settle, one caught half saved or a batch of
// several files after Debounce, and a save is never split.
func TestSettle(t *testing.T) {
	const (
		settle   = 20 * time.Millisecond
		debounce = 600 * time.Millisecond
		pause    = 100 * time.Millisecond // an editor busy between two steps of a save
	)
	tests := []struct {
		name string
		save func(t *testing.T, root string)
		want []string
		// The batch comes no sooner than after and, when before is set,
		// sooner than before.
		after, before time.Duration
	}{
		{
			name:   "truncate and write",
			save:   func(t *testing.T, root string) { write(t, root, "content/a.md", "a2") },
			want:   []string{"content/a.md"},
			before: debounce,
		},
		{
			name: "rename over",
			save: func(t *testing.T, root string) {
				write(t, root, "content/.a.md.tmp", "a2")
				rename(t, root, "content/.a.md.tmp", "content/a.md")
			},
			want:   []string{"content/a.md"},
			before: debounce,
		},
		{
			name: "truncate, pause, write",
			save: func(t *testing.T, root string) {
				f, err := os.OpenFile(filepath.Join(root, "content", "a.md"), os.O_WRONLY|os.O_TRUNC, 0)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				time.Sleep(pause)
				if _, err := f.WriteString("a2"); err != nil {
					t.Fatal(err)
				}
			},
			want:   []string{"content/a.md"},
			after:  pause,
			before: debounce,
		},
		{
			name: "rename away, pause, write",
			save: func(t *testing.T, root string) {
				rename(t, root, "content/a.md", "content/a.md~")
				time.Sleep(pause)
				write(t, root, "content/a.md", "a2")
			},
			want:   []string{"content/a.md"},
			after:  pause,
			before: debounce,
		},
		{
			name: "two files",
			save: func(t *testing.T, root string) {
				write(t, root, "content/a.md", "a2")
				write(t, root, "content/b.md", "b2")
			},
			want:  []string{"content/a.md", "content/b.md"},
			after: debounce,
		},
		{
			name:  "remove",
			save:  func(t *testing.T, root string) { remove(t, root, "content/a.md") },
			want:  []string{"content/a.md"},
			after: debounce,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, root := start(t, map[string]string{"content/a.md": "a", "content/b.md": "b"},
				Options{Paths: sitePaths, Debounce: debounce, Settle: settle})
			begin := time.Now()
			tt.save(t, root)
			var got []string
			select {
			case got = <-w.Batches():
			case <-time.After(waitBatch):
				t.Fatalf("no batch within %v", waitBatch)
			}
			took := time.Since(begin)
			if !slices.Equal(got, tt.want) {
				t.Errorf("batch = %q, want %q", got, tt.want)
			}
			if took < tt.after || tt.before > 0 && took >= tt.before {
				t.Errorf("batch after %v, want it after %v and before %v", took, tt.after, tt.before)
			}
			select {
			case more := <-w.Batches():
				t.Errorf("a second batch %q: the save was split", more)
			case <-time.After(waitNothing):
			}
		})
	}
}
