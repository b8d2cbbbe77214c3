package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
)

// runFloor runs the floor program: briefs-bench floor [-write=false] [-quiet] SITE OUT.
func runFloor(ctx context.Context, args []string, stdout, _ io.Writer) error {
	fset := flag.NewFlagSet("floor", flag.ContinueOnError)
	write := fset.Bool("write", true, "write one file per brief; false only decodes and converts")
	quiet := fset.Bool("quiet", false, "print nothing")
	rest, err := parseFlags(fset, args, stdout, 2)
	if err != nil {
		return err
	}
	began := time.Now()
	n, err := floor(ctx, rest[0], rest[1], *write)
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stdout, "floor: %d briefs in %s\n", n, time.Since(began).Round(time.Millisecond))
	}
	return nil
}

// floor is the least a static site generator does with the briefs of the
// site in folder site: decode each brief's front matter, convert its
// Markdown with goldmark and, when write is set, write it as
// out/briefs/<slug>/index.html. It works on every core and returns the
// number of briefs. No lists, feeds, photos or templates: a build of the
// whole site cannot be much faster than this.
func floor(ctx context.Context, site, out string, write bool) (int, error) {
	var paths []string
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	jobs := make(chan string)
	errs := make(chan error, runtime.NumCPU())
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			md := goldmark.New()
			var buf bytes.Buffer
			for p := range jobs {
				buf.Reset()
				if err := floorBrief(md, &buf, p, out, write); err != nil {
					errs <- err
					for range jobs { // let the sender finish
					}
					return
				}
			}
		}()
	}
	sent := 0
send:
	for _, p := range paths {
		select {
		case jobs <- p:
			sent++
		case err = <-errs:
			break send
		case <-ctx.Done():
			err = ctx.Err()
			break send
		}
	}
	close(jobs)
	wg.Wait()
	close(errs)
	if err == nil {
		err = <-errs
	}
	return sent, err
}

// floorBrief converts one brief and writes it.
func floorBrief(md goldmark.Markdown, buf *bytes.Buffer, p, out string, write bool) error {
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	fm, body, err := decodeBrief(data)
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	title := html.EscapeString(fm.Title)
	fmt.Fprintf(buf, "<!doctype html>\n<html lang=\"en\">\n<meta charset=\"utf-8\">\n<title>%s</title>\n<article>\n<h1>%s</h1>\n", title, title)
	if err := md.Convert(body, buf); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	buf.WriteString("</article>\n")
	if !write {
		return nil
	}
	dir := filepath.Join(out, "briefs", slugOf(filepath.ToSlash(p)))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644)
}
