package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// fakeBuilder is a builder named name whose build notes into the file log
// whether its output folder existed, then writes a page there.
func fakeBuilder(name, log string) builder {
	const script = `if [ -e "$1" ]; then state=into-existing; else state=into-new; fi
echo "$2 $state $(basename "$1")" >> "$3"
mkdir -p "$1" && echo page > "$1/index.html"`
	return builder{name, func(out string) []string { return []string{"sh", "-c", script, "sh", out, name, log} }}
}

// TestBuilds checks where the builds of compare write: each fresh build
// into a new folder of its own, each rebuild into the folder of the same
// round's fresh build, and nothing deleted until close.
func TestBuilds(t *testing.T) {
	tests := []struct {
		name  string
		tools []string
		runs  int
		want  []string // "tool into-new|into-existing folder", in order
	}{
		{
			name:  "one round",
			tools: []string{"briefs", "hugo", "floor", "floor-read"},
			runs:  1,
			want: []string{
				"briefs into-new briefs-1", "hugo into-new hugo-1", "floor into-new floor-1", "floor-read into-new floor-read-1",
				"briefs into-existing briefs-1", "hugo into-existing hugo-1",
			},
		},
		{
			name:  "rounds take turns",
			tools: []string{"briefs", "hugo", "floor", "floor-read"},
			runs:  2,
			want: []string{
				"briefs into-new briefs-1", "hugo into-new hugo-1", "floor into-new floor-1", "floor-read into-new floor-read-1",
				"briefs into-existing briefs-1", "hugo into-existing hugo-1",
				"hugo into-new hugo-2", "floor into-new floor-2", "floor-read into-new floor-read-2", "briefs into-new briefs-2",
				"hugo into-existing hugo-2", "briefs into-existing briefs-2",
			},
		},
		{
			name:  "customized theme: fresh builds only",
			tools: []string{"briefs", "briefs-custom", "floor", "floor-read"},
			runs:  2,
			want: []string{
				"briefs into-new briefs-1", "briefs-custom into-new briefs-custom-1", "floor into-new floor-1", "floor-read into-new floor-read-1",
				"briefs into-existing briefs-1",
				"briefs-custom into-new briefs-custom-2", "floor into-new floor-2", "floor-read into-new floor-read-2", "briefs into-new briefs-2",
				"briefs into-existing briefs-2",
			},
		},
		{
			name:  "without hugo",
			tools: []string{"briefs", "floor", "floor-read"},
			runs:  3,
			want: []string{
				"briefs into-new briefs-1", "floor into-new floor-1", "floor-read into-new floor-read-1", "briefs into-existing briefs-1",
				"floor into-new floor-2", "floor-read into-new floor-read-2", "briefs into-new briefs-2", "briefs into-existing briefs-2",
				"floor-read into-new floor-read-3", "briefs into-new briefs-3", "floor into-new floor-3", "briefs into-existing briefs-3",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work := t.TempDir()
			out, err := newOutputs(work)
			if err != nil {
				t.Fatal(err)
			}
			c := &comparison{o: compareOptions{runs: tt.runs}, log: io.Discard, work: work, out: out,
				noticed: map[string]bool{}, mark: filepath.Join(t.TempDir(), "mark")}
			log := filepath.Join(t.TempDir(), "log")
			var bs []builder
			for _, name := range tt.tools {
				bs = append(bs, fakeBuilder(name, log))
			}
			res := newResults(1, 1, tt.runs)
			if err := c.builds(context.Background(), res, bs); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Split(strings.TrimSpace(string(b)), "\n"); !slices.Equal(got, tt.want) {
				t.Errorf("builds ran\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
			if got := len(res.fresh["briefs"]); got != tt.runs {
				t.Errorf("%d fresh builds of briefs measured, want %d", got, tt.runs)
			}
			if got := len(res.rebuild["briefs"]); got != tt.runs {
				t.Errorf("%d rebuilds of briefs measured, want %d", got, tt.runs)
			}
			if slices.Contains(tt.tools, "briefs-custom") {
				if got := len(res.fresh["briefs-custom"]); got != tt.runs {
					t.Errorf("%d fresh builds of briefs-custom measured, want %d", got, tt.runs)
				}
			}

			// Every output is still there: nothing was deleted while timing.
			for _, w := range tt.want {
				page := filepath.Join(out.folder(strings.Fields(w)[2]), "index.html")
				if _, err := os.Stat(page); err != nil {
					t.Errorf("after the builds: %v", err)
				}
			}
			c.close()
			for _, d := range []string{out.dir, out.trash} {
				if _, err := os.Stat(d); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("after close, %s: %v, want it deleted", d, err)
				}
			}
		})
	}
}

// TestNewOutputs checks that the folders of an earlier comparison go to
// the trash, not deleted, and are deleted at close with the outputs.
func TestNewOutputs(t *testing.T) {
	work := t.TempDir()
	for _, f := range []string{
		"out/briefs-1/index.html",    // an interrupted comparison
		"out-briefs/index.html",      // older versions of compare
		"out-hugo/index.html",        //
		"site-n10-seed1/config.toml", // kept between comparisons
		"hugo-n10-seed1/config.toml",
	} {
		p := filepath.Join(work, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o, err := newOutputs(work)
	if err != nil {
		t.Fatal(err)
	}
	trashed := func(name string) bool {
		m, _ := filepath.Glob(filepath.Join(work, "trash", name+"-*", name, "*", "index.html"))
		n, _ := filepath.Glob(filepath.Join(work, "trash", name+"-*", name, "index.html"))
		return len(m)+len(n) == 1
	}
	tests := []struct {
		path       string
		afterNew   bool // exists after newOutputs
		afterClose bool // exists after close
		trashed    bool // in the trash after newOutputs
	}{
		{"out", true, false, true},
		{"out/briefs-1", false, false, false},
		{"out-briefs", false, false, true},
		{"out-hugo", false, false, true},
		{"trash", true, false, false},
		{"site-n10-seed1/config.toml", true, true, false},
		{"hugo-n10-seed1/config.toml", true, true, false},
	}
	exists := func(p string) bool {
		_, err := os.Stat(filepath.Join(work, filepath.FromSlash(p)))
		return err == nil
	}
	for _, tt := range tests {
		if got := exists(tt.path); got != tt.afterNew {
			t.Errorf("after newOutputs, %s exists = %v, want %v", tt.path, got, tt.afterNew)
		}
		if tt.trashed && !trashed(filepath.Base(tt.path)) {
			t.Errorf("after newOutputs, %s is not in the trash with its files", tt.path)
		}
	}
	if n, err := o.close(); err != nil || n < 6 {
		t.Errorf("close() = %d, %v; want at least the 6 files and folders of the trash", n, err)
	}
	for _, tt := range tests {
		if got := exists(tt.path); got != tt.afterClose {
			t.Errorf("after close, %s exists = %v, want %v", tt.path, got, tt.afterClose)
		}
	}
}

// TestEnsure checks that a folder that an interrupted run left half
// written goes to the trash, and that a whole one is kept.
func TestEnsure(t *testing.T) {
	tests := []struct {
		name      string
		existing  string // a file in place before ensure, if any
		wantWrite bool
		wantTrash bool
	}{
		{"new", "", true, false},
		{"half written", "site.tmp/old", true, true},
		{"whole", "site/old", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work := t.TempDir()
			out, err := newOutputs(work)
			if err != nil {
				t.Fatal(err)
			}
			c := &comparison{work: work, out: out}
			if tt.existing != "" {
				p := filepath.Join(work, filepath.FromSlash(tt.existing))
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, nil, 0o644)
			}
			wrote := false
			err = c.ensure(filepath.Join(work, "site"), func(tmp string) error {
				wrote = true
				if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
					t.Errorf("write got a folder with %d entries, want it empty", len(entries))
				}
				return os.WriteFile(filepath.Join(tmp, "new"), nil, 0o644)
			})
			if err != nil {
				t.Fatal(err)
			}
			if wrote != tt.wantWrite {
				t.Errorf("write called = %v, want %v", wrote, tt.wantWrite)
			}
			m, _ := filepath.Glob(filepath.Join(out.trash, "site.tmp-*", "site.tmp", "old"))
			if got := len(m) == 1; got != tt.wantTrash {
				t.Errorf("the stale folder in the trash = %v, want %v", got, tt.wantTrash)
			}
		})
	}
}

