package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/output"
)

// writeFiles writes files (slash path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWriteOut(t *testing.T) {
	src := t.TempDir()
	files := map[string]string{
		"index.html":                  "<!DOCTYPE html><title>Home</title>",
		"briefs/one/index.html":       "<p>One</p>",
		"briefs/one/index.json":       `{"slug":"one"}`,
		"briefs/one/photo.svg":        "<svg/>",
		"topics/budget/page/2/x.html": "",
	}
	writeFiles(t, src, files)
	writeFiles(t, src, map[string]string{output.ManifestName: "# not a file of the site\n"})
	dst := filepath.Join(t.TempDir(), "public")

	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"writeout", src, dst}, &stdout, &stderr); code != 0 {
		t.Fatalf("writeout: exit code %d\n%s", code, stderr.String())
	}
	for p, want := range files {
		got, err := os.ReadFile(filepath.Join(dst, filepath.FromSlash(p)))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", p, got, err, want)
		}
	}
	// The manifest is briefs' writer's own, listing the files written.
	manifest, err := os.ReadFile(filepath.Join(dst, output.ManifestName))
	if err != nil || !strings.Contains(string(manifest), "briefs/one/index.json") || strings.Contains(string(manifest), "not a file") {
		t.Errorf("manifest = %q, %v; want the writer's, listing the files", manifest, err)
	}
	if !strings.HasPrefix(stdout.String(), "Wrote 5 files into ") {
		t.Errorf("stdout = %q, want it to count the 5 files", stdout.String())
	}
	if d, err := parseWriteOut(stdout.String()); err != nil || d <= 0 {
		t.Errorf("parseWriteOut(%q) = %v, %v; want the time taken", stdout.String(), d, err)
	}
}

func TestWriteOutErrors(t *testing.T) {
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"index.html": "home"})
	empty := t.TempDir()
	taken := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"one argument", []string{"writeout", src}, 2, "want 2 arguments"},
		{"destination exists", []string{"writeout", src, taken}, 1, "exists: write into a new folder"},
		{"no files", []string{"writeout", empty, filepath.Join(taken, "out")}, 1, "holds no files"},
		{"no source", []string{"writeout", filepath.Join(empty, "missing"), filepath.Join(taken, "out")}, 1, "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), tt.args, &stdout, &stderr); code != tt.code || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit code %d, stderr %q; want %d and %q", code, stderr.String(), tt.code, tt.want)
			}
		})
	}
}

func TestParseWriteOut(t *testing.T) {
	tests := []struct {
		out  string
		want time.Duration
		ok   bool
	}{
		{"Wrote 33636 files into /tmp/out in 1.678s\n", 1678 * time.Millisecond, true},
		{"a warning\nWrote 3 files into /tmp/in in out in 12ms", 12 * time.Millisecond, true},
		{"Wrote 3 files into /tmp/out in soon", 0, false},
		{"writeout: no such file", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, err := parseWriteOut(tt.out)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("parseWriteOut(%q) = %v, %v; want %v, ok %v", tt.out, got, err, tt.want, tt.ok)
		}
	}
}
