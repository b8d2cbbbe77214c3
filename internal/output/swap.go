package output

import (
	"errors"
	"io/fs"
	"os"
)

// swapByRename replaces dest with tmp by two renames. Between them dest is
// briefly missing; the old output is kept beside it until the second rename
// succeeds. It returns where the old output is now, or "" if there was none.
func swapByRename(tmp, dest string) (old string, err error) {
	old = tmp + ".old"
	if err := os.Rename(dest, old); errors.Is(err, fs.ErrNotExist) {
		old = ""
	} else if err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			os.Rename(old, dest)
		}
		return "", err
	}
	return old, nil
}
