// Package watch reports debounced batches of the site's source files that changed on disk.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options configures a Watcher.
type Options struct {
	// Root is the site's source folder, absolute or relative to the working
	// directory.
	Root string

	// Paths are slash paths relative to Root to watch. Folders are watched
	// recursively ("content", "static", "layouts", "themes"), files singly
	// ("config.toml"). Paths that do not exist yet are picked up when they
	// are created.
	Paths []string

	// Ignore, when set, reports whether a slash path relative to Root should
	// be left out (the serve command passes its output folder here). Ignored
	// folders are not descended into.
	Ignore func(rel string) bool

	// Debounce is the quiet period that ends a batch; 0 means 30ms. A batch
	// is also flushed after 10×Debounce while events keep coming.
	Debounce time.Duration

	// Settle is the shorter quiet period that ends a batch of one file that
	// looks complete: it exists and is not empty, as after an editor's save,
	// whether it renames a new file over the old one or truncates and writes
	// it. A file caught between the truncation and the write, or between
	// the rename of the old file and the creation of the new, is empty or
	// missing and waits for Debounce; so does a batch of several files, as
	// a checkout or a copy makes. 0 means Debounce/4; a Settle not shorter
	// than Debounce turns this off.
	Settle time.Duration
}

const defaultDebounce = 30 * time.Millisecond

// A Watcher watches Options.Paths under Options.Root and delivers the
// changed files in batches. Create it with New and stop it with Close.
type Watcher struct {
	root     string   // absolute, cleaned
	paths    []string // cleaned slash paths relative to root
	ignore   func(rel string) bool
	debounce time.Duration
	settle   time.Duration

	fw      *fsnotify.Watcher
	watched map[string]bool // folders added to fw; owned by New, then by run
	batches chan []string
	errors  chan error

	done      chan struct{} // closed by Close to stop run
	finished  chan struct{} // closed when run has returned
	closeOnce sync.Once
	closeErr  error
}

// New starts watching. Every existing folder under opts.Paths is watched
// before New returns, so a change made after New returns is reported.
func New(opts Options) (*Watcher, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("watch: %s is not a folder", root)
	}
	paths := make([]string, 0, len(opts.Paths))
	for _, p := range opts.Paths {
		if !filepath.IsLocal(filepath.FromSlash(p)) {
			return nil, fmt.Errorf("watch: path %q is not inside %s", p, root)
		}
		paths = append(paths, path.Clean(filepath.ToSlash(p)))
	}
	debounce := opts.Debounce
	if debounce <= 0 {
		debounce = defaultDebounce
	}
	settle := opts.Settle
	if settle <= 0 {
		settle = debounce / 4
	}
	settle = min(settle, debounce)

	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", explain(err))
	}
	w := &Watcher{
		root:     root,
		paths:    paths,
		ignore:   opts.Ignore,
		debounce: debounce,
		settle:   settle,
		fw:       fw,
		watched:  make(map[string]bool),
		batches:  make(chan []string),
		errors:   make(chan error, 1),
		done:     make(chan struct{}),
		finished: make(chan struct{}),
	}
	// Walking from the root watches the root itself (to notice watched paths
	// created later), the folders leading to each watched path, and
	// everything under the watched folders.
	if err := w.addTree(root, nil); err != nil {
		fw.Close()
		return nil, fmt.Errorf("watch: %w", explain(err))
	}
	go w.run()
	return w, nil
}

// Batches delivers sorted, de-duplicated slash paths relative to Root of
// files that were created, written, removed or renamed. A removed or renamed
// folder is reported by its own path. The channel is closed by Close.
func (w *Watcher) Batches() <-chan []string { return w.batches }

// Errors delivers errors from the underlying watcher, such as an overflow of
// the kernel's event queue. Errors are dropped when nobody is receiving. The
// channel is closed by Close.
func (w *Watcher) Errors() <-chan error { return w.errors }

// Close stops watching and waits for the Watcher's goroutine to return.
// Pending changes not yet delivered are dropped. Close is idempotent.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		w.closeErr = w.fw.Close()
		<-w.finished
	})
	return w.closeErr
}

// run is the Watcher's only goroutine: it collects events into pending,
// moves pending to ready when the batch ends, and hands ready to the
// consumer. It returns when Close closes done.
func (w *Watcher) run() {
	defer close(w.finished)
	defer close(w.errors)
	defer close(w.batches)

	pending := make(map[string]struct{})
	var ready []string // a finished batch the consumer has not taken yet

	// quiet ends a batch after a pause; limit ends one that never pauses.
	// last is when the last relevant event came.
	var last time.Time
	quiet := time.NewTimer(time.Hour)
	limit := time.NewTimer(time.Hour)
	quiet.Stop()
	limit.Stop()
	defer quiet.Stop()
	defer limit.Stop()
	collecting := false

	flush := func() {
		quiet.Stop()
		limit.Stop()
		collecting = false
		if len(pending) == 0 {
			return
		}
		for rel := range pending {
			ready = append(ready, rel)
		}
		clear(pending)
		slices.Sort(ready)
		ready = slices.Compact(ready)
	}

	for {
		var out chan<- []string
		if ready != nil {
			out = w.batches
		}
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if !w.handle(ev, pending) {
				continue
			}
			if !collecting {
				collecting = true
				limit.Reset(10 * w.debounce)
			}
			last = time.Now()
			quiet.Reset(w.settle)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				err = ErrOverflow
			}
			w.sendError(err)
		case <-quiet.C:
			if wait := w.debounce - time.Since(last); wait > 0 && !w.complete(pending) {
				quiet.Reset(wait)
				continue
			}
			flush()
		case <-limit.C:
			flush()
		case out <- ready:
			ready = nil
		}
	}
}

