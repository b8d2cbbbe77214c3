package output

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestReplaced: a Writer forced over a folder that no build wrote names
// its files, but a CNAME it keeps; over a folder a build wrote, an empty
// one or none, it names nothing.
func TestReplaced(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dest string)
		keep  bool // KeepIfAbsent("CNAME") before Replaced
		want  []string
	}{
		{"foreign folder", func(t *testing.T, dest string) {
			writeForeign(t, dest, "notes.txt", "mine")
			writeForeign(t, dest, "old/page.html", "old")
			writeForeign(t, dest, "CNAME", "news.example.org\n")
		}, false, []string{"CNAME", "notes.txt", "old/page.html"}},
		{"foreign folder, CNAME kept", func(t *testing.T, dest string) {
			writeForeign(t, dest, "notes.txt", "mine")
			writeForeign(t, dest, "CNAME", "news.example.org\n")
		}, true, []string{"notes.txt"}},
		{"written by a build", func(t *testing.T, dest string) {
			if _, err := Write(dest, map[string][]byte{"index.html": []byte("home")}, Options{}); err != nil {
				t.Fatal(err)
			}
		}, false, nil},
		{"empty folder", func(t *testing.T, dest string) {
			if err := os.MkdirAll(dest, 0o755); err != nil {
				t.Fatal(err)
			}
		}, false, nil},
		{"no folder", func(*testing.T, string) {}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			tt.setup(t, dest)
			w, err := Open(dest, Options{Force: true})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Abort()
			if err := w.Add("index.html", 0, []byte("new home")); err != nil {
				t.Fatal(err)
			}
			if tt.keep {
				if err := w.KeepIfAbsent("CNAME"); err != nil {
					t.Fatal(err)
				}
			}
			if got := w.Replaced(); !slices.Equal(got, tt.want) {
				t.Errorf("Replaced() = %q, want %q", got, tt.want)
			}
		})
	}
}

func writeForeign(t *testing.T, dest, name, data string) {
	t.Helper()
	p := filepath.Join(dest, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
