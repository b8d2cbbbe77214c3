package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

// sample is one measured run of a program.
type sample struct {
	wall   time.Duration
	maxRSS int64  // peak resident memory in KB, as Linux counts it
	output string // what it printed, stdout and stderr together
}

// runTimed runs argv to its end and measures its wall time and peak memory.
func runTimed(ctx context.Context, argv []string) (sample, error) {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	began := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(began), output: out.String()}
	if err != nil {
		return s, fmt.Errorf("%s: %w\n%s", strings.Join(argv, " "), err, tail(s.output, 20))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.maxRSS = ru.Maxrss
	}
	return s, nil
}

// settle is how long to wait after removing an output folder. Deleting a
// large tree on ext4 leaves work for the file system that can stall the
// writes of the next build for seconds: the removal is synced and given a
// moment before the timer starts, so that the build is measured, not the
// removal.
const settle = time.Second

// emptyFolder removes dir and everything in it, then syncs and settles.
func emptyFolder(dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	syscall.Sync()
	time.Sleep(settle)
	return nil
}

// median returns the median of xs, the mean of the middle two for an even
// count, or zero for none.
func median[T ~int64](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 0 {
		return (s[m-1] + s[m]) / 2
	}
	return s[m]
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
