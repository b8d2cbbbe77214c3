package output

import (
	"errors"
	"io/fs"
	"os"
)

// swapByRename replaces dest with tmp by two renames. Between them dest is
// briefly missing; the old output is kept beside it until the second rename
// succeeds.
func swapByRename(tmp, dest string) error {
	old := tmp + ".old"
	if err := os.Rename(dest, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return err
	}
	return os.RemoveAll(old)
}
