package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// Why compare deletes no output while it times anything.
//
// On ext4 without a journal, allocating an inode skips every inode freed
// in the last 60 seconds, or 300 while its inode table block is dirty
// (fs/ext4/ialloc.c, recently_deleted), and reads that block to find out.
// After a large tree is deleted, every file created for minutes pays for
// the scan: the floor took 9.4 s right after the output of a previous
// build was removed and 2.1 s on a disk that had deleted nothing for four
// minutes; briefs 29 s and 13 s. Timing builds after deletions measures
// the file system's hangover, not the tools, and penalises whoever writes
// more files.
//
// So each fresh build writes into a new folder of its own, a folder in the
// way is renamed into a trash folder (a rename frees no inode), and all of
// them are deleted only when the comparison ends. The disk holds every
// output meanwhile: about 1.8 GB a round at 10,000 briefs (briefs writes
// about 0.5 GB, and as much for the customized theme, Hugo 0.2 GB, the
// floor 0.1 GB, writeout 0.5 GB), 9 GB for 5 runs, and 10 GB more for each round of -scale (a build and a
// writeout). A comparison that deleted many files leaves a mark, and the
// next one waits until they were deleted -deletion-wait ago before it
// times anything.

// deletionShadow is how long ext4 may skip the inodes of a deletion, the
// default of -deletion-wait.
const deletionShadow = 300 * time.Second

// manyFiles is how many deleted files and folders close marks: fewer
// leave too little for the scan to be measurable.
const manyFiles = 10000

// reserve is the free space that a build must leave on the disk of the
// outputs, beyond its expected size: the disk is shared.
const reserve = 1 << 30

// outputs are the output folders of one comparison, kept until close.
type outputs struct {
	dir   string            // a folder per build
	trash string            // folders that were in the way
	size  map[string]uint64 // bytes a build of each kind took, by the free space
}

// newOutputs returns the outputs of a comparison in folder work. Folders
// left there by an interrupted comparison, or named out-* by older
// versions of compare, go to the trash.
func newOutputs(work string) (*outputs, error) {
	o := &outputs{dir: filepath.Join(work, "out"), trash: filepath.Join(work, "trash"), size: map[string]uint64{}}
	stale, err := filepath.Glob(filepath.Join(work, "out-*"))
	if err != nil {
		return nil, err
	}
	for _, d := range append([]string{o.dir}, stale...) {
		if err := o.discard(d); err != nil {
			return nil, err
		}
	}
	return o, os.MkdirAll(o.dir, 0o755)
}

// folder returns the output folder of the build named name, as
// "briefs-3"; each build must have a name of its own.
func (o *outputs) folder(name string) string { return filepath.Join(o.dir, name) }

// discard moves dir, if there is one, into the trash until close.
func (o *outputs) discard(dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := os.MkdirAll(o.trash, 0o755); err != nil {
		return err
	}
	to, err := os.MkdirTemp(o.trash, filepath.Base(dir)+"-")
	if err != nil {
		return err
	}
	return os.Rename(dir, filepath.Join(to, filepath.Base(dir)))
}

// checkSpace returns an error when the disk of the outputs lacks the
// space for another build of kind, as large as the last one, and reserve.
func (o *outputs) checkSpace(kind string) error {
	free, ok := freeSpace(o.dir)
	if !ok {
		return nil // the build will tell
	}
	if need := o.size[kind] + o.size[kind]/4 + reserve; free < need {
		return fmt.Errorf("%s free on the disk of %s, and a %s build took %s: every output is kept until the comparison ends, "+
			"since deleting one slows the builds after it on ext4; free some space, or pass fewer -runs",
			bytesize(free), o.dir, kind, bytesize(o.size[kind]))
	}
	return nil
}

// record keeps the space that a build of kind took: the fall of the free
// space from before to after, which other writers on the disk blur.
func (o *outputs) record(kind string, before, after uint64) {
	if before > after {
		o.size[kind] = max(o.size[kind], before-after)
	}
}

// close deletes the outputs and the trash, and returns how many files and
// folders it deleted.
func (o *outputs) close() (int, error) {
	n := 0
	var errs []error
	for _, d := range []string{o.dir, o.trash} {
		k, err := removeAll(d)
		n += k
		errs = append(errs, err)
	}
	return n, errors.Join(errs...)
}

// removeAll removes dir and everything in it, and returns how many files
// and folders it removed.
func removeAll(dir string) (int, error) {
	n := 0
	filepath.WalkDir(dir, func(_ string, _ fs.DirEntry, err error) error {
		if err == nil {
			n++
		}
		return nil
	})
	return n, os.RemoveAll(dir)
}

// freeSpace returns the bytes free to us on the disk of dir.
func freeSpace(dir string) (uint64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}

// bytesize formats bytes: "182 MB", "1.12 GB".
func bytesize(b uint64) string { return mem(stat{float64(b >> 10), true}) }

// deletionMark is the file whose modification time tells when a
// comparison last deleted many files on this machine.
func deletionMark() string { return filepath.Join(os.TempDir(), "briefs-bench-deleted") }

// markDeletion sets the time of mark to now.
func markDeletion(mark string) error {
	if err := os.WriteFile(mark, nil, 0o666); err != nil {
		return err
	}
	now := time.Now()
	return os.Chtimes(mark, now, now)
}

// shadowLeft returns how long to wait at now until files deleted at
// deleted were deleted wait ago: 0 when they were, at most wait.
func shadowLeft(deleted, now time.Time, wait time.Duration) time.Duration {
	return min(max(wait-now.Sub(deleted), 0), wait)
}
