package build_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/corpus"
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
