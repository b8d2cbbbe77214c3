package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/output"
	"github.com/briefs-dev/briefs/internal/parallel"
)

// runWriteOut times writing a built site again, as the part of a fresh
// build that no faster rendering can shrink: briefs-bench writeout SRC DST
// reads every file of the output folder SRC into memory, then writes them
// into DST, which must not exist yet, with briefs' own writer, as many
// files at a time as a build writes. It times the writing alone: making
// the folders and files, the content hashes, the manifest and the swap.
func runWriteOut(_ context.Context, args []string, stdout, _ io.Writer) error {
	flags := flag.NewFlagSet("writeout", flag.ContinueOnError)
	rest, err := parseFlags(flags, args, stdout, 2)
	if err != nil {
		return err
	}
	src, dst := rest[0], rest[1]
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("%s exists: write into a new folder", dst)
	}
	paths, data, err := readTree(src)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%s holds no files", src)
	}
	took, err := writeTree(dst, paths, data)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %d files into %s in %s\n", len(paths), dst, took.Round(time.Microsecond))
	return nil
}

// readTree returns the slash paths, relative to dir, and the contents of
// every regular file under dir but briefs' manifest.
func readTree(dir string) (paths []string, data [][]byte, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || d.Name() == output.ManifestName {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		paths = append(paths, filepath.ToSlash(rel))
		data = append(data, b)
		return nil
	})
	return paths, data, err
}

// writeTree writes the files into a new output folder dst, as a build's
// render loop does, and returns how long it took.
func writeTree(dst string, paths []string, data [][]byte) (time.Duration, error) {
	began := time.Now()
	w, err := output.Open(dst, output.Options{})
	if err != nil {
		return 0, err
	}
	errs := make([]error, len(paths))
	parallel.ForN(2*runtime.GOMAXPROCS(0), len(paths), func(i int) {
		errs[i] = w.Add(paths[i], 0, data[i])
	})
	for _, err := range errs {
		if err != nil {
			w.Abort()
			return 0, err
		}
	}
	if _, err := w.Commit(); err != nil {
		return 0, err
	}
	return time.Since(began), nil
}

// parseWriteOut returns the time that the last line of writeout's output
// gives: "Wrote N files into DIR in DURATION".
func parseWriteOut(out string) (time.Duration, error) {
	line := strings.TrimSpace(out)
	if i := strings.LastIndex(line, "\n"); i >= 0 {
		line = line[i+1:]
	}
	if i := strings.LastIndex(line, " in "); i >= 0 && strings.HasPrefix(line, "Wrote ") {
		if d, err := time.ParseDuration(line[i+len(" in "):]); err == nil {
			return d, nil
		}
	}
	return 0, fmt.Errorf("writeout printed %q, want \"Wrote N files into DIR in DURATION\"", line)
}
