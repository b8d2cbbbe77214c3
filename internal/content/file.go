package content

import (
	"io/fs"
	"math"

	"github.com/briefs-dev/briefs/internal/diag"
)

// LargeFile is the size, in bytes, from which Files does not hold a file
// under content/ or static/ in memory: it keeps the file's status and
// reads its bytes when they are asked for. A site's wire photos are
// several megabytes each; a build that held them all would need gigabytes.
const LargeFile = 256 << 10

// File is a file of the site that a build publishes or processes as it
// is, not a brief: a bundle's photo, a static file. A small file's bytes
// are held; a large one's are read from the site each time Bytes is
// called, and not kept.
type File struct {
	fsys fs.FS
	path string      // in fsys
	data []byte      // a small file's bytes; nil for a large one
	info fs.FileInfo // a large file's status when it was listed
}

// NewFile returns a file whose bytes are data, held in memory.
func NewFile(data []byte) File {
	if data == nil {
		data = []byte{}
	}
	return File{data: data}
}

// readFile lists the file at p in fsys: its bytes when it is small, else
// its status alone.
func readFile(fsys fs.FS, p string) (File, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return File{}, err
	}
	if info.Size() >= LargeFile {
		return File{fsys: fsys, path: p, info: info}, nil
	}
	data, err := readAtMost(f, info.Size()+1, math.MaxInt64) // it may have grown since Stat
	if err != nil {
		return File{}, err
	}
	return File{fsys: fsys, path: p, data: data}, nil
}

// Bytes returns the file's bytes: those held, or for a large file those
// read now. A large file whose size or time of last change differs from
// when it was listed is an error: it is being replaced, and the build
// that follows the change reads it again.
func (f File) Bytes() ([]byte, error) {
	if f.info == nil {
		return f.data, nil
	}
	r, err := f.fsys.Open(f.path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	now, err := r.Stat()
	if err != nil {
		return nil, err
	}
	size := f.info.Size()
	if now.Size() != size || !now.ModTime().Equal(f.info.ModTime()) {
		return nil, changedWhileRead(f.path)
	}
	data, err := readAtMost(r, size+1, size+1)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) != size {
		return nil, changedWhileRead(f.path)
	}
	return data, nil
}

func changedWhileRead(p string) error {
	return diag.Errorf(diag.Pos{File: p}, "changed while the build was reading it: build again once it is written")
}

// Size returns the file's size in bytes.
func (f File) Size() int64 {
	if f.info != nil {
		return f.info.Size()
	}
	return int64(len(f.data))
}

// Info returns a large file's status when it was listed, which says
// whether its bytes changed since (see fingerprint.StatKey), or nil for a
// file held in memory.
func (f File) Info() fs.FileInfo { return f.info }
