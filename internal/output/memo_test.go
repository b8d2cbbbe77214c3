package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReadMemo(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if memo, err := ReadMemo(dest); memo != "" || err != nil {
		t.Errorf("ReadMemo(no folder) = %q, %v; want \"\", nil", memo, err)
	}
	w := open(t, dest)
	if err := w.Add("index.html", 0, []byte("<p>home</p>")); err != nil {
		t.Fatal(err)
	}
	w.SetMemo("inputs x\nwarning: one")
	commit(t, w)
	if memo, err := ReadMemo(dest); memo != "inputs x\nwarning: one" || err != nil {
		t.Errorf("ReadMemo() = %q, %v; want the memo set", memo, err)
	}
	if files, memo, err := FilesAndMemo(dest); len(files) != 1 || memo != "inputs x\nwarning: one" || err != nil {
		t.Errorf("FilesAndMemo() = %v, %q, %v; want index.html and the memo set", files, memo, err)
	}
	// A folder that no build wrote has no memo, and is no error.
	other := filepath.Join(dir, "other")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "x.html"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if memo, err := ReadMemo(other); memo != "" || err != nil {
		t.Errorf("ReadMemo(a folder no build wrote) = %q, %v; want \"\", nil", memo, err)
	}
	// A folder that cannot be read is an error.
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadMemo(filepath.Join(dir, "file")); err == nil {
		t.Error("ReadMemo(a file) = nil error, want one")
	}
}
