package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/output"
)

// sites holds generated corpora by size, made once per test binary run.
var sites = struct {
	sync.Mutex
	dirs  map[corpus.Options]string
	paths map[corpus.Options][]string
}{dirs: map[corpus.Options]string{}, paths: map[corpus.Options][]string{}}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range sites.dirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// generated returns the folder of a generated site of n briefs and the
// paths of its briefs.
func generated(b *testing.B, n int) (string, []string) {
	return generate(b, corpus.Options{Briefs: n, Seed: 1, Photos: -1})
}

// generate returns the folder of the generated site of opts and the paths
// of its briefs.
func generate(b *testing.B, opts corpus.Options) (string, []string) {
	b.Helper()
	sites.Lock()
	defer sites.Unlock()
	if d, ok := sites.dirs[opts]; ok {
		return d, sites.paths[opts]
	}
	d, err := os.MkdirTemp("", "briefs-bench-")
	if err != nil {
		b.Fatal(err)
	}
	paths, err := corpus.Write(d, opts)
	if err != nil {
		b.Fatal(err)
	}
	sites.dirs[opts], sites.paths[opts] = d, paths
	return d, paths
}

var sizes = []int{1000, 10000}

// BenchmarkBuild is a fresh build in memory: load, parse, model, render.
func BenchmarkBuild(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			dir, _ := generated(b, n)
			benchBuild(b, dir)
		})
	}
}

// benchBuild runs fresh builds of the site in dir, and reports the CPU
// time of each, which a machine shared with other work disturbs less than
// the wall clock.
func benchBuild(b *testing.B, dir string) {
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := build.New(options(dir)).Build(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuTime() - cpu; cpu > 0 {
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	}
}

// BenchmarkBuildTranslated is BenchmarkBuild for a site in two languages
// whose briefs are half of them translated: n briefs and about n/2
// translations. The target is within 2.2 times BenchmarkBuild of n.
func BenchmarkBuildTranslated(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			dir, _ := generate(b, corpus.Options{Briefs: n, Seed: 1, Photos: -1, Translated: 0.5})
			benchBuild(b, dir)
		})
	}
}

// BenchmarkBuildAndWrite is a fresh build written into an empty folder, as
// briefs build does it: files stream to the output as they are rendered.
func BenchmarkBuildAndWrite(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			dir, _ := generated(b, n)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				dest := filepath.Join(b.TempDir(), "public")
				b.StartTimer()
				buildInto(b, dir, dest)
			}
		})
	}
}

// BenchmarkRebuildUnchanged is briefs build run again on a site that did
// not change, into the output of the previous run.
func BenchmarkRebuildUnchanged(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			dir, _ := generated(b, n)
			dest := filepath.Join(b.TempDir(), "public")
			buildInto(b, dir, dest)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if st := buildInto(b, dir, dest); st.Written != 0 {
					b.Fatalf("nothing changed, but %d files were written", st.Written)
				}
			}
		})
	}
}

// buildInto builds the site in dir into dest through an output.Writer.
func buildInto(b *testing.B, dir, dest string) output.Stats {
	b.Helper()
	var w *output.Writer
	opts := options(dir)
	opts.Output = func(*config.Config) (build.Sink, error) {
		var err error
		w, err = output.Open(dest, output.Options{})
		return w, err
	}
	if _, err := build.New(opts).Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	st, err := w.Commit()
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkRebuildOneBrief is the rebuild after one brief is saved, as the
// preview server runs it.
func BenchmarkRebuildOneBrief(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			dir, paths := generated(b, n)
			ctx := context.Background()
			bl := build.New(options(dir))
			if _, err := bl.Build(ctx, nil); err != nil {
				b.Fatal(err)
			}
			p := paths[n/2]
			orig, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				b.Fatal(err)
			}
			defer os.WriteFile(filepath.Join(dir, p), orig, 0o644)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				if err := os.WriteFile(filepath.Join(dir, p), fmt.Appendf(orig, "\nEdit %d.\n", i), 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res, err := bl.Build(ctx, []string{p})
				if err != nil {
					b.Fatal(err)
				}
				if res.Parsed != 1 {
					b.Fatalf("parsed %d briefs for a one-brief edit", res.Parsed)
				}
			}
		})
	}
}

func TestStagesOfOneBriefRebuild(t *testing.T) {
	n := 10000
	if testing.Short() || os.Getenv("BRIEFS_STAGES") == "" {
		t.Skip("set BRIEFS_STAGES=1 to print the stages of a one-brief rebuild at 10,000 briefs")
	}
	dir := t.TempDir()
	paths, err := corpus.Write(dir, corpus.Options{Briefs: n, Seed: 1, Photos: -1})
	if err != nil {
		t.Fatal(err)
	}
	bl := build.New(options(dir))
	res, err := bl.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fresh: %v", res.Duration)
	p := paths[n/2]
	for i := 0; i < 3; i++ {
		os.WriteFile(filepath.Join(dir, p), fmt.Appendf(nil, "+++\ntitle = \"x\"\ndate = 2021-01-01T00:00:00Z\n+++\nEdit %d\n", i), 0o644)
		res, err = bl.Build(context.Background(), []string{p})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("one brief: %v rendered %d", res.Duration, res.Rendered)
	}
}
