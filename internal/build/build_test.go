package build_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/corpus"
)

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func options(dir string) build.Options {
	return build.Options{FS: os.DirFS(dir), Now: func() time.Time { return now }}
}

func write(t testing.TB, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// compare fails the test when two builds' files differ.
func compare(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	var diffs []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+p)
		case !bytes.Equal(g, w):
			diffs = append(diffs, "differs "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		if len(diffs) > 10 {
			diffs = append(diffs[:10], fmt.Sprintf("and %d more", len(diffs)-10))
		}
		t.Fatalf("%s: incremental build differs from a fresh build:\n%s", step, strings.Join(diffs, "\n"))
	}
}

// TestIncrementalMatchesFresh applies random edit sequences to a site and
// checks after every step that the incremental rebuild, told only which
// files changed, gives exactly the files of a fresh full build.
func TestIncrementalMatchesFresh(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			dir := t.TempDir()
			if _, err := corpus.Write(dir, corpus.Options{Briefs: 40, Seed: seed, Photos: -1}); err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			opts := options(dir)
			opts.Defer = seed%2 == 0 // as the preview builds: slow files after Finish
			inc := build.New(opts)
			if _, err := inc.Build(ctx, nil); err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewPCG(seed, 7))
			broken := ""
			for step := 0; step < 25; step++ {
				name, changed := edit(t, r, dir, &broken)
				got, gotErr := inc.Build(ctx, changed)
				if gotErr == nil {
					files, _, err := inc.Finish(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if files != nil {
						got.Files = files
					}
				}
				want, wantErr := build.New(options(dir)).Build(ctx, nil)
				label := fmt.Sprintf("step %d (%s)", step, name)
				if (gotErr == nil) != (wantErr == nil) {
					t.Fatalf("%s: incremental error %v, fresh error %v", label, gotErr, wantErr)
				}
				if wantErr != nil {
					if gotErr.Error() != wantErr.Error() {
						t.Fatalf("%s: errors differ:\nincremental: %v\nfresh: %v", label, gotErr, wantErr)
					}
					continue
				}
				compare(t, label, got.Files, want.Files)
			}
		})
	}
}

// edit makes one random change to the site and returns its name and the
// changed paths, as the watcher would report them.
func edit(t *testing.T, r *rand.Rand, dir string, broken *string) (string, []string) {
	t.Helper()
	if photo, ok := strings.CutPrefix(*broken, "photo:"); ok {
		// Put back the photo removed by the previous step.
		write(t, dir, photo, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
		*broken = ""
		return "restore photo", []string{photo}
	}
	if *broken != "" {
		// Fix the brief broken by the previous step.
		p := *broken
		data, _ := os.ReadFile(filepath.Join(dir, p))
		write(t, dir, p, strings.Replace(string(data), "titel = ", "title = ", 1))
		*broken = ""
		return "fix", []string{p}
	}
	briefs := existing(t, dir)
	p := briefs[r.IntN(len(briefs))]
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	switch op := r.IntN(10); op {
	case 0:
		write(t, dir, p, text+"\nOne more paragraph, added in an edit.\n")
		return "edit body", []string{p}
	case 1:
		write(t, dir, p, strings.Replace(text, "title = \"", "title = \"Edited: ", 1))
		return "edit title", []string{p}
	case 2:
		write(t, dir, p, strings.Replace(text, "topics = [", "topics = [\"breaking-news\", ", 1))
		return "add topic", []string{p}
	case 3:
		write(t, dir, p, strings.Replace(text, "date = 20", "date = 2019-12-31T10:00:00Z\n# was 20", 1))
		return "move date", []string{p}
	case 4:
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			t.Fatal(err)
		}
		changed := []string{p}
		if strings.HasSuffix(p, "/index.md") {
			photo := strings.TrimSuffix(p, "index.md") + "photo.svg"
			os.Remove(filepath.Join(dir, filepath.FromSlash(photo)))
			changed = append(changed, photo)
		}
		// Briefs that linked to it by ref would now fail: drop those refs.
		for _, q := range existing(t, dir) {
			qd, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(q)))
			slug := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(strings.TrimSuffix(p, "/index.md")), ".md"), "/")
			ref := "ref = \"" + slug + "\""
			if strings.Contains(string(qd), ref) {
				write(t, dir, q, strings.Replace(string(qd), ref, "url = \"https://example.com/gone\"", 1))
				changed = append(changed, q)
			}
		}
		return "delete", changed
	case 5:
		n := fmt.Sprintf("content/briefs/new-%d.md", r.IntN(1_000_000))
		write(t, dir, n, "+++\ntitle = \"A new brief\"\ndate = 2026-01-05T10:00:00Z\ntopics = [\"fresh\"]\nauthors = [\"New Writer\"]\n+++\nLede of [a link](brief-0.md).\n\n**Why this matters:** it is new.\n")
		return "create", []string{n}
	case 6:
		if strings.HasSuffix(p, "/index.md") && r.IntN(2) == 0 {
			photo := strings.TrimSuffix(p, "index.md") + "photo.svg"
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(photo))); err != nil {
				t.Fatal(err)
			}
			*broken = "photo:" + photo
			return "remove photo", []string{photo}
		}
		write(t, dir, p, strings.Replace(text, "title = ", "titel = ", 1))
		*broken = p
		return "break", []string{p}
	case 7:
		write(t, dir, "layouts/partials/footer.html", fmt.Sprintf("<footer><p>Footer %d</p></footer>\n", r.IntN(1000)))
		return "template", []string{"layouts/partials/footer.html"}
	case 8:
		write(t, dir, "static/extra.txt", fmt.Sprint("static ", r.IntN(1000)))
		return "static", []string{"static/extra.txt"}
	default:
		write(t, dir, "config.toml", strings.Replace(corpus.Config, "paginate = 10", fmt.Sprintf("paginate = %d", 5+r.IntN(10)), 1))
		return "config", []string{"config.toml"}
	}
}

func existing(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestOneBriefEditParsesOneBrief checks the work of a one-brief rebuild:
// one brief parsed, and only the pages that show it rendered.
func TestOneBriefEditParsesOneBrief(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 200, Seed: 1, Photos: 0}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b := build.New(options(dir))
	first, err := b.Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := "content/briefs/brief-150.md"
	data, _ := os.ReadFile(filepath.Join(dir, p))
	write(t, dir, p, string(data)+"\nAn added sentence.\n")
	res, err := b.Build(ctx, []string{p})
	if err != nil {
		t.Fatal(err)
	}
	if res.Parsed != 1 {
		t.Errorf("briefs parsed after a one-brief edit = %d, want 1", res.Parsed)
	}
	if res.Rendered*10 > first.Rendered {
		t.Errorf("files rendered after a one-brief edit = %d of %d, want a small share", res.Rendered, first.Rendered)
	}
	if !contains(res.Changed, "briefs/brief-150/index.html") {
		t.Errorf("changed files %v do not include the brief's page", res.Changed)
	}
	// Nothing changed: nothing parsed or rendered.
	res, err = b.Build(ctx, []string{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Parsed != 0 || res.Rendered != 0 || len(res.Changed) != 0 {
		t.Errorf("empty rebuild parsed %d, rendered %d, changed %v; want nothing", res.Parsed, res.Rendered, res.Changed)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
