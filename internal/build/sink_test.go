package build_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/output"
)

// mapSink is a Sink in memory that can offer the files of a previous
// build for reuse.
type mapSink struct {
	mu    sync.Mutex
	prev  map[string]uint64 // key by path, of the files it may reuse
	files map[string][]byte
	keys  map[string]uint64
	fail  string // Add of this path fails
	memo  string
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
	s.files[path], s.keys[path] = bytes.Clone(data), key // the build reuses data
	return nil
}

func (s *mapSink) Memo() string     { return "" }
func (s *mapSink) SetMemo(m string) { s.memo = m }
func (s *mapSink) KeepAll() bool    { return false }

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

// A build into an output that a build of the same inputs made has nothing
// to do: it reads no brief, renders nothing, writes nothing, and reports
// what the first build reported.
func TestRebuildUnchanged(t *testing.T) {
	dir := t.TempDir()
	paths, err := corpus.Write(dir, corpus.Options{Briefs: 30, Seed: 5, Photos: -1})
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "config.toml", strings.Replace(corpus.Config, "base_url", "# base_url", 1)) // a warning to repeat
	dest := filepath.Join(t.TempDir(), "public")
	first, _ := buildAt(t, dir, dest, now)
	if len(first.Warnings) == 0 {
		t.Fatal("the first build gave no warning to repeat")
	}
	tests := []struct {
		name    string
		change  func()
		at      time.Time
		nothing bool // the build found nothing to do
	}{
		{"same inputs", func() {}, now, true},
		{"a day later", func() {}, now.Add(24 * time.Hour), true},
		{"an edit", func() { write(t, dir, paths[3], readFile(t, dir, paths[3])+"\nMore.\n") }, now, false},
		{"after the edit", func() {}, now, true},
		{"a new static file", func() { write(t, dir, "static/robots-extra.txt", "x") }, now, false},
		{"a month later", func() {}, now.Add(31 * 24 * time.Hour), false},
	}
	// Every file counts as just written, so the digest hashes its bytes
	// whatever time the builds take: a file whose status is trusted
	// between two builds changes the digest once (see below).
	restoreClock := build.SetStatClock(func() time.Time { return time.Time{} })
	for _, tt := range tests {
		tt.change()
		res, st := buildAt(t, dir, dest, tt.at)
		if got := res.Parsed == 0 && st.Written == 0; got != tt.nothing {
			t.Errorf("%s: parsed %d, wrote %d; want nothing to do %v", tt.name, res.Parsed, st.Written, tt.nothing)
		}
		if tt.nothing && (strings.Join(res.Warnings, "\n") != strings.Join(first.Warnings, "\n") || res.Briefs != first.Briefs || res.Pages != first.Pages) {
			t.Errorf("%s: reported %d briefs, %d pages, warnings %q; the first build %d, %d, %q",
				tt.name, res.Briefs, res.Pages, res.Warnings, first.Briefs, first.Pages, first.Warnings)
		}
	}

	restoreClock()

	// An hour later, the digest knows unchanged files by their status and
	// reads none of them; an edit of the same size is still seen.
	defer build.SetStatClock(func() time.Time { return time.Now().Add(time.Hour) })()
	if res, st := buildAt(t, dir, dest, now); res.Parsed != 0 || st.Written != 0 {
		// The inputs were hashed by content before: the digest differs once.
		if res, st := buildAt(t, dir, dest, now); res.Parsed != 0 || st.Written != 0 {
			t.Errorf("with files known by status: parsed %d, wrote %d; want nothing to do", res.Parsed, st.Written)
		}
	}
	p := filepath.Join(dir, paths[4])
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	text := readFile(t, dir, paths[4])
	i := strings.LastIndexAny(text, "abcdefghijklmnopqrstuvwxyz")
	edited := text[:i] + "X" + text[i+1:]
	write(t, dir, paths[4], edited)
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if res, _ := buildAt(t, dir, dest, now); res.Parsed == 0 {
		t.Errorf("a brief edited to the same size, its time put back, was not built again")
	}

	// A file of the output removed by hand is made again.
	if err := os.Remove(filepath.Join(dest, "index.html")); err != nil {
		t.Fatal(err)
	}
	if res, _ := buildAt(t, dir, dest, now); res.Parsed == 0 {
		t.Errorf("the output lost a file, but the build did nothing")
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Errorf("index.html removed by hand was not made again: %v", err)
	}
}

