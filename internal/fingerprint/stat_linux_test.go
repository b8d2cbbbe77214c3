package fingerprint

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestStatKey(t *testing.T) {
	p := filepath.Join(t.TempDir(), "brief.md")
	if err := os.WriteFile(p, []byte("+++\ntitle = \"A\"\n+++\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stat := func() os.FileInfo {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	info := stat()
	written := info.ModTime()
	if _, ok := StatKey(info, time.Now()); ok {
		t.Errorf("StatKey trusts a file written just now")
	}
	later := time.Now().Add(time.Hour)
	key, ok := StatKey(info, later)
	if !ok || key == "" {
		t.Fatalf("StatKey(an hour later) = %q, %v; want a key", key, ok)
	}
	if again, _ := StatKey(stat(), later); again != key {
		t.Errorf("the same file gave %q, then %q", key, again)
	}

	// The same number of bytes, and the write time put back: the change
	// time still tells.
	if err := os.WriteFile(p, []byte("+++\ntitle = \"B\"\n+++\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, written, written); err != nil {
		t.Fatal(err)
	}
	if edited, ok := StatKey(stat(), later); !ok || edited == key {
		t.Errorf("after a same-size edit with its time put back, StatKey = %q, %v; want a new key", edited, ok)
	}
}
