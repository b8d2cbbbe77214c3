package output

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
)

func TestSyncTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	write(t, dir, site(), Options{})
	for name, sync := range map[string]func(string) error{"syncTree": syncTree, "syncEach": syncEach} {
		if err := sync(dir); err != nil {
			t.Errorf("%s of an output: %v", name, err)
		}
		if err := sync(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s of a missing folder: err = %v, want fs.ErrNotExist", name, err)
		}
	}
	if err := syncPath(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("syncPath of a missing file: err = %v, want fs.ErrNotExist", err)
	}
}

// TestWriteSync: with Sync, a first build and a rebuild give the output
// they give without it.
func TestWriteSync(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := site()
	write(t, dest, files, Options{Sync: true})
	sameFiles(t, dest, files)
	files["new.html"] = []byte("new")
	delete(files, "index.html")
	write(t, dest, files, Options{Sync: true})
	sameFiles(t, dest, files)
	noLeftovers(t, dest)
}
