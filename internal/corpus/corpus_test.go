package corpus_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/check"
	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/load"
)

// write writes a generated site into a new folder and returns it.
func write(t *testing.T, opts corpus.Options) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := corpus.Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	return dir
}

// files reads every file under dir, by slash path.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name   string
		a, b   corpus.Options
		prefix int  // compare the files of the first prefix briefs only; 0 means all files
		same   bool // whether the files must be the same
	}{
		{"same seed", corpus.Options{Briefs: 60, Seed: 1, Photos: -1}, corpus.Options{Briefs: 60, Seed: 1, Photos: -1}, 0, true},
		{"other seed", corpus.Options{Briefs: 60, Seed: 1, Photos: -1}, corpus.Options{Briefs: 60, Seed: 2, Photos: -1}, 0, false},
		{"more briefs", corpus.Options{Briefs: 40, Seed: 3, Photos: -1}, corpus.Options{Briefs: 60, Seed: 3, Photos: -1}, 40, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := files(t, write(t, tt.a)), files(t, write(t, tt.b))
			same := true
			for p, da := range a {
				if db, ok := b[p]; !ok || !bytes.Equal(da, db) {
					same = false
					if tt.same {
						t.Errorf("%s differs", p)
					}
				}
			}
			if tt.prefix == 0 && len(a) != len(b) {
				same = false
				if tt.same {
					t.Errorf("%d files, then %d", len(a), len(b))
				}
			}
			if !tt.same && same {
				t.Errorf("the sites are the same, want them to differ")
			}
		})
	}
}

// TestBuildsClean checks that a generated site builds without a warning
// and that briefs check finds nothing in it: a benchmark must not measure
// the printing of thousands of warnings.
func TestBuildsClean(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts corpus.Options
	}{
		{"one language", corpus.Options{Briefs: 200, Seed: 7, Photos: -1}},
		{"translated", corpus.Options{Briefs: 200, Seed: 7, Photos: -1, Translated: 0.5}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := write(t, tt.opts)
			ctx := context.Background()
			res, err := build.New(build.Options{FS: os.DirFS(dir), Check: check.InBuild{}}).Build(ctx, nil)
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			translated, _ := filepath.Glob(filepath.Join(dir, "content/briefs/*.es.md"))
			bundles, _ := filepath.Glob(filepath.Join(dir, "content/briefs/*/index.es.md"))
			want := 200 + len(translated) + len(bundles)
			if tt.opts.Translated > 0 && (len(translated)+len(bundles) < 60 || len(translated)+len(bundles) > 140) {
				t.Errorf("%d briefs of 200 translated, want about half", len(translated)+len(bundles))
			}
			if res.Briefs != want {
				t.Errorf("built %d briefs, want %d", res.Briefs, want)
			}
			for _, w := range res.Warnings {
				t.Errorf("build: %s", w)
			}
			cfg, briefs, problems, err := load.All(ctx, os.DirFS(dir))
			if err != nil {
				t.Fatal(err)
			}
			findings, err := check.Run(ctx, check.Input{Config: cfg, Briefs: briefs, Problems: problems}, check.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				t.Errorf("check: %s", f)
			}
		})
	}
}
