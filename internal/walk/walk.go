// Package walk lists a folder tree on several goroutines: a site of
// 100,000 briefs has as many folders, and reading them one after another
// took seconds.
package walk

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"sync"
)

// Dir calls fn for every file and folder below root, root excluded, as
// fs.WalkDir does, but on several goroutines at once and in no set order:
// fn must be safe to call concurrently. Returning fs.SkipDir for a folder
// skips what is in it, and for a file the rest of its folder; any other
// error stops the walk, and Dir returns it. A root that does not exist is
// an empty tree.
func Dir(fsys fs.FS, root string, fn func(p string, d fs.DirEntry) error) error {
	w := &walker{fsys: fsys, fn: fn}
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	w.pending.Add(1)
	w.visit(root, entries)
	w.pending.Wait()
	return w.err
}

type walker struct {
	fsys    fs.FS
	fn      func(string, fs.DirEntry) error
	pending sync.WaitGroup // folders listed but not yet visited

	mu    sync.Mutex
	err   error
	queue []string // folders to read
	idle  int      // goroutines reading folders, beyond the caller's
}

// visit calls fn for the entries of folder dir and reads its subfolders,
// on new goroutines while fewer than GOMAXPROCS run.
func (w *walker) visit(dir string, entries []fs.DirEntry) {
	defer w.pending.Done()
	for _, d := range entries {
		if w.failed() {
			return
		}
		p := path.Join(dir, d.Name())
		err := w.fn(p, d)
		if errors.Is(err, fs.SkipDir) {
			if d.IsDir() {
				continue
			}
			return // as in fs.WalkDir: the rest of the folder is skipped
		}
		if err != nil {
			w.fail(err)
			return
		}
		if d.IsDir() {
			w.pending.Add(1)
			w.push(p)
		}
	}
}

// push queues folder p, and starts a goroutine to work through the queue
// if there are cores to spare.
func (w *walker) push(p string) {
	w.mu.Lock()
	w.queue = append(w.queue, p)
	start := w.idle < runtime.GOMAXPROCS(0)
	if start {
		w.idle++
	}
	w.mu.Unlock()
	if start {
		go w.work()
	}
}

// work reads queued folders until the queue is empty.
func (w *walker) work() {
	for {
		w.mu.Lock()
		if len(w.queue) == 0 {
			w.idle--
			w.mu.Unlock()
			return
		}
		p := w.queue[len(w.queue)-1]
		w.queue = w.queue[:len(w.queue)-1]
		w.mu.Unlock()
		entries, err := fs.ReadDir(w.fsys, p)
		if err != nil {
			w.fail(err)
			w.pending.Done()
			continue
		}
		w.visit(p, entries)
	}
}

func (w *walker) fail(err error) {
	w.mu.Lock()
	if w.err == nil {
		w.err = err
	}
	w.mu.Unlock()
}

func (w *walker) failed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err != nil
}
