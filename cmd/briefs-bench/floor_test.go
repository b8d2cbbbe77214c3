package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/corpus"
)

func TestFloor(t *testing.T) {
	site := t.TempDir()
	paths, err := corpus.Write(site, corpus.Options{Briefs: 25, Seed: 1, Photos: -1})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		write bool
		files int
	}{
		{"write", true, 25},
		{"read only", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			n, err := floor(context.Background(), site, out, tt.write)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(paths) {
				t.Errorf("floor converted %d briefs, want %d", n, len(paths))
			}
			files, _ := filepath.Glob(filepath.Join(out, "briefs", "*", "index.html"))
			if len(files) != tt.files {
				t.Errorf("floor wrote %d pages, want %d", len(files), tt.files)
			}
			if tt.write {
				page, _ := os.ReadFile(filepath.Join(out, "briefs", "brief-3", "index.html"))
				if !strings.Contains(string(page), "<h1>") || !strings.Contains(string(page), "<strong>Why this matters") {
					t.Errorf("briefs/brief-3/index.html =\n%s\nwant the title and the converted body", page)
				}
			}
		})
	}
}

func TestFloorBrokenBrief(t *testing.T) {
	site := t.TempDir()
	p := filepath.Join(site, "content", "briefs", "bad.md")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, []byte("+++\ntitle = \n+++\n"), 0o644)
	if _, err := floor(context.Background(), site, t.TempDir(), true); err == nil || !strings.Contains(err.Error(), "bad.md") {
		t.Errorf("floor of a broken brief: error %v, want one naming bad.md", err)
	}
}
