package output

import (
	"slices"
	"testing"
)

func TestMemory(t *testing.T) {
	first := NewMemory(nil)
	if first.Reuse("a", 1) {
		t.Errorf("an empty output reuses a file")
	}
	buf := []byte("one")
	first.Add("a", 1, buf)
	buf[0] = 'X' // the caller reuses its buffer
	first.Add("b", 2, []byte("two"))
	first.Add("slow", 3, []byte("index"))
	first.Release()

	next := NewMemory(first)
	if !next.Reuse("a", 1) || next.Reuse("b", 9) || next.Reuse("gone", 1) || next.Reuse("a", 0) {
		t.Errorf("Reuse takes a file only under its key, and never under key 0")
	}
	next.Add("b", 9, []byte("two, again"))
	next.Keep("slow")
	files := next.Files()
	want := map[string]string{"a": "one", "b": "two, again", "slow": "index"}
	if len(files) != len(want) {
		t.Errorf("files = %q, want %q", files, want)
	}
	for p, data := range want {
		if string(files[p]) != data {
			t.Errorf("%s = %q, want %q", p, files[p], data)
		}
	}
	if data, ok := first.File("b"); !ok || string(data) != "two" {
		t.Errorf("the previous output changed: b = %q, %v", data, ok)
	}
}

func TestDiff(t *testing.T) {
	old := map[string][]byte{"same": []byte("x"), "edited": []byte("1"), "gone": []byte("g")}
	cur := map[string][]byte{"same": []byte("x"), "edited": []byte("2"), "new": []byte("n")}
	changed, removed := Diff(old, cur)
	if !slices.Equal(changed, []string{"edited", "new"}) || !slices.Equal(removed, []string{"gone"}) {
		t.Errorf("Diff = %q, %q; want [edited new], [gone]", changed, removed)
	}
}
