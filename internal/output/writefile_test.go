package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "taken"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	page := []byte(strings.Repeat("<p>x</p>", 1000))
	tests := []struct {
		name    string
		path    string
		data    []byte
		wantErr bool
		errIs   error // what the error wraps, if known
	}{
		{"new file", "new.html", page, false, nil},
		{"empty file", "empty.html", nil, false, nil},
		{"file already there", "taken", page, true, fs.ErrExist},
		{"folder missing", "missing/index.html", page, true, fs.ErrNotExist},
		{"a file for a folder", "taken/index.html", page, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.path)
			err := writeFile(p, tt.data)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), p) || (tt.errIs != nil && !errors.Is(err, tt.errIs)) {
					t.Fatalf("writeFile error = %v, want one naming %s (%v)", err, p, tt.errIs)
				}
				if got, _ := os.ReadFile(filepath.Join(dir, "taken")); string(got) != "old" {
					t.Errorf("the file there became %q", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, err := os.ReadFile(p); err != nil || string(got) != string(tt.data) {
				t.Fatalf("the file holds %d bytes (%v), want %d", len(got), err, len(tt.data))
			}
			want, err := os.Stat(filepath.Join(dir, "taken")) // made by os.WriteFile
			if info, err2 := os.Stat(p); err != nil || err2 != nil || info.Mode() != want.Mode() {
				t.Errorf("mode %v, want %v as os.WriteFile gives", info.Mode(), want.Mode())
			}
		})
	}
}
