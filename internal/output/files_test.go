package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFiles(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := map[string][]byte{"index.html": []byte("home"), "briefs/x/index.html": []byte("x")}
	if _, err := Write(dest, files, Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := Files(dest)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Path != "briefs/x/index.html" || got[1].Path != "index.html" {
		t.Fatalf("Files = %+v", got)
	}
	for _, f := range got {
		if f.Sum != Sum(files[f.Path]) || f.Size != int64(len(files[f.Path])) {
			t.Errorf("%s: sum %s size %d, want %s %d", f.Path, f.Sum, f.Size, Sum(files[f.Path]), len(files[f.Path]))
		}
	}
	for _, dir := range []string{filepath.Join(t.TempDir(), "none"), t.TempDir()} {
		if _, err := Files(dir); err == nil || !strings.Contains(err.Error(), "build first") {
			t.Errorf("Files(%s) error = %v", dir, err)
		}
	}
}

func TestKeepIfAbsent(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "docs")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dest, "CNAME"), []byte("news.example.org\n"), 0o644)
	os.WriteFile(filepath.Join(dest, "old.html"), []byte("old"), 0o644)
	build := func(files map[string][]byte) {
		t.Helper()
		w, err := Open(dest, Options{Force: true})
		if err != nil {
			t.Fatal(err)
		}
		for p, data := range files {
			if err := w.Add(p, 1, data); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.KeepIfAbsent("CNAME"); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	cname := func() string {
		data, _ := os.ReadFile(filepath.Join(dest, "CNAME"))
		return string(data)
	}
	build(map[string][]byte{"index.html": []byte("a")})
	if cname() != "news.example.org\n" {
		t.Errorf("forced build: CNAME %q", cname())
	}
	if _, err := os.Stat(filepath.Join(dest, "old.html")); err == nil {
		t.Errorf("forced build kept old.html")
	}
	build(map[string][]byte{"index.html": []byte("b")})
	if cname() != "news.example.org\n" {
		t.Errorf("next build: CNAME %q", cname())
	}
	// A build that writes a CNAME wins; once it stops, its CNAME goes.
	build(map[string][]byte{"index.html": []byte("b"), "CNAME": []byte("other.example.org\n")})
	if cname() != "other.example.org\n" {
		t.Errorf("build with a CNAME: %q", cname())
	}
	build(map[string][]byte{"index.html": []byte("b")})
	if cname() != "" {
		t.Errorf("a CNAME a build wrote stayed after it: %q", cname())
	}
	// No CNAME: nothing kept. A CNAME that is a folder: an error.
	build(map[string][]byte{"index.html": []byte("c")})
	os.Mkdir(filepath.Join(dest, "x"), 0o755)
	w, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.KeepIfAbsent("x"); err == nil {
		t.Errorf("KeepIfAbsent of a folder: no error")
	}
}
