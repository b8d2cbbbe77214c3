package walk

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sync"
	"testing"
	"testing/fstest"
)

// tree is a folder tree of files and nested folders, hidden ones included.
func tree() fstest.MapFS {
	fsys := fstest.MapFS{
		"site/a.md":         {},
		"site/.hidden/x.md": {},
		"site/empty":        {Mode: fs.ModeDir},
	}
	for i := range 40 {
		fsys[fmt.Sprintf("site/b/%02d/index.md", i)] = &fstest.MapFile{}
		fsys[fmt.Sprintf("site/b/%02d/photo.jpg", i)] = &fstest.MapFile{}
	}
	return fsys
}

// listed returns the paths Dir gives fn, sorted.
func listed(t *testing.T, fsys fs.FS, root string, skip func(p string, d fs.DirEntry) error) ([]string, error) {
	t.Helper()
	var mu sync.Mutex
	var got []string
	err := Dir(fsys, root, func(p string, d fs.DirEntry) error {
		mu.Lock()
		got = append(got, p)
		mu.Unlock()
		if skip != nil {
			return skip(p, d)
		}
		return nil
	})
	slices.Sort(got)
	return got, err
}

func TestDirListsWhatWalkDirDoes(t *testing.T) {
	fsys := tree()
	var want []string
	fs.WalkDir(fsys, "site", func(p string, d fs.DirEntry, err error) error {
		if p != "site" {
			want = append(want, p)
		}
		return err
	})
	slices.Sort(want)
	got, err := listed(t, fsys, "site", nil)
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("Dir listed %d paths (err %v), want the %d of fs.WalkDir:\n%q\n%q", len(got), err, len(want), got, want)
	}
}

func TestDirSkipDir(t *testing.T) {
	tests := []struct {
		name string
		skip []string
		want []string
	}{
		{"folders", []string{"site/b", "site/.hidden"}, []string{"site/.hidden", "site/a.md", "site/b", "site/empty"}},
		// As in fs.WalkDir: the files and folders after it in its folder.
		{"a file", []string{"site/a.md"}, []string{"site/.hidden", "site/.hidden/x.md", "site/a.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := listed(t, tree(), "site", func(p string, d fs.DirEntry) error {
				if slices.Contains(tt.skip, p) {
					return fs.SkipDir
				}
				return nil
			})
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("Dir with SkipDir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// failingFS fails to read one folder.
type failingFS struct {
	fstest.MapFS
	bad string
}

var errDisk = errors.New("disk error")

func (f failingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == f.bad {
		return nil, errDisk
	}
	return f.MapFS.ReadDir(name)
}

func TestDirErrors(t *testing.T) {
	stop := errors.New("stop")
	tests := []struct {
		name string
		fsys fs.FS
		root string
		fn   func(string, fs.DirEntry) error
		want error
	}{
		{"missing root is an empty tree", tree(), "nowhere", nil, nil},
		{"root is a file", tree(), "site/a.md", nil, fs.ErrInvalid},
		{"unreadable root", failingFS{tree(), "site"}, "site", nil, errDisk},
		{"unreadable folder", failingFS{tree(), "site/b/17"}, "site", nil, errDisk},
		{"fn fails", tree(), "site", func(p string, d fs.DirEntry) error {
			if p == "site/b/03/photo.jpg" {
				return stop
			}
			return nil
		}, stop},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fn := tt.fn
			if fn == nil {
				fn = func(string, fs.DirEntry) error { return nil }
			}
			err := Dir(tt.fsys, tt.root, fn)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) && !(tt.want == fs.ErrInvalid && err != nil) {
				t.Errorf("Dir = %v, want %v", err, tt.want)
			}
		})
	}
}