// handle records the paths that ev changed in pending and reports whether
// ev was relevant at all.
func (w *Watcher) handle(ev fsnotify.Event, pending map[string]struct{}) bool {
	if !ev.Has(fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename) {
		return false // chmod only
	}
	rel, ok := w.rel(ev.Name)
	if !ok || w.skip(rel) {
		return false
	}
	if ev.Has(fsnotify.Remove | fsnotify.Rename) {
		w.unwatch(ev.Name)
	}
	if ev.Has(fsnotify.Create | fsnotify.Write) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			if !ev.Has(fsnotify.Create) || !w.wantDir(rel) {
				// Some platforms send Write for a folder whose entries changed;
				// the entries have events of their own.
				return false
			}
			// A new folder: watch it and report what is already inside
			// (a page bundle moved in with mv arrives complete).
			n := len(pending)
			if err := w.addTree(ev.Name, pending); err != nil {
				w.sendError(explain(err))
			}
			return len(pending) > n
		}
	}
	if !w.inPaths(rel) {
		return false
	}
	pending[rel] = struct{}{}
	return true
}

// complete reports whether pending is one file that looks completely
// written: a regular file that is not empty.
func (w *Watcher) complete(pending map[string]struct{}) bool {
	if len(pending) != 1 {
		return false
	}
	for rel := range pending {
		info, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(rel)))
		return err == nil && info.Mode().IsRegular() && info.Size() > 0
	}
	return false
}

// addTree watches dir and the folders below it that wantDir selects, and,
// when found is not nil, records in it the files below dir that are reported.
// Entries that vanish during the walk are not errors.
func (w *Watcher) addTree(dir string, found map[string]struct{}) error {
	return filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		rel, ok := w.rel(name)
		if ok && w.skip(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if found != nil && ok && w.inPaths(rel) {
				found[rel] = struct{}{}
			}
			return nil
		}
		if ok && !w.wantDir(rel) {
			return filepath.SkipDir
		}
		// WalkDir reads a folder's entries after this call, so a file created
		// after Add is seen either by the walk or as an event (or both).
		if err := w.fw.Add(name); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			return err
		}
		w.watched[name] = true
		return nil
	})
}

// unwatch drops the watches on name and below it: after a rename the kernel
// would keep reporting the moved folder under its old name.
func (w *Watcher) unwatch(name string) {
	if !w.watched[name] {
		return // a file, or a folder we never watched
	}
	prefix := name + string(filepath.Separator)
	for p := range w.watched {
		if p == name || strings.HasPrefix(p, prefix) {
			w.fw.Remove(p) // fails when the kernel already dropped the watch
			delete(w.watched, p)
		}
	}
}

// ErrOverflow is sent on Errors when the system dropped change events, as
// when thousands of files change at once: some changes were not reported,
// and whoever relies on the batches must look at every file again.
var ErrOverflow = errors.New("too many changes at once; some were not reported")

// explain adds to an error of the system's file watching what the user
// can do about it: on Linux, each watched folder takes one of a limited
// number of inotify watches.
func explain(err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%w: too many folders to watch; raise the system's limit (on Linux: sysctl fs.inotify.max_user_watches)", err)
	case errors.Is(err, syscall.EMFILE):
		return fmt.Errorf("%w: too many file watchers; stop some or raise the system's limit (on Linux: sysctl fs.inotify.max_user_instances)", err)
	}
	return err
}

func (w *Watcher) sendError(err error) {
	select {
	case w.errors <- err:
	default:
	}
}

// rel returns name as a slash path relative to the root; ok is false for the
// root itself and for names outside it.
func (w *Watcher) rel(name string) (rel string, ok bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || !filepath.IsLocal(r) || r == "." {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// inPaths reports whether rel is one of the watched paths or inside one.
func (w *Watcher) inPaths(rel string) bool {
	for _, p := range w.paths {
		if within(rel, p) {
			return true
		}
	}
	return false
}

// wantDir reports whether the folder rel must be watched: it is inside a
// watched path, or a watched path is inside it.
func (w *Watcher) wantDir(rel string) bool {
	for _, p := range w.paths {
		if within(rel, p) || within(p, rel) {
			return true
		}
	}
	return false
}

// within reports whether the slash path rel is dir or inside it.
func within(rel, dir string) bool {
	return dir == "." || rel == dir || strings.HasPrefix(rel, dir+"/")
}

func (w *Watcher) skip(rel string) bool {
	return junk(rel) || (w.ignore != nil && w.ignore(rel))
}

// junk reports whether rel is an editor temporary, an operating system's
// litter, or inside a hidden folder such as .git.
func junk(rel string) bool {
	for _, elem := range strings.Split(rel, "/") {
		if strings.HasPrefix(elem, ".") {
			return true // .git, .DS_Store, .#x.md (emacs lock), .x.md.swp
		}
	}
	base := path.Base(rel)
	switch {
	case base == "4913": // vim probes whether it may write the folder
		return true
	case len(base) > 1 && strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"): // emacs autosave
		return true
	}
	// JetBrains editors save through x___jb_tmp___ and x___jb_old___;
	// browsers' file system access writes x.crswap.
	for _, suffix := range []string{".swp", ".swx", ".swo", "~", ".tmp", "___jb_tmp___", "___jb_old___", ".crswap"} {
		if strings.HasSuffix(base, suffix) {
			return true
		}
	}
	return false
}
