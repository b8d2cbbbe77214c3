package build_test

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/site"
)

// TestQuickEdits edits one brief again and again, as an editor does in the
// preview, and checks after each save that the rebuild parsed that brief
// alone and gave the files of a fresh build, the sitemap's dates included.
func TestQuickEdits(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 30, Seed: 2, Photos: -1}); err != nil {
		t.Fatal(err)
	}
	const p = "content/briefs/brief-7.md"
	dateLine := regexp.MustCompile(`(?m)^date = .*$`)
	tests := []struct {
		name        string
		edit        func(string) string
		wantChanged []string // among the files that changed
	}{
		{
			name:        "body",
			edit:        func(s string) string { return s + "\nA sentence added in the preview.\n" },
			wantChanged: []string{"briefs/brief-7/index.html"},
		},
		{
			name: "set updated",
			edit: func(s string) string {
				return dateLine.ReplaceAllString(s, "$0\nupdated = 2026-11-27T09:00:00Z")
			},
			wantChanged: []string{"briefs/brief-7/index.html", "sitemap.xml"},
		},
		{
			name: "move updated",
			edit: func(s string) string {
				return regexp.MustCompile(`updated = .*`).ReplaceAllString(s, "updated = 2026-11-27T10:30:00Z")
			},
			wantChanged: []string{"briefs/brief-7/index.html", "sitemap.xml"},
		},
		{
			name:        "title",
			edit:        func(s string) string { return strings.Replace(s, `title = "`, `title = "Edited: `, 1) },
			wantChanged: []string{"briefs/brief-7/index.html", "briefs/brief-7/index.json"},
		},
		{
			name:        "body again",
			edit:        func(s string) string { return s + "\nAnother sentence.\n" },
			wantChanged: []string{"briefs/brief-7/index.html"},
		},
	}
	ctx := context.Background()
	opts := options(dir)
	opts.Defer = true
	b := build.New(opts)
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				t.Fatal(err)
			}
			write(t, dir, p, tt.edit(string(data)))
			res, err := b.Build(ctx, []string{p})
			if err != nil {
				t.Fatal(err)
			}
			changed := res.Changed
			files, later, err := b.Finish(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if files != nil {
				res.Files = files
				changed = append(changed, later...)
			}
			if res.Parsed != 1 {
				t.Errorf("briefs parsed = %d, want 1", res.Parsed)
			}
			for _, w := range tt.wantChanged {
				if !slices.Contains(changed, w) {
					t.Errorf("changed files %v do not include %s", changed, w)
				}
			}
			want, err := build.New(options(dir)).Build(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			compare(t, tt.name, res.Files, want.Files)
		})
	}
}

// TestRebuildReady checks the pages a preview gets ahead of the rest of a
// rebuild: those of the edited briefs whose bytes changed, as the whole
// rebuild then has them, and none when the edit needs a full pass.
func TestRebuildReady(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 30, Seed: 4, Photos: 0}); err != nil {
		t.Fatal(err)
	}
	const a, c = "content/briefs/brief-3.md", "content/briefs/brief-12.md"
	appendText := func(text string) func(string) string {
		return func(s string) string { return s + "\n" + text + "\n" }
	}
	tests := []struct {
		name  string
		edits map[string]func(string) string
		gone  []string // more changed paths: files written and renamed away
		want  []string // the pages given to ready
	}{
		{
			name:  "body",
			edits: map[string]func(string) string{a: appendText("An added sentence.")},
			want:  []string{"briefs/brief-3/index.html"},
		},
		{
			name:  "two briefs",
			edits: map[string]func(string) string{a: appendText("Another one."), c: appendText("And here.")},
			want:  []string{"briefs/brief-12/index.html", "briefs/brief-3/index.html"},
		},
		{
			name: "the page does not change",
			edits: map[string]func(string) string{a: func(s string) string {
				return strings.Replace(s, "+++\n", "+++\n# a comment in the front matter\n", 1)
			}},
		},
		{
			name:  "beside an editor's temporary file",
			edits: map[string]func(string) string{a: appendText("Saved through a temporary file.")},
			gone:  []string{"content/briefs/brief-3.md.sb-0c1f-tmp"},
			want:  []string{"briefs/brief-3/index.html"},
		},
		{
			name: "a new date takes the full pass",
			edits: map[string]func(string) string{a: func(s string) string {
				return regexp.MustCompile(`(?m)^date = .*$`).ReplaceAllString(s, "date = 2026-11-01T08:00:00Z")
			}},
		},
		{
			name:  "after the full pass",
			edits: map[string]func(string) string{a: appendText("After a full pass.")},
			want:  []string{"briefs/brief-3/index.html"},
		},
	}
	ctx := context.Background()
	opts := options(dir)
	opts.Defer, opts.Preview = true, true
	b := build.New(opts)
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var changed []string
			for p, edit := range tt.edits {
				data, err := os.ReadFile(filepath.Join(dir, p))
				if err != nil {
					t.Fatal(err)
				}
				write(t, dir, p, edit(string(data)))
				changed = append(changed, p)
			}
			changed = append(changed, tt.gone...)
			var got map[string][]byte
			calls := 0
			res, err := b.Rebuild(ctx, changed, func(pages map[string][]byte) { got, calls = pages, calls+1 })
			if err != nil {
				t.Fatal(err)
			}
			all, _, err := b.Finish(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if all == nil {
				all = res.Files
			}
			paths := slices.Sorted(maps.Keys(got))
			if !slices.Equal(paths, tt.want) || calls > 1 {
				t.Errorf("ready got %q in %d calls, want %q in one call at most", paths, calls, tt.want)
			}
			fresh := options(dir)
			fresh.Preview = true
			want, err := build.New(fresh).Build(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			compare(t, tt.name, all, want.Files)
			for p, data := range got {
				if !bytes.Equal(data, res.Files[p]) {
					t.Errorf("ready got %s with other bytes than the rebuild's", p)
				}
				if !slices.Contains(res.Changed, p) {
					t.Errorf("the rebuild's changed files %q lack %s, given to ready", res.Changed, p)
				}
			}
		})
	}
}

