package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"
)

func TestReadAtMost(t *testing.T) {
	boom := errors.New("disk error")
	tests := []struct {
		name        string
		r           io.Reader
		size, limit int64
		want        string
		wantErr     error
		wantCap     int // 0: any
	}{
		{"as stat said", strings.NewReader(strings.Repeat("a", 1000)), 1001, 2001, strings.Repeat("a", 1000), nil, 1001},
		{"grew since stat", strings.NewReader(strings.Repeat("b", 3000)), 1001, 5001, strings.Repeat("b", 3000), nil, 0},
		{"shrank since stat", strings.NewReader("short"), 1001, 2001, "short", nil, 1001},
		{"stops at the limit", strings.NewReader(strings.Repeat("c", 3000)), 1001, 2001, strings.Repeat("c", 2001), nil, 0},
		{"one byte at a time", iotest.OneByteReader(strings.NewReader("slow reader")), 12, 100, "slow reader", nil, 512},
		{"empty", strings.NewReader(""), 1, 100, "", nil, 512},
		{"error", iotest.ErrReader(boom), 10, 100, "", boom, 0},
		{"error after data", io.MultiReader(strings.NewReader("part"), iotest.ErrReader(boom)), 10, 100, "", boom, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAtMost(tt.r, tt.size, tt.limit)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("readAtMost error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if !bytes.Equal(got, []byte(tt.want)) {
				t.Errorf("readAtMost = %d bytes %.20q…, want %d bytes %.20q…", len(got), got, len(tt.want), tt.want)
			}
			if tt.wantCap != 0 && cap(got) != tt.wantCap {
				t.Errorf("readAtMost buffer cap = %d, want %d: the size given is the size held", cap(got), tt.wantCap)
			}
		})
	}
}

func TestReadAll(t *testing.T) {
	fsys := fstest.MapFS{"a.jpg": {Data: []byte("a")}, "b/c.png": {Data: []byte("c")}}
	got, err := readAll(fsys, []string{"a.jpg", "b/c.png"})
	if text := toStrings(got); err != nil || len(got) != 2 || text["a.jpg"] != "a" || text["b/c.png"] != "c" {
		t.Errorf("readAll = %q, %v", text, err)
	}
	if _, err := readAll(fsys, []string{"a.jpg", "gone.jpg"}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("readAll of a missing file: err = %v, want fs.ErrNotExist", err)
	}
}

func TestReadBrief(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":     {Data: []byte("+++\n+++\nbody\n")},
		"content/big.md":   {Data: bytes.Repeat([]byte("x"), 2000)},
		"content/dir.md/x": {Data: []byte("x")},
	}
	opts := Options{MaxBriefBytes: 1000}
	tests := []struct {
		path, want, wantErr string
	}{
		{"content/a.md", "+++\n+++\nbody\n", ""},
		{"content/big.md", "", "content/big.md:1:1: brief is 2000 bytes"},
		{"content/dir.md", "", "content/dir.md: not a file: briefs reads only regular files"},
		{"content/gone.md", "", "file does not exist"},
	}
	for _, tt := range tests {
		got, err := ReadBrief(fsys, tt.path, opts)
		if tt.wantErr == "" {
			if err != nil || string(got) != tt.want {
				t.Errorf("ReadBrief(%s) = %q, %v; want %q", tt.path, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("ReadBrief(%s) error = %v, want one with %q", tt.path, err, tt.wantErr)
		}
	}
}

func TestCheckPhoto(t *testing.T) {
	fsys := fstest.MapFS{"content/b/on-disk.jpg": {Data: []byte("j")}}
	listed := map[string]File{"content/b/listed.jpg": NewFile([]byte("j"))}
	for src, ok := range map[string]bool{"listed.jpg": true, "on-disk.jpg": true, "gone.jpg": false} {
		s := &Source{Path: "content/b/index.md", Bundle: "content/b"}
		s.Front.Photo = &Photo{Src: src}
		err := CheckPhoto(fsys, &Files{Content: listed}, s)
		if (err == nil) != ok {
			t.Errorf("CheckPhoto(%s) = %v, want an error: %v", src, err, !ok)
		}
	}
}

func TestFilesUpdate(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":           {Data: []byte("a")},
		"content/b/index.md":     {Data: []byte("b")},
		"content/b/photo.jpg":    {Data: []byte("jpeg 1")},
		"content/.hidden.md":     {Data: []byte("h")},
		"static/robots.txt":      {Data: []byte("robots 1")},
		"static/.DS_Store":       {Data: []byte("x")},
		"static/css/extra.css":   {Data: []byte("css")},
		"layouts/brief.html":     {Data: []byte("ignored")},
		"content/c/notes/old.md": {Data: []byte("c")},
	}
	f, err := ReadFiles(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := func(f *Files, briefs []string, content, static map[string]string) {
		t.Helper()
		if got := f.BriefPaths(); strings.Join(got, " ") != strings.Join(briefs, " ") {
			t.Errorf("briefs = %q, want %q", got, briefs)
		}
		for name, files := range map[string][2]map[string]string{"content": {toStrings(f.Content), content}, "static": {toStrings(f.Static), static}} {
			if got, want := files[0], files[1]; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s files = %v, want %v", name, got, want)
			}
		}
	}
	want(f, []string{"content/a.md", "content/b/index.md", "content/c/notes/old.md"},
		map[string]string{"content/b/photo.jpg": "jpeg 1"},
		map[string]string{"robots.txt": "robots 1", "css/extra.css": "css"})

	fsys["content/b/photo.jpg"] = &fstest.MapFile{Data: []byte("jpeg 2")}
	fsys["content/new.md"] = &fstest.MapFile{Data: []byte("n")}
	fsys["static/robots.txt"] = &fstest.MapFile{Data: []byte("robots 2")}
	delete(fsys, "content/c/notes/old.md")
	next, err := f.Update(fsys, []string{"content/b/photo.jpg", "content/new.md", "static/robots.txt", "content/c", "content/.hidden.md"})
	if err != nil {
		t.Fatal(err)
	}
	want(next, []string{"content/a.md", "content/b/index.md", "content/new.md"},
		map[string]string{"content/b/photo.jpg": "jpeg 2"},
		map[string]string{"robots.txt": "robots 2", "css/extra.css": "css"})
	// The first snapshot is as it was.
	want(f, []string{"content/a.md", "content/b/index.md", "content/c/notes/old.md"},
		map[string]string{"content/b/photo.jpg": "jpeg 1"},
		map[string]string{"robots.txt": "robots 1", "css/extra.css": "css"})

	for p, gone := range map[string]bool{"content/a.md": false, "content/c/notes/old.md": false, "content/b": false, "content/.a.md.swp": true, "content/tmp123": true, "static/x": false} {
		if got := f.Gone(fsys, p); got != gone {
			t.Errorf("Gone(%s) = %v, want %v", p, got, gone)
		}
	}
}

func toStrings(m map[string]File) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		data, err := v.Bytes()
		if err != nil {
			data = []byte(err.Error())
		}
		out[k] = string(data)
	}
	return out
}
