package build_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/output"
)

// BenchmarkRebuildWithPhotos is briefs build run again after one brief is
// edited, into the previous output, its image cache holding every photo:
// photos=20 against photos=0 (the same briefs without a photo) is what
// photos add to such a rebuild. Each photo is a large original (noiseJPEG),
// which the rebuild should neither read nor decode.
func BenchmarkRebuildWithPhotos(b *testing.B) {
	const briefs = 20
	for _, photos := range []int{0, briefs} {
		b.Run(fmt.Sprintf("photos=%d", photos), func(b *testing.B) {
			// The files were just written: judge their status an hour on,
			// as a rebuild the next day would.
			defer build.SetStatClock(func() time.Time { return time.Now().Add(time.Hour) })()
			dir, cache, dest := b.TempDir(), b.TempDir(), filepath.Join(b.TempDir(), "public")
			write(b, dir, "config.toml", "title = \"Photo Desk\"\nbase_url = \"https://example.org/\"\n")
			brief := func(i, edit int) string {
				photo := ""
				if i < photos {
					photo = "[photo]\nsrc = \"photo.jpg\"\nalt = \"Generated noise\"\ncredit = \"Test desk\"\n"
				}
				return fmt.Sprintf("+++\ntitle = \"Brief %d\"\ndate = 2026-11-20T09:30:00Z\nauthors = [\"Dana Whitfield\"]\n%s+++\nA lede, edit %d.\n", i, photo, edit)
			}
			for i := range briefs {
				write(b, dir, fmt.Sprintf("content/briefs/b%d/index.md", i), brief(i, 0))
				if i < photos {
					write(b, dir, fmt.Sprintf("content/briefs/b%d/photo.jpg", i), string(noiseJPEG(b, 500, 400, uint64(i))))
				}
			}
			run := func() {
				opts := photoOptions(dir, cache)
				var w *output.Writer
				opts.Output = func(*config.Config) (build.Sink, error) {
					var err error
					w, err = output.Open(dest, output.Options{})
					return w, err
				}
				if _, err := build.New(opts).Build(context.Background(), nil); err != nil {
					b.Fatal(err)
				}
				if _, err := w.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			run() // processes the photos into the cache
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				write(b, dir, "content/briefs/b1/index.md", brief(1, i+1))
				b.StartTimer()
				run()
			}
		})
	}
}
