package output

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Durability. Without Options.Sync, a build's files and its swap are in the
// system's cache when the build ends: a reader or a killed process never
// sees a mix of two outputs, but a power loss or a crash of the system in
// the next seconds may leave empty or missing files in the live output.
// With Sync, the new tree is written to the disk before the swap, and the
// swap itself after it: once the build returns, the new output survives a
// power loss.

// syncTree writes everything below dir to the disk: one syncfs of its
// file system where the system has it (syncTreeFast), else an fsync of
// every file and folder.
func syncTree(dir string) error {
	if ok, err := syncTreeFast(dir); ok {
		return err
	}
	return syncEach(dir)
}

// syncEach fsyncs every file and folder below dir, dir included.
func syncEach(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return syncPath(p)
	})
}

// syncPath fsyncs one file or folder.
func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
