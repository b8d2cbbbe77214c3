package fingerprint

import (
	"testing"
	"testing/fstest"
	"time"
)

func TestMemoRoundTrip(t *testing.T) {
	tests := []Memo{
		{Digest: "abc", Until: time.Unix(1700000000, 0), Briefs: 3, Pages: 12},
		{Digest: "def", Until: time.Unix(0, 0), Warnings: []string{"warning: one", "warning: two"}},
	}
	for _, m := range tests {
		got, ok := ParseMemo(m.String())
		if !ok || got.String() != m.String() {
			t.Errorf("ParseMemo(%q) = %+v, %v; want %+v", m.String(), got, ok, m)
		}
	}
	// A warning of several lines is kept on one.
	m := Memo{Digest: "x", Warnings: []string{"line one\nline two"}}
	if got, _ := ParseMemo(m.String()); len(got.Warnings) != 1 || got.Warnings[0] != "line one line two" {
		t.Errorf("a warning of two lines came back as %q", got.Warnings)
	}
}

func TestParseMemoRefuses(t *testing.T) {
	for _, s := range []string{"", "inputs x", "inputs x until y briefs 1 pages 2", "outputs x until 1 briefs 1 pages 2", "inputs x until 1 briefs b pages 2"} {
		if m, ok := ParseMemo(s); ok {
			t.Errorf("ParseMemo(%q) = %+v, true; want false", s, m)
		}
	}
}

func TestDigest(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":        {Data: []byte("title = \"A\"\n")},
		"content/a.md":       {Data: []byte("+++\ntitle = \"A\"\n+++\n")},
		"static/robots.txt":  {Data: []byte("x")},
		"unrelated/file.txt": {Data: []byte("y")},
	}
	dirs, files := []string{"content", "static", "layouts"}, []string{"config.toml"}
	now := time.Now()
	digest := func(fsys fstest.MapFS, extra string) string {
		t.Helper()
		d, ok := Digest(fsys, dirs, files, extra, now)
		if !ok {
			t.Fatalf("Digest: not ok")
		}
		return d
	}
	base := digest(fsys, "opts")
	if again := digest(fsys, "opts"); again != base {
		t.Errorf("the same inputs gave %s, then %s", base, again)
	}
	if d := digest(fsys, "other opts"); d == base {
		t.Errorf("other options gave the same digest")
	}
	changed := func(name, data string) fstest.MapFS {
		next := fstest.MapFS{}
		for k, v := range fsys {
			next[k] = v
		}
		next[name] = &fstest.MapFile{Data: []byte(data)}
		return next
	}
	for _, tt := range []struct {
		name, data string
		same       bool
	}{
		{"content/a.md", "+++\ntitle = \"B\"\n+++\n", false},
		{"content/b.md", "new", false},
		{"config.toml", "title = \"B\"\n", false},
		{"layouts/brief.html", "x", false},
		{"unrelated/file.txt", "z", true},
	} {
		if d := digest(changed(tt.name, tt.data), "opts"); (d == base) != tt.same {
			t.Errorf("after writing %s: same digest = %v, want %v", tt.name, d == base, tt.same)
		}
	}
}
