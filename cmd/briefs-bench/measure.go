package main

import (
	"bytes"
	"context"
	"fmt"
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

// quiesce writes what earlier steps left in the page cache to disk before
// a step is timed, so that its writeback is not timed with the step.
func quiesce() { syscall.Sync() }

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
