package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/output"
	"github.com/briefs-dev/briefs/internal/parallel"
	"github.com/briefs-dev/briefs/internal/render"
)

// render runs the jobs of a plan into the build's sink, and publishes the
// files that go out as they are. A job whose file the sink has under the
// same key is not run; a job whose bytes are in early (the pages of edited
// briefs, rendered already) is not run again. Without Options.Output the
// sink is a new output.Memory over the last build's, and res gets the
// output and what changed; b keeps them only if the whole build succeeds.
func (b *Builder) render(ctx context.Context, jobs []render.Job, published, early map[string][]byte, res *Result) error {
	sink, mem := b.sink, (*output.Memory)(nil)
	if sink == nil {
		mem = output.NewMemory(b.memory)
		sink = mem
	}
	var pending []render.Job
	generated := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		generated[j.Path] = true
		if strings.HasSuffix(j.Path, ".html") {
			res.Pages++
		}
	}
	var rendered atomic.Int64
	errs := make([]error, len(jobs))
	order := slowFirst(jobs)
	var mu sync.Mutex
	// Writing blocks on the disk: twice as many workers as CPUs keep both busy.
	parallel.ForN(2*runtime.GOMAXPROCS(0), len(jobs), func(k int) {
		i := order[k]
		j := jobs[i]
		if ctx.Err() != nil || sink.Reuse(j.Path, j.Key) {
			return
		}
		if j.Deferred && b.opts.Defer && mem != nil {
			mem.Keep(j.Path) // served as it was until Finish
			mu.Lock()
			pending = append(pending, j)
			mu.Unlock()
			return
		}
		rendered.Add(1)
		if data, ok := early[j.Path]; ok {
			errs[i] = sink.Add(j.Path, j.Key, data)
			return
		}
		buf := buffers.Get().(*bytes.Buffer)
		data, err := render1To(j, buf)
		if err == nil {
			err = sink.Add(j.Path, j.Key, data)
		}
		if err != nil {
			errs[i] = fmt.Errorf("rendering %s: %w", j.Path, err)
		}
		if buf.Cap() <= maxPooled {
			buffers.Put(buf)
		}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	var list diag.List
	for _, err := range errs {
		list.Add(err)
	}
	if err := list.Err(); err != nil {
		return err
	}
	res.Rendered = int(rendered.Load())

	paths := slices.Sorted(maps.Keys(published))
	for _, p := range paths {
		if generated[p] {
			res.Warnings = append(res.Warnings, fmt.Sprintf("warning: %s: a generated file has the same path; the static file is not published", p))
		} else if strings.HasSuffix(p, ".html") {
			res.Pages++
		}
	}
	if mem == nil {
		errs = make([]error, len(paths))
		parallel.ForN(2*runtime.GOMAXPROCS(0), len(paths), func(i int) {
			if !generated[paths[i]] {
				errs[i] = sink.Add(paths[i], 0, published[paths[i]])
			}
		})
		return errors.Join(errs...)
	}
	files := mem.Files()
	for p, data := range published {
		if !generated[p] {
			files[p] = data
		}
	}
	mem.Release()
	res.Files = files
	res.Changed, res.Removed = diff(b.last, files)
	b.memory, b.last, b.pending = mem, files, pending
	return nil
}

// Finish renders the jobs the last Build deferred and returns the output
// with them, and the paths that changed; files is nil when nothing was
// deferred. After Finish, the output is again that of a full build.
func (b *Builder) Finish(ctx context.Context) (files map[string][]byte, changed []string, err error) {
	if len(b.pending) == 0 || b.memory == nil {
		return nil, nil, nil
	}
	jobs := b.pending
	out := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	parallel.For(len(jobs), func(i int) { out[i], errs[i] = render1(jobs[i]) })
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	files = maps.Clone(b.last)
	for i, j := range jobs {
		b.memory.Add(j.Path, j.Key, out[i])
		if !bytes.Equal(files[j.Path], out[i]) {
			changed = append(changed, j.Path)
		}
		files[j.Path] = out[i]
	}
	b.pending, b.last = nil, files
	return files, changed, nil
}

// slowFirst returns the order in which to run jobs: the slow ones render
// marks Deferred (the search index, seconds on a large site) first, so
// that they run beside the many small ones instead of alone at the end.
func slowFirst(jobs []render.Job) []int {
	order := make([]int, 0, len(jobs))
	for _, late := range []bool{false, true} {
		for i, j := range jobs {
			if j.Deferred != late {
				order = append(order, i)
			}
		}
	}
	return order
}

// render1 runs one job. A panic in it, a bug of a template function or of
// a theme's data, becomes an error of that file instead of ending the
// program: the build reports it with the others.
func render1(j render.Job) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	return j.Render()
}

// render1To is render1 for bytes that are only written out: a job that
// can write into a buffer writes into buf, and the bytes returned are
// buf's, valid until buf is used again.
func render1To(j render.Job, buf *bytes.Buffer) (data []byte, err error) {
	if j.WriteTo == nil {
		return render1(j)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	buf.Reset()
	err = j.WriteTo(buf)
	return buf.Bytes(), err
}

// buffers holds the buffers render1To renders into; maxPooled bounds the
// size of one kept, so a rare huge file's goes to the garbage collector.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooled = 1 << 20
