package sitefs

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// site makes a folder with files, folders and links inside it and out of
// it, and returns it.
func site(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	dir := filepath.Join(top, "site")
	write := func(p, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(top, "secret.txt"), "SECRET")
	write(filepath.Join(top, "private/key.txt"), "SECRET KEY")
	write(filepath.Join(dir, "config.toml"), "title = \"T\"\n")
	write(filepath.Join(dir, "content/briefs/vote/index.md"), "+++\ntitle = \"Vote\"\n+++\nLede.\n")
	write(filepath.Join(dir, "content/briefs/vote/photo.jpg"), strings.Repeat("J", 5000))
	for link, target := range map[string]string{
		"content/briefs/inside.md":     "vote/index.md",
		"content/briefs/up-and-in.md":  "../../config.toml",
		"content/briefs/out.md":        "../../../secret.txt",
		"content/briefs/absolute.md":   filepath.Join(top, "secret.txt"),
		"content/briefs/folder-in":     "vote",
		"content/briefs/folder-out":    "../../../private",
		"content/briefs/nowhere.md":    "missing.md",
		"content/briefs/loop.md":       "loop.md",
		"static/proc.txt":              "/proc/self/root/etc/hostname",
		"static/via-folder-out/key.md": "../../content/briefs/folder-out/key.txt",
	} {
		p := filepath.Join(dir, link)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	return dir
}

// TestSameAsRoot checks that every operation gives what os.Root's FS
// gives: the same bytes, or an error from both.
func TestSameAsRoot(t *testing.T) {
	dir := site(t)
	fsys, closeFS, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	want := root.FS()

	ops := map[string]func(fs.FS, string) (string, error){
		"ReadFile": func(f fs.FS, p string) (string, error) {
			data, err := fs.ReadFile(f, p)
			return string(data), err
		},
		"Open and read": func(f fs.FS, p string) (string, error) {
			file, err := f.Open(p)
			if err != nil {
				return "", err
			}
			defer file.Close()
			data, err := io.ReadAll(file)
			return string(data), err
		},
		"Stat": func(f fs.FS, p string) (string, error) {
			info, err := fs.Stat(f, p)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(info.Name(), info.Mode(), info.Size(), info.ModTime()), nil
		},
		"Lstat": func(f fs.FS, p string) (string, error) {
			info, err := fs.Lstat(f, p)
			if err != nil {
				return "", err
			}
			return fmt.Sprint(info.Name(), info.Mode(), info.Size(), info.ModTime()), nil
		},
		"ReadDir": func(f fs.FS, p string) (string, error) {
			entries, err := fs.ReadDir(f, p)
			var names []string
			for _, e := range entries {
				info, err := e.Info()
				if err != nil {
					return "", err
				}
				names = append(names, fmt.Sprint(e.Name(), e.Type(), e.IsDir(), info.Name(), info.Mode(), info.Size(), info.ModTime()))
			}
			return strings.Join(names, " "), err
		},
		"ReadLink": func(f fs.FS, p string) (string, error) { return fs.ReadLink(f, p) },
	}
	paths := []string{
		".", "config.toml", "content", "content/briefs", "content/briefs/vote/index.md",
		"content/briefs/vote/photo.jpg", "content/briefs/inside.md", "content/briefs/up-and-in.md",
		"content/briefs/out.md", "content/briefs/absolute.md", "content/briefs/folder-in",
		"content/briefs/folder-in/index.md", "content/briefs/folder-out", "content/briefs/folder-out/key.txt",
		"content/briefs/nowhere.md", "content/briefs/loop.md", "static/proc.txt",
		"static/via-folder-out/key.md", "missing.txt",
		"../secret.txt", "/etc/passwd", "content/../config.toml", "content/briefs/vote/index.md/x", "",
	}
	for name, op := range ops {
		for _, p := range paths {
			got, gotErr := op(fsys, p)
			wanted, wantErr := op(want, p)
			if (gotErr == nil) != (wantErr == nil) || got != wanted {
				t.Errorf("%s(%q) = %q, %v; os.Root gives %q, %v", name, p, got, gotErr, wanted, wantErr)
			}
			if strings.Contains(got, "SECRET") {
				t.Errorf("%s(%q) read a file outside the site", name, p)
			}
		}
	}
}

// TestFS runs the standard library's checks of a file system.
func TestFS(t *testing.T) {
	dir := t.TempDir()
	for p, data := range map[string]string{"a.txt": "a", "b/c.txt": strings.Repeat("c", 10000), "b/d/e.md": ""} {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, closeFS, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	if err := fstest.TestFS(fsys, "a.txt", "b/c.txt", "b/d/e.md"); err != nil {
		t.Error(err)
	}
	data, err := fs.ReadFile(fsys, "b/c.txt")
	if err != nil || !bytes.Equal(data, bytes.Repeat([]byte("c"), 10000)) {
		t.Errorf("ReadFile(b/c.txt) = %d bytes, %v", len(data), err)
	}
}

func TestOpenMissingFolder(t *testing.T) {
	if _, _, err := Open(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("Open of a missing folder: no error")
	}
}
