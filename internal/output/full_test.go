package output

import (
	"errors"
	"io/fs"
	"syscall"
	"testing"
)

func TestSpaceError(t *testing.T) {
	enospc := &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
	tests := []struct {
		err  *SpaceError
		want string
	}{
		{&SpaceError{Needed: 6 << 20, Written: 3 << 20, Err: enospc}, "no space left on the disk: the new output needs 3.0 MB more (6.0 MB in all); the old output is untouched"},
		{&SpaceError{Needed: 5000, Written: 1000}, "no space left on the disk: the new output needs 4 KB more (5 KB in all); the old output is untouched"},
		{&SpaceError{Needed: 3 << 30, Written: 1 << 30}, "no space left on the disk: the new output needs 2.0 GB more (3.0 GB in all); the old output is untouched"},
		{&SpaceError{Err: enospc}, "no space left on the disk; the old output is untouched"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	if !errors.Is(tests[0].err, syscall.ENOSPC) {
		t.Errorf("a SpaceError does not unwrap to ENOSPC")
	}
}

func TestSpaceErrorOf(t *testing.T) {
	w := &Writer{dest: "/site/public"}
	other := errors.New("permission denied")
	if got := w.spaceError(other); got != other {
		t.Errorf("spaceError(%v) = %v, want it unchanged", other, got)
	}
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT} {
		var se *SpaceError
		if err := w.spaceError(&fs.PathError{Op: "link", Err: errno}); !errors.As(err, &se) || se.Dest != "/site/public" {
			t.Errorf("spaceError(%v) = %v, want a SpaceError for /site/public", errno, err)
		}
	}
}
