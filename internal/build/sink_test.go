package build_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/corpus"
)

// mapSink is a Sink in memory that can offer the files of a previous
// build for reuse.
type mapSink struct {
	mu    sync.Mutex
	prev  map[string]uint64 // key by path, of the files it may reuse
	files map[string][]byte
	keys  map[string]uint64
	fail  string // Add of this path fails
}

func newMapSink(prev map[string]uint64) *mapSink {
	return &mapSink{prev: prev, files: map[string][]byte{}, keys: map[string]uint64{}}
}

func (s *mapSink) Reuse(path string, key uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k, ok := s.prev[path]; ok && k == key {
		s.keys[path] = key
		return true
	}
	return false
}

func (s *mapSink) Add(path string, key uint64, data []byte) error {
	if path == s.fail {
		return errors.New("disk full")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[path], s.keys[path] = data, key
	return nil
}

// A build into a sink sends exactly the files a build in memory returns,
// and a second build renders only what its sink cannot reuse.
func TestBuildIntoSink(t *testing.T) {
	dir := t.TempDir()
	paths, err := corpus.Write(dir, corpus.Options{Briefs: 60, Seed: 3, Photos: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	want, err := build.New(options(dir)).Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}

	sink := newMapSink(nil)
	opts := options(dir)
	opts.Output = func(*config.Config) (build.Sink, error) { return sink, nil }
	res, err := build.New(opts).Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != nil {
		t.Errorf("a build into a sink returned %d files too", len(res.Files))
	}
	compare(t, "sink", sink.files, want.Files)
	if res.Pages != want.Pages || res.Rendered != len(sink.files)-countPublished(want.Files, sink.keys) {
		t.Errorf("Pages, Rendered = %d, %d; in memory %d pages", res.Pages, res.Rendered, want.Pages)
	}

	// Edit one brief: the next build reuses every file that does not show it.
	write(t, dir, paths[7], readFile(t, dir, paths[7])+"\nA new last line.\n")
	next := newMapSink(sink.keys)
	opts.Output = func(*config.Config) (build.Sink, error) { return next, nil }
	res2, err := build.New(opts).Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res2.Rendered == 0 || res2.Rendered > res.Rendered/4 {
		t.Errorf("after one edit the build rendered %d files of %d", res2.Rendered, res.Rendered)
	}
	fresh, err := build.New(options(dir)).Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range next.files {
		if string(fresh.Files[p]) != string(data) {
			t.Errorf("%s: rendered file differs from a fresh build", p)
		}
	}
	for p := range fresh.Files {
		if _, ok := next.keys[p]; !ok {
			t.Errorf("%s: neither rendered nor reused", p)
		}
	}
}

// countPublished counts the files that were copied, not rendered: those
// added with no key.
func countPublished(files map[string][]byte, keys map[string]uint64) int {
	n := 0
	for p := range files {
		if keys[p] == 0 {
			n++
		}
	}
	return n
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := readAll(dir, rel)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A sink that cannot be opened, or that fails to take a file, fails the
// build with its error.
func TestSinkErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 5, Seed: 1, Photos: -1}); err != nil {
		t.Fatal(err)
	}
	opts := options(dir)
	opts.Output = func(*config.Config) (build.Sink, error) { return nil, errors.New("no room") }
	if _, err := build.New(opts).Build(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "no room") {
		t.Errorf("Build with a failing Output: err = %v, want no room", err)
	}
	sink := newMapSink(nil)
	sink.fail = "index.html"
	opts.Output = func(*config.Config) (build.Sink, error) { return sink, nil }
	b := build.New(opts)
	if _, err := b.Build(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "index.html: disk full") {
		t.Errorf("Build with a failing Add: err = %v, want index.html: disk full", err)
	}
	if _, err := b.Build(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "builds once") {
		t.Errorf("second Build with Output: err = %v, want builds once", err)
	}
}

func readAll(dir, rel string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	return string(data), err
}
