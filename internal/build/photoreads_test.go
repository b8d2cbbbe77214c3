package build_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/content"
)

// noiseJPEG is a JPEG of random pixels, which compresses so badly that a
// small picture makes a large file, as wire photos are.
func noiseJPEG(t testing.TB, w, h int, seed uint64) []byte {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, color.RGBA{uint8(r.Uint32()), uint8(r.Uint32()), uint8(r.Uint32()), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 100}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// readCounter is the site's folder, counting the bytes read from its
// photos.
type readCounter struct {
	fs.FS
	photoBytes *atomic.Int64
}

func (c readCounter) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil || !strings.HasSuffix(name, ".jpg") {
		return f, err
	}
	return countedFile{f, c.photoBytes}, nil
}

type countedFile struct {
	fs.File
	n *atomic.Int64
}

func (f countedFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.n.Add(int64(n))
	return n, err
}

// TestCachedBuildReadsNoOriginal: a build whose image cache has every
// photo, as briefs build run again after an edit is, reads no byte of the
// large originals: it knows them by their files' status. A replaced photo
// alone is read and processed.
func TestCachedBuildReadsNoOriginal(t *testing.T) {
	defer build.SetStatClock(func() time.Time { return time.Now().Add(time.Hour) })()
	dir := t.TempDir()
	write(t, dir, "config.toml", "title = \"Photo Desk\"\nbase_url = \"https://example.org/\"\n")
	photos := map[string][]byte{}
	for i, slug := range []string{"harbour", "bridge"} {
		photos[slug] = noiseJPEG(t, 500, 400, uint64(i))
		if len(photos[slug]) < content.LargeFile {
			t.Fatalf("test photo of %d bytes: want one of %d or more", len(photos[slug]), content.LargeFile)
		}
		write(t, dir, "content/briefs/"+slug+"/index.md", fmt.Sprintf("+++\ntitle = \"The %s at dawn\"\ndate = 2026-11-20T09:30:00Z\nauthors = [\"Dana Whitfield\"]\n[photo]\nsrc = \"photo.jpg\"\nalt = \"Generated noise\"\ncredit = \"Test desk\"\n+++\nA lede.\n\n**Why this matters:** It does.\n", slug))
		write(t, dir, "content/briefs/"+slug+"/photo.jpg", string(photos[slug]))
	}
	cache := t.TempDir()
	var read atomic.Int64
	run := func() *build.Builder {
		t.Helper()
		read.Store(0)
		opts := photoOptions(dir, cache)
		opts.FS = readCounter{os.DirFS(dir), &read}
		b := build.New(opts)
		res, err := b.Build(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Files["briefs/harbour/photo-480w.webp"]) == 0 {
			t.Fatal("no 480w variant published")
		}
		return b
	}
	size := func(slugs ...string) func() int64 {
		return func() int64 {
			n := 0
			for _, s := range slugs {
				n += len(photos[s])
			}
			return int64(n)
		}
	}
	tests := []struct {
		name      string
		change    func()
		read      func() int64 // bytes of photos read
		processed int
	}{
		{"uncached", func() {}, size("harbour", "bridge"), 2},
		{"cached", func() {}, size(), 0},
		{"a brief edited", func() {
			write(t, dir, "content/briefs/bridge/index.md", "+++\ntitle = \"The bridge at noon\"\ndate = 2026-11-20T09:30:00Z\nauthors = [\"Dana Whitfield\"]\n[photo]\nsrc = \"photo.jpg\"\nalt = \"Generated noise\"\ncredit = \"Test desk\"\n+++\nA new lede.\n")
		}, size(), 0},
		{"a photo replaced", func() {
			photos["bridge"] = noiseJPEG(t, 400, 500, 9)
			write(t, dir, "content/briefs/bridge/photo.jpg", string(photos["bridge"]))
		}, size("bridge"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.change()
			b := run()
			if got, want := read.Load(), tt.read(); got != want || b.Images().Processed() != tt.processed {
				t.Errorf("read %d bytes of photos and processed %d; want %d bytes and %d", got, b.Images().Processed(), want, tt.processed)
			}
		})
	}
}
