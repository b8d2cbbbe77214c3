package output

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the folder tmp in place of dest in one step: renameat2 with
// RENAME_EXCHANGE trades the two names atomically, so dest never goes
// missing, even if the process is killed. It returns where the old output
// is now, for the caller to remove, or "" if there was none.
func swap(tmp, dest string) (old string, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return tmp, nil // tmp now holds the old output
	case errors.Is(err, fs.ErrNotExist):
		return "", os.Rename(tmp, dest) // first build
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		return swapByRename(tmp, dest) // file system without exchange
	}
	return "", err
}
