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

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/output"
	"github.com/briefs-dev/briefs/internal/parallel"
	"github.com/briefs-dev/briefs/internal/plan"
)

// render runs the jobs of a plan into the build's sink, and publishes the
// files that go out as they are. A job whose bytes are in early (the pages
// of edited briefs, rendered already) is not run again. Without
// Options.Output the sink is a new output.Memory over the last build's,
// and res gets the output and what changed.
func (b *Builder) render(ctx context.Context, jobs []plan.Job, published map[string]content.File, early map[string][]byte, res *Result) error {
	sink, mem := b.sink, (*output.Memory)(nil)
	if sink == nil {
		mem = output.NewMemory(b.memory)
		sink = mem
	}
	generated := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		generated[j.Path] = true
		if strings.HasSuffix(j.Path, ".html") {
			res.Pages++
		}
	}
	var pending []plan.Job
	var mu sync.Mutex // Run asks Hold from several goroutines
	opts := plan.RunOptions{Done: early}
	if b.opts.Defer && mem != nil {
		// Slow files no page embeds are served as they were until Finish.
		opts.Hold = func(j plan.Job) bool {
			if j.Deferred {
				mem.Keep(j.Path)
				mu.Lock()
				pending = append(pending, j)
				mu.Unlock()
			}
			return j.Deferred
		}
	}
	var err error
	if res.Rendered, err = plan.Run(ctx, jobs, sink, opts); err != nil {
		return err
	}
	paths := slices.Sorted(maps.Keys(published))
	for _, p := range paths {
		if generated[p] {
			res.Warnings = append(res.Warnings, fmt.Sprintf("warning: %s: a generated file has the same path; the static file is not published", p))
		} else if strings.HasSuffix(p, ".html") {
			res.Pages++
		}
	}
	if mem == nil {
		errs := make([]error, len(paths))
		parallel.ForN(2*runtime.GOMAXPROCS(0), len(paths), func(i int) {
			if generated[paths[i]] {
				return
			}
			data, err := published[paths[i]].Bytes()
			if err == nil {
				err = sink.Add(paths[i], 0, data)
			}
			errs[i] = err
		})
		return errors.Join(errs...)
	}
	files := mem.Files()
	var errs []error
	for p, f := range published {
		if !generated[p] {
			data, err := f.Bytes()
			files[p] = data
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	mem.Release()
	res.Files = files
	res.Changed, res.Removed = output.Diff(b.last, files)
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
	if _, err := plan.Run(ctx, b.pending, b.memory, plan.RunOptions{}); err != nil {
		return nil, nil, err
	}
	files = maps.Clone(b.last)
	for _, j := range b.pending {
		data, _ := b.memory.File(j.Path)
		if !bytes.Equal(files[j.Path], data) {
			changed = append(changed, j.Path)
		}
		files[j.Path] = data
	}
	b.pending, b.last = nil, files
	return files, changed, nil
}
