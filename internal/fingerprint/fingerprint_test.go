package fingerprint

import (
	"slices"
	"testing"
	"testing/fstest"
	"time"
)

func TestMemoRoundTrip(t *testing.T) {
	tests := []Memo{
		{Digest: "abc", From: time.Unix(1690000000, 0), Until: time.Unix(1700000000, 0), Next: time.Unix(1700000000, 0), Briefs: 3, Pages: 12},
		{Digest: "def", Until: time.Unix(1, 0), Warnings: []string{"warning: one", "warning: two"}},
		{Until: time.Unix(1, 0), Published: []Published{{"briefs/a/", 0xabc, "content/briefs/a.md"}, {"x/y.html", 1, "content/my briefs/b c.md"}},
			Warnings: []string{"published briefs/z/ 1 content/z.md"}},
	}
	for _, m := range tests {
		got, ok := ParseMemo(m.String())
		if !ok || got.String() != m.String() || !got.Next.Equal(m.Next) || !got.From.Equal(m.From) || !slices.Equal(got.Published, m.Published) || !slices.Equal(got.Warnings, m.Warnings) {
			t.Errorf("ParseMemo(%q) = %+v, %v; want %+v", m.String(), got, ok, m)
		}
	}
	// A warning of several lines is kept on one.
	m := Memo{Digest: "x", Warnings: []string{"line one\nline two"}}
	if got, _ := ParseMemo(m.String()); len(got.Warnings) != 1 || got.Warnings[0] != "line one line two" {
		t.Errorf("a warning of two lines came back as %q", got.Warnings)
	}
}

// A memo holds from its build's time until its Until: a build at an
// earlier moment (briefs build --at) makes other output.
func TestMemoHolds(t *testing.T) {
	m := Memo{From: time.Unix(100, 0), Until: time.Unix(200, 0)}
	for _, tt := range []struct {
		now  int64
		want bool
	}{{99, false}, {100, true}, {199, true}, {200, false}} {
		if got := m.Holds(time.Unix(tt.now, 0)); got != tt.want {
			t.Errorf("Holds(%d) = %v, want %v", tt.now, got, tt.want)
		}
	}
}

func TestParseMemoRefuses(t *testing.T) {
	for _, s := range []string{
		"", "inputs x", "inputs x until y briefs 1 pages 2", "outputs x until 1 briefs 1 pages 2", "inputs x until 1 briefs b pages 2",
		"inputs x until 1 briefs 1 pages 2",               // before the build time and the next change were kept
		"inputs x from 1 until 2 next 3 briefs 1 pages 2", // before the published URLs were kept
		"inputs x from 1 until 2 next z briefs 1 pages 2 published 0",
		"inputs x from 1 until 2 later 3 briefs 1 pages 2 published 0",
		"inputs x from 1 until 2 next 3 briefs 1 pages 2 published 2\nbriefs/a/ 1 content/a.md",
		"inputs x from 1 until 2 next 3 briefs 1 pages 2 published 1\nbriefs/a/ zz content/a.md",
		"inputs x from 1 until 2 next 3 briefs 1 pages 2 published 1\nbriefs/a/",
		"inputs x from 1 until 2 next 3 briefs 1 pages 2 published -1",
	} {
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

// FuzzParseMemo: whatever a manifest's memo holds, ParseMemo does not
// panic, and a memo it takes writes back as it reads.
func FuzzParseMemo(f *testing.F) {
	f.Add("inputs x from 1 until 2 next 3 briefs 1 pages 2 published 1\nbriefs/a/ 1f content/a.md\nwarning: w")
	f.Add("inputs - from 0 until 0 next 0 briefs 0 pages 0 published 0")
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := ParseMemo(s)
		if !ok {
			return
		}
		again, ok := ParseMemo(m.String())
		if !ok || again.String() != m.String() {
			t.Fatalf("ParseMemo(%q) = %+v, which writes as %q and reads back as %+v, %v", s, m, m.String(), again, ok)
		}
	})
}
