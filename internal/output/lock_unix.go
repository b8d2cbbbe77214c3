//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockFolder takes an exclusive lock on a folder, waiting for another
// process that holds it, and returns the function that releases it. Two
// builds into the same output folder then run their writes one after the
// other: neither removes the other's temporary folder as a leftover.
func lockFolder(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil // closing releases the lock
}
