package fingerprint

import (
	"fmt"
	"io/fs"
	"syscall"
	"time"
)

// StatKey returns what identifies the contents of a regular file by its
// status: device, inode, size, and the times of its last write and last
// status change. Every write moves the change time, which no program can
// set back, so the same key means the same bytes, but for a file changed
// within racyWindow of now, whose bytes must be read.
func StatKey(info fs.FileInfo, now time.Time) (string, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return "", false
	}
	mtime := time.Unix(st.Mtim.Unix())
	ctime := time.Unix(st.Ctim.Unix())
	if now.Sub(mtime) < racyWindow || now.Sub(ctime) < racyWindow {
		return "", false
	}
	return fmt.Sprintf("stat %d %d %d %d %d", st.Dev, st.Ino, st.Size, mtime.UnixNano(), ctime.UnixNano()), true
}
