// Package plan lists a site's output files as jobs (a path, a key that
// sums up every input of the file, and how to render it), plans them
// again incrementally when briefs change, and runs them into a sink,
// skipping the files the sink already has.
package plan

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/parallel"
)

// Job renders one output file. Key sums up every input of the file: two
// jobs with the same Path and Key render the same bytes, so a rebuild can
// keep the previous bytes instead of rendering them again.
type Job struct {
	Path   string // slash path in the output: "briefs/x/index.html"
	Key    uint64
	Render func(w *bytes.Buffer) error // writes the file's bytes to w
	// Deferred marks a slow file that no page embeds (the search index):
	// the preview may serve a rebuild's pages before rendering it.
	Deferred bool
}

// Bytes renders the job into a new slice. A panic in it, a bug of a
// template function or of a theme's data, becomes an error of that file
// instead of ending the program: the build reports it with the others.
func (j Job) Bytes() ([]byte, error) {
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	if err := j.renderTo(buf); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// renderTo renders the job into buf, reset first, turning a panic into an
// error as Bytes does.
func (j Job) renderTo(buf *bytes.Buffer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	buf.Reset()
	return j.Render(buf)
}

// Sink receives the files of a run: output.Writer writes them to a
// folder, output.Memory keeps them. Its methods are called from several
// goroutines at once.
type Sink interface {
	// Reuse reports whether the sink still has the file that a previous
	// run made under the same path and key, and keeps it if so.
	Reuse(path string, key uint64) bool
	// Add puts a file in the output. It must not keep data once it
	// returns: the run reuses the buffer.
	Add(path string, key uint64, data []byte) error
}

// RunOptions changes what Run does with some jobs.
type RunOptions struct {
	// Hold, when set, is asked about each job the sink does not have:
	// true leaves it for later, unrendered.
	Hold func(Job) bool
	// Done holds the bytes of jobs rendered already, by path.
	Done map[string][]byte
}

// Run renders every job whose file the sink does not have under its key
// into the sink, on every core, the deferred (slow) ones first so that
// they run beside the many small ones instead of alone at the end. It
// returns how many jobs it rendered; the error lists every file that
// failed.
func Run(ctx context.Context, jobs []Job, sink Sink, opts RunOptions) (rendered int, err error) {
	order := make([]int, 0, len(jobs))
	for _, late := range []bool{false, true} {
		for i, j := range jobs {
			if j.Deferred != late {
				order = append(order, i)
			}
		}
	}
	var count atomic.Int64
	errs := make([]error, len(jobs))
	// Writing blocks on the disk: twice as many workers as CPUs keep both busy.
	parallel.ForN(2*runtime.GOMAXPROCS(0), len(jobs), func(k int) {
		i := order[k]
		j := jobs[i]
		if ctx.Err() != nil || sink.Reuse(j.Path, j.Key) || opts.Hold != nil && opts.Hold(j) {
			return
		}
		count.Add(1)
		if data, ok := opts.Done[j.Path]; ok {
			errs[i] = sink.Add(j.Path, j.Key, data)
			return
		}
		buf := buffers.Get().(*bytes.Buffer)
		defer putBuffer(buf)
		err := j.renderTo(buf)
		if err == nil {
			err = sink.Add(j.Path, j.Key, buf.Bytes())
		}
		if err != nil {
			errs[i] = fmt.Errorf("rendering %s: %w", j.Path, err)
		}
	})
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var list diag.List
	for _, err := range errs {
		list.Add(err)
	}
	return int(count.Load()), list.Err()
}

// buffers holds the buffers jobs render into.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBuffer returns b to the pool, but for a rare huge file's, which goes
// to the garbage collector.
func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		buffers.Put(b)
	}
}
