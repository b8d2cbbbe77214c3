package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/briefs-dev/briefs/internal/corpus"
)

// runCorpus writes a generated site: briefs-bench corpus [-n N] [-seed S] [-translated F] DIR.
func runCorpus(_ context.Context, args []string, stdout, _ io.Writer) error {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	n := fs.Int("n", 10000, "number of briefs")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same site")
	photos := fs.Float64("photos", 0.5, "share of briefs that are page bundles with a photo")
	translated := fs.Float64("translated", 0, "share of briefs with a Spanish translation, on a site in two languages")
	rest, err := parseFlags(fs, args, stdout, 1)
	if err != nil {
		return err
	}
	if *n < 1 || *photos > 1 || *translated < 0 || *translated > 1 {
		return usagef("-n must be at least 1, -photos at most 1 and -translated between 0 and 1")
	}
	dir := rest[0]
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return fmt.Errorf("%s already holds a site: generate into a new folder", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if _, err := corpus.Write(dir, corpus.Options{Briefs: *n, Seed: *seed, Photos: *photos, Translated: *translated}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %d briefs (seed %d) into %s\n", *n, *seed, dir)
	return nil
}