func TestShadowLeft(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		deleted time.Time
		wait    time.Duration
		want    time.Duration
	}{
		{now, 5 * time.Minute, 5 * time.Minute},
		{now.Add(-time.Minute), 5 * time.Minute, 4 * time.Minute},
		{now.Add(-5 * time.Minute), 5 * time.Minute, 0},
		{now.Add(-time.Hour), 5 * time.Minute, 0},
		{now.Add(time.Hour), 5 * time.Minute, 5 * time.Minute}, // a clock set back
		{now, 0, 0},
	}
	for _, tt := range tests {
		if got := shadowLeft(tt.deleted, now, tt.wait); got != tt.want {
			t.Errorf("shadowLeft(now%+v, now, %v) = %v, want %v", tt.deleted.Sub(now), tt.wait, got, tt.want)
		}
	}
}

func TestWaitForDeletions(t *testing.T) {
	const wait = 300 * time.Millisecond
	tests := []struct {
		name     string
		age      time.Duration // of the mark; -1 for none
		wait     time.Duration
		min, max time.Duration
	}{
		{"no mark", -1, wait, 0, wait},
		{"old mark", time.Hour, wait, 0, wait},
		{"fresh mark", 0, wait, wait - 50*time.Millisecond, 10 * wait},
		{"waiting turned off", 0, 0, 0, wait},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mark := filepath.Join(t.TempDir(), "mark")
			if tt.age >= 0 {
				if err := markDeletion(mark); err != nil {
					t.Fatal(err)
				}
				at := time.Now().Add(-tt.age)
				os.Chtimes(mark, at, at)
			}
			c := &comparison{o: compareOptions{deletionWait: tt.wait}, log: io.Discard, mark: mark}
			began := time.Now()
			if err := c.waitForDeletions(context.Background()); err != nil {
				t.Fatal(err)
			}
			if d := time.Since(began); d < tt.min || d > tt.max {
				t.Errorf("waitForDeletions waited %v, want %v to %v", d, tt.min, tt.max)
			}
		})
	}
	t.Run("canceled", func(t *testing.T) {
		mark := filepath.Join(t.TempDir(), "mark")
		markDeletion(mark)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		c := &comparison{o: compareOptions{deletionWait: time.Hour}, log: io.Discard, mark: mark}
		if err := c.waitForDeletions(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("waitForDeletions with a canceled context = %v, want context.Canceled", err)
		}
	})
}

func TestCheckSpace(t *testing.T) {
	o, err := newOutputs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	free, ok := freeSpace(o.dir)
	if !ok {
		t.Skip("statfs does not work here")
	}
	if free < 2*reserve {
		t.Skipf("only %s free", bytesize(free))
	}
	o.record("small", 1000, 900)
	o.record("huge", free, 0)
	o.record("huge", free, free-10) // a smaller build does not lower the estimate
	o.record("grown", 0, 100)       // space freed by others meanwhile
	tests := []struct {
		kind    string
		wantErr bool
	}{
		{"first", false},
		{"small", false},
		{"grown", false},
		{"huge", true},
	}
	for _, tt := range tests {
		if err := o.checkSpace(tt.kind); (err != nil) != tt.wantErr {
			t.Errorf("checkSpace(%q) = %v, want an error: %v", tt.kind, err, tt.wantErr)
		}
	}
}
