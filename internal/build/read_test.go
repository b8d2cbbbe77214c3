package build

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"

	"github.com/briefs-dev/briefs/internal/content"
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
	if err != nil || len(got) != 2 || string(got["a.jpg"]) != "a" || string(got["b/c.png"]) != "c" {
		t.Errorf("readAll = %q, %v", got, err)
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
	opts := content.Options{MaxBriefBytes: 1000}
	tests := []struct {
		path, want, wantErr string
	}{
		{"content/a.md", "+++\n+++\nbody\n", ""},
		{"content/big.md", "", "content/big.md:1:1: brief is 2000 bytes"},
		{"content/dir.md", "", "content/dir.md: not a file: briefs reads only regular files"},
		{"content/gone.md", "", "file does not exist"},
	}
	for _, tt := range tests {
		got, err := readBrief(fsys, tt.path, opts)
		if tt.wantErr == "" {
			if err != nil || string(got) != tt.want {
				t.Errorf("readBrief(%s) = %q, %v; want %q", tt.path, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("readBrief(%s) error = %v, want one with %q", tt.path, err, tt.wantErr)
		}
	}
}

func TestCheckPhoto(t *testing.T) {
	fsys := fstest.MapFS{"content/b/on-disk.jpg": {Data: []byte("j")}}
	listed := map[string][]byte{"content/b/listed.jpg": []byte("j")}
	for src, ok := range map[string]bool{"listed.jpg": true, "on-disk.jpg": true, "gone.jpg": false} {
		s := &content.Source{Path: "content/b/index.md", Bundle: "content/b"}
		s.Front.Photo = &content.Photo{Src: src}
		err := checkPhoto(fsys, listed, s)
		if (err == nil) != ok {
			t.Errorf("checkPhoto(%s) = %v, want an error: %v", src, err, !ok)
		}
	}
}
