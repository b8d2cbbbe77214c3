package sitefs

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"golang.org/x/sys/unix"
)

// beneathFS opens files and folders with openat2 and RESOLVE_BENEATH, and
// leaves opening a folder as a file and reading links to the os.Root.
type beneathFS struct {
	root fs.FS    // the os.Root's
	dir  *os.File // the folder, open as long as the beneathFS is
	fd   int      // dir's descriptor, which openat2 resolves paths from
}

var (
	_ fs.StatFS     = (*beneathFS)(nil)
	_ fs.ReadFileFS = (*beneathFS)(nil)
	_ fs.ReadDirFS  = (*beneathFS)(nil)
	_ fs.ReadLinkFS = (*beneathFS)(nil)
)

// openat2 is unix.Openat2; tests replace it to play a system without it.
var openat2 = unix.Openat2

// errEscapes is the error of a path that leads out of the folder, worded
// as os.Root words it.
var errEscapes = errors.New("path escapes from parent")

// beneath returns a beneathFS for root's folder and a function that
// closes it, or ok false if this system will not open a file with openat2.
func beneath(root *os.Root) (fsys fs.FS, close func() error, ok bool) {
	dir, err := root.Open(".")
	if err != nil {
		return nil, nil, false
	}
	b := &beneathFS{root: root.FS(), dir: dir, fd: int(dir.Fd())}
	f, err := b.open("open", ".", unix.O_PATH)
	if err != nil {
		dir.Close()
		return nil, nil, false
	}
	f.Close()
	return b, dir.Close, true
}

// open opens name with flags and O_CLOEXEC, on behalf of op (for errors).
func (b *beneathFS) open(op, name string, flags uint64) (*os.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	how := unix.OpenHow{
		Flags:   flags | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	}
	for {
		fd, err := openat2(b.fd, name, &how)
		switch err {
		case nil:
			return os.NewFile(uintptr(fd), name), nil
		case unix.EINTR, unix.EAGAIN:
			continue // the kernel asks for another try
		case unix.EXDEV:
			err = errEscapes
		}
		return nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
}

// Open opens a file with openat2, and a folder through the os.Root: the
// entries an *os.File lists look themselves up by its path, which
// openat2 does not give.
func (b *beneathFS) Open(name string) (fs.File, error) {
	f, err := b.open("open", name, unix.O_RDONLY)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if info.IsDir() {
		f.Close()
		return b.root.Open(name)
	}
	return &file{f, info}, nil
}

// file is a file open for reading; its Stat says what it was when opened.
type file struct {
	*os.File
	info fs.FileInfo
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }

// Stat opens name with O_PATH, which reads nothing: not even a pipe
// blocks.
func (b *beneathFS) Stat(name string) (fs.FileInfo, error) {
	f, err := b.open("stat", name, unix.O_PATH)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}

func (b *beneathFS) ReadFile(name string) ([]byte, error) {
	f, err := b.open("open", name, unix.O_RDONLY)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if info, err := f.Stat(); err == nil {
		buf.Grow(int(info.Size()) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ReadDir lists the folder name, sorted by file name.
func (b *beneathFS) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := b.open("open", name, unix.O_RDONLY|unix.O_DIRECTORY)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	for i, e := range entries {
		entries[i] = dirEntry{e, b, path.Join(name, e.Name())}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// dirEntry is an entry of a folder that ReadDir listed. The *os.File's
// entries would look their Info up by a path from the working folder.
type dirEntry struct {
	fs.DirEntry
	fsys *beneathFS
	path string
}

func (e dirEntry) Info() (fs.FileInfo, error) { return e.fsys.Lstat(e.path) }

// Lstat opens name with O_PATH and O_NOFOLLOW: a symbolic link at the
// end of the path is opened itself, not followed.
func (b *beneathFS) Lstat(name string) (fs.FileInfo, error) {
	f, err := b.open("lstat", name, unix.O_PATH|unix.O_NOFOLLOW)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}

func (b *beneathFS) ReadLink(name string) (string, error) { return fs.ReadLink(b.root, name) }
