package build_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/output"
)

// goneAfterListing is a site whose file name can be opened once, to be
// listed, and then no more: a file removed while the build runs.
type goneAfterListing struct {
	fs.FS
	name  string
	opens *atomic.Int64
}

func (g goneAfterListing) Open(name string) (fs.File, error) {
	if name == g.name && g.opens.Add(1) > 1 {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return g.FS.Open(name)
}

// TestLargeFilePublished: a large static file is published with its bytes
// read when it is written, into a folder or into memory; one that cannot be
// read by then fails the build, which names it.
func TestLargeFilePublished(t *testing.T) {
	// Status an hour on: the build's digest of its inputs opens no file,
	// so the one open the listing makes is the first.
	defer build.SetStatClock(func() time.Time { return time.Now().Add(time.Hour) })()
	dir := t.TempDir()
	write(t, dir, "config.toml", "title = \"Desk\"\nbase_url = \"https://example.org/\"\n")
	write(t, dir, "content/briefs/a.md", "+++\ntitle = \"A brief\"\ndate = 2026-11-20T09:30:00Z\nauthors = [\"Dana Whitfield\"]\n+++\nA lede.\n")
	big := bytes.Repeat([]byte("report "), content.LargeFile/7+1)
	write(t, dir, "static/report.pdf", string(big))
	for _, into := range []string{"memory", "folder"} {
		t.Run(into, func(t *testing.T) {
			for _, gone := range []bool{false, true} {
				opts := photoOptions(dir, t.TempDir())
				var opens atomic.Int64
				if gone {
					opts.FS = goneAfterListing{os.DirFS(dir), "static/report.pdf", &opens}
				}
				dest := filepath.Join(t.TempDir(), "public")
				var w *output.Writer
				if into == "folder" {
					opts.Output = func(*config.Config) (build.Sink, error) {
						var err error
						w, err = output.Open(dest, output.Options{})
						return w, err
					}
				}
				res, err := build.New(opts).Build(context.Background(), nil)
				if gone {
					if opens.Load() != 2 {
						t.Errorf("report.pdf opened %d times, want 2: to list it, then to publish it", opens.Load())
					}
					if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "static/report.pdf") {
						t.Errorf("a large file gone after listing: err = %v, want one naming it", err)
					}
					if w != nil {
						w.Abort()
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				got := res.Files["report.pdf"]
				if into == "folder" {
					if _, err := w.Commit(); err != nil {
						t.Fatal(err)
					}
					got, _ = os.ReadFile(filepath.Join(dest, "report.pdf"))
				}
				if !bytes.Equal(got, big) {
					t.Errorf("report.pdf published as %d bytes, want %d", len(got), len(big))
				}
			}
		})
	}
}