// TestQuickAfterFailedBuild fails a full pass that had converted a brief
// again: the site of the last good build still shows the brief as it
// was, so the next edit of it must not update the new version in place.
func TestQuickAfterFailedBuild(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 20, Seed: 6, Photos: 0}); err != nil {
		t.Fatal(err)
	}
	const p = "content/briefs/brief-4.md"
	data, err := os.ReadFile(filepath.Join(dir, p))
	if err != nil {
		t.Fatal(err)
	}
	moved := regexp.MustCompile(`(?m)^date = .*$`).ReplaceAllString(string(data), "date = 2026-11-02T08:00:00Z")
	end := strings.Index(moved[3:], "+++") + 3
	badRef := moved[:end] + "[[go_deeper]]\ntitle = \"Gone\"\nref = \"no-such-brief\"\n" + moved[end:]
	steps := []struct {
		name    string
		text    string
		wantErr string
	}{
		{"new date and a bad ref", badRef, "no-such-brief"},
		{"ref fixed", moved + "\nFixed.\n", ""},
		{"edited again", moved + "\nFixed and edited.\n", ""},
	}
	ctx := context.Background()
	b := build.New(options(dir))
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, step := range steps {
		write(t, dir, p, step.text)
		res, err := b.Rebuild(ctx, []string{p}, nil)
		if step.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), step.wantErr) {
				t.Fatalf("%s: error %v, want one naming %s", step.name, err, step.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		want, err := build.New(options(dir)).Build(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		compare(t, step.name, res.Files, want.Files)
	}
}

// TestQuickRebuildKeepsOldSite holds a Site handed out by one build and
// checks that a quick rebuild after an edit leaves it as it was: the
// rebuild makes a new site, which shares the briefs that were not edited.
func TestQuickRebuildKeepsOldSite(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 30, Seed: 5, Photos: -1}); err != nil {
		t.Fatal(err)
	}
	const p = "content/briefs/brief-9.md"
	ctx := context.Background()
	b := build.New(options(dir))
	first, err := b.Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	old := first.Site
	before := snapshot(t, old)
	briefs := slices.Clone(old.Briefs)

	data, err := os.ReadFile(filepath.Join(dir, p))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, p, strings.Replace(string(data), `title = "`, `title = "Edited: `, 1)+"\nAn added sentence.\n")
	res, err := b.Build(ctx, []string{p})
	if err != nil {
		t.Fatal(err)
	}
	next := res.Site
	if next == old || next.Lineage() != old.Lineage() {
		t.Fatalf("the edit did not take the quick rebuild (a new site of the same lineage)")
	}
	if after := snapshot(t, old); after != before {
		t.Errorf("the site handed out before the quick rebuild changed:\n%s", firstDiff(before, after))
	}
	edited := 0
	for i, br := range next.Briefs {
		switch {
		case br.Source.Path == p:
			edited++
			if !strings.HasPrefix(br.Title, "Edited: ") || strings.HasPrefix(briefs[i].Title, "Edited: ") {
				t.Errorf("titles: old site %q, new site %q", briefs[i].Title, br.Title)
			}
		case br != briefs[i]:
			t.Errorf("%s was not edited, but the new site has a copy of it", br.Source.Path)
		}
	}
	if edited != 1 {
		t.Errorf("the new site has the edited brief %d times", edited)
	}
}

// snapshot returns everything a site holds, as JSON.
func snapshot(t *testing.T, s *site.Site) string {
	t.Helper()
	data, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// firstDiff returns the first line where a and b differ, with its neighbours.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			lo := max(0, i-3)
			return strings.Join(al[lo:i+1], "\n") + "\n---\n" + strings.Join(bl[lo:i+1], "\n")
		}
	}
	return "(one is a prefix of the other)"
}
