//go:build unix

package output

import (
	"io"
	"io/fs"
	"syscall"
)

// writeFile creates the file name, which must not exist, with data. It
// is os.WriteFile without an *os.File: no registration with the network
// poller, which refuses a regular file, nor the cleanup the file would
// have, for each of the thousands of files of a build.
func writeFile(name string, data []byte) error {
	fd, err := syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
	for err == syscall.EINTR {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data[:min(len(data), 1<<30)])
		switch {
		case err == syscall.EINTR:
			continue
		case err == nil && n == 0:
			err = io.ErrShortWrite
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}