// buildAt builds dir into dest at the time at, through an output.Writer.
func buildAt(t *testing.T, dir, dest string, at time.Time) (*build.Result, output.Stats) {
	t.Helper()
	var w *output.Writer
	opts := options(dir)
	opts.Now = func() time.Time { return at }
	opts.Output = func(*config.Config) (build.Sink, error) {
		var err error
		w, err = output.Open(dest, output.Options{})
		return w, err
	}
	res, err := build.New(opts).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return res, st
}

// A future brief makes the memo expire when it falls due.
func TestMemoExpiresWhenBriefFallsDue(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 5, Seed: 5, Photos: 0}); err != nil {
		t.Fatal(err)
	}
	due := now.Add(90 * time.Minute)
	write(t, dir, "content/briefs/later.md", "+++\ntitle = \"Later\"\ndate = "+due.Format(time.RFC3339)+"\n+++\nSoon.\n")
	dest := filepath.Join(t.TempDir(), "public")
	// The digest hashes every file's bytes, however long the builds take:
	// see TestRebuildUnchanged.
	defer build.SetStatClock(func() time.Time { return time.Time{} })()
	first, _ := buildAt(t, dir, dest, now)
	if res, _ := buildAt(t, dir, dest, now.Add(10*time.Minute)); res.Parsed != 0 {
		t.Errorf("ten minutes later the build parsed %d briefs, want none", res.Parsed)
	}
	res, _ := buildAt(t, dir, dest, due.Add(time.Minute))
	if res.Parsed == 0 || res.Briefs != first.Briefs+1 {
		t.Errorf("once due: parsed %d, published %d briefs; want a full build publishing %d", res.Parsed, res.Briefs, first.Briefs+1)
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

// A static file at the path of a generated one is not published: the
// build warns and keeps the generated file, into a sink as in memory.
func TestStaticFileAtGeneratedPath(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 5, Seed: 2, Photos: -1}); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "static/sitemap.xml", "mine")
	write(t, dir, "static/extra.txt", "extra")
	sink := newMapSink(nil)
	opts := options(dir)
	opts.Output = func(*config.Config) (build.Sink, error) { return sink, nil }
	res, err := build.New(opts).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "warning: sitemap.xml: a generated file has the same path; the static file is not published"
	if !slices.Contains(res.Warnings, want) {
		t.Errorf("warnings = %q, want one %q", res.Warnings, want)
	}
	if got := string(sink.files["sitemap.xml"]); got == "mine" || !strings.Contains(got, "<urlset") {
		t.Errorf("sitemap.xml = %.60q, want the generated sitemap", got)
	}
	if got := string(sink.files["extra.txt"]); got != "extra" {
		t.Errorf("extra.txt = %q, want the static file", got)
	}
}

// Options.Sized hears how many briefs the site has before they are read.
func TestSized(t *testing.T) {
	dir := t.TempDir()
	paths, err := corpus.Write(dir, corpus.Options{Briefs: 12, Seed: 3, Photos: -1})
	if err != nil {
		t.Fatal(err)
	}
	opts := options(dir)
	var sizes []int
	opts.Sized = func(n int) { sizes = append(sizes, n) }
	opts.Output = func(*config.Config) (build.Sink, error) { return newMapSink(nil), nil }
	if _, err := build.New(opts).Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if len(sizes) != 1 || sizes[0] != len(paths) {
		t.Errorf("Sized heard %v, want [%d]", sizes, len(paths))
	}
}
