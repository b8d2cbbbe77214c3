package output

import (
	"errors"
	"fmt"
	"syscall"
)

// A full disk fails every file of a build the same way: reported file by
// file it was a flood of a hundred lines. Once a write finds the disk
// full, the Writer writes no more but goes on counting what the new
// output would take, and Commit reports one SpaceError with the space it
// needs. The old output is never touched: Commit does not swap.

// SpaceError is the error of a Writer whose disk ran out of space. Its
// message leaves out Dest, which the caller's message names.
type SpaceError struct {
	Dest    string // the output folder
	Needed  int64  // bytes of the new output's files, or 0 if not known
	Written int64  // of those, bytes written before the disk was full
	Err     error  // the first error that said so
}

func (e *SpaceError) Error() string {
	need := ""
	if e.Needed > e.Written {
		need = fmt.Sprintf(": the new output needs %s more (%s in all)", size(e.Needed-e.Written), size(e.Needed))
	}
	return fmt.Sprintf("no space left on the disk%s; the old output is untouched", need)
}

func (e *SpaceError) Unwrap() error { return e.Err }

// diskFull reports whether err says the disk, or the user's quota on it,
// is full.
func diskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// size prints n bytes for people: "812 KB", "3.4 MB".
func size(n int64) string {
	switch {
	case n < 1<<20:
		return fmt.Sprintf("%d KB", (n+1023)>>10)
	case n < 1<<30:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
}

// spaceError returns err, or a SpaceError if it says the disk is full.
func (w *Writer) spaceError(err error) error {
	if !diskFull(err) {
		return err
	}
	return &SpaceError{Dest: w.dest, Err: err}
}

// filled records that writing a file of n bytes failed with err because
// the disk is full: from now on Add only counts.
func (w *Writer) filled(n int, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.full == nil {
		w.full = &SpaceError{Dest: w.dest, Written: w.bytes, Err: err}
	}
	w.full.Needed += int64(n)
}
