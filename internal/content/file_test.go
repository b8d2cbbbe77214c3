package content

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestLargeFilesReadOnDemand: Files holds the bytes of small files and
// only the status of large ones, whose bytes Bytes reads each time.
func TestLargeFilesReadOnDemand(t *testing.T) {
	big := bytes.Repeat([]byte("p"), LargeFile)
	fsys := fstest.MapFS{
		"content/b/index.md":  {Data: []byte("b")},
		"content/b/photo.jpg": {Data: big, ModTime: time.Unix(1e9, 0)},
		"content/b/note.txt":  {Data: []byte("small")},
		"static/wire.jpg":     {Data: big},
		"static/style.css":    {Data: []byte("css")},
	}
	f, err := ReadFiles(fsys)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		file  File
		large bool
		want  []byte
	}{
		{"bundle photo", f.Content["content/b/photo.jpg"], true, big},
		{"bundle note", f.Content["content/b/note.txt"], false, []byte("small")},
		{"static photo", f.Static["wire.jpg"], true, big},
		{"static css", f.Static["style.css"], false, []byte("css")},
		{"in memory", NewFile([]byte("m")), false, []byte("m")},
		{"empty", NewFile(nil), false, []byte{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.file.Info() != nil; got != tt.large {
				t.Errorf("Info() != nil is %v, want %v: files of %d bytes and more are not held", got, tt.large, LargeFile)
			}
			if tt.large && tt.file.data != nil {
				t.Errorf("a large file's bytes are held")
			}
			if got := tt.file.Size(); got != int64(len(tt.want)) {
				t.Errorf("Size() = %d, want %d", got, len(tt.want))
			}
			got, err := tt.file.Bytes()
			if err != nil || !bytes.Equal(got, tt.want) || got == nil {
				t.Errorf("Bytes() = %d bytes, %v; want %d bytes", len(got), err, len(tt.want))
			}
		})
	}
}

// TestLargeFileChanged: a large file replaced, grown or removed after it
// was listed is an error naming it, never bytes that its status does not
// describe.
func TestLargeFileChanged(t *testing.T) {
	big := bytes.Repeat([]byte("p"), LargeFile)
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"same", func(fstest.MapFS) {}, ""},
		{"same size, later time", func(m fstest.MapFS) {
			m["content/b/photo.jpg"] = &fstest.MapFile{Data: bytes.Repeat([]byte("q"), LargeFile), ModTime: time.Unix(2e9, 0)}
		}, "content/b/photo.jpg: changed while the build was reading it"},
		{"grown", func(m fstest.MapFS) {
			m["content/b/photo.jpg"] = &fstest.MapFile{Data: append(big, 'x'), ModTime: time.Unix(1e9, 0)}
		}, "content/b/photo.jpg: changed while the build was reading it"},
		{"removed", func(m fstest.MapFS) { delete(m, "content/b/photo.jpg") }, "file does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"content/b/photo.jpg": {Data: big, ModTime: time.Unix(1e9, 0)}}
			f, err := readFile(fsys, "content/b/photo.jpg")
			if err != nil {
				t.Fatal(err)
			}
			tt.change(fsys)
			data, err := f.Bytes()
			if tt.want == "" {
				if err != nil || !bytes.Equal(data, big) {
					t.Errorf("Bytes() = %d bytes, %v; want the file", len(data), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Bytes() error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestReadFileErrors(t *testing.T) {
	if _, err := readFile(fstest.MapFS{}, "content/gone.jpg"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("readFile of a missing file: %v, want fs.ErrNotExist", err)
	}
	if _, err := readFile(statFails{}, "content/x.jpg"); err == nil || !strings.Contains(err.Error(), "no status") {
		t.Errorf("readFile when Stat fails: %v", err)
	}
}

// statFails is a file system whose files cannot be read or stat'ed.
type statFails struct{}

func (statFails) Open(name string) (fs.File, error) { return statFails{}, nil }
func (statFails) Stat() (fs.FileInfo, error)        { return nil, errors.New("no status") }
func (statFails) Read([]byte) (int, error)          { return 0, errors.New("no bytes") }
func (statFails) Close() error                      { return nil }
