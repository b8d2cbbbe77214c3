package build_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/images"
)

// photoBrief is a bundle's brief with a photo; the photo's src is on
// line 5.
const photoBrief = "+++\ntitle = \"%s\"\ndate = 2026-11-20T09:30:00Z\n[photo]\nsrc = %q\nalt = \"A generated test picture\"\ncredit = \"Test desk\"\n+++\nA lede.\n\n**Why this matters:** It does.\n"

func testJPEG(t testing.TB, w, h int, seed uint8) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x) + seed, uint8(y), seed, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// photoSite writes a site with one bundle per photo, by slug.
func photoSite(t *testing.T, photos map[string]struct {
	name string
	data []byte
}) string {
	dir := t.TempDir()
	write(t, dir, "config.toml", "title = \"Photo Desk\"\nbase_url = \"https://example.org/\"\n")
	for slug, p := range photos {
		write(t, dir, "content/briefs/"+slug+"/index.md", fmt.Sprintf(photoBrief, "Brief "+slug, p.name))
		write(t, dir, "content/briefs/"+slug+"/"+p.name, string(p.data))
	}
	return dir
}

func photoOptions(dir string, cache string) build.Options {
	opts := options(dir)
	opts.CacheDir = cache
	return opts
}

// TestHostilePhotos builds a site whose photos are what a hostile or
// broken upload looks like: every bad one is reported at once, at its
// brief's photo src, naming the photo; the others are handled.
func TestHostilePhotos(t *testing.T) {
	good := testJPEG(t, 900, 600, 1)
	bomb := pngBomb(100_000, 100_000)
	type photo = struct {
		name string
		data []byte
	}
	dir := photoSite(t, map[string]photo{
		"bomb":      {"bomb.png", bomb},
		"truncated": {"cut.jpg", good[:len(good)/2]},
		"html":      {"page.jpg", []byte("<!doctype html><title>not a photo</title>")},
		"lying":     {"really-a-png.jpg", testPNG(t, 640, 400)},
		"good":      {"fine.jpg", good},
	})
	_, err := build.New(photoOptions(dir, t.TempDir())).Build(context.Background(), nil)
	if err == nil {
		t.Fatal("a site with broken photos built")
	}
	want := []string{
		"content/briefs/bomb/index.md:5:1: photo bomb.png: 100000×100000 is 10000 megapixels, more than the limit of 100 ([images] max_pixels)",
		"content/briefs/html/index.md:5:1: photo page.jpg: not a JPEG, PNG, GIF, WebP, TIFF or BMP image (is its extension lying?)",
		"content/briefs/truncated/index.md:5:1: photo cut.jpg: broken image: invalid JPEG format: short Huffman data",
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("Build() error:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}

	// Without the broken ones, the lying extension is read by its bytes.
	for _, slug := range []string{"bomb", "truncated", "html"} {
		os.RemoveAll(filepath.Join(dir, "content/briefs", slug))
	}
	res, err := build.New(photoOptions(dir, t.TempDir())).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"briefs/lying/really-a-png-640w.jpg", "briefs/lying/really-a-png-640w.webp", "briefs/good/fine-800w.webp", "briefs/good/fine-og.jpg"} {
		if _, ok := res.Files[p]; !ok {
			t.Errorf("no %s", p)
		}
	}
}

// pngBomb returns a PNG of a few bytes whose header claims w×h pixels.
func pngBomb(w, h uint32) []byte {
	chunk := func(typ string, data []byte) []byte {
		c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		c = append(append(c, typ...), data...)
		return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
	}
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, w), h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	b := append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", ihdr)...)
	return append(b, chunk("IEND", nil)...)
}

// TestPhotosPublished checks what a build publishes of a photo: its
// variants, and at the original's path a copy without its metadata;
// every <img> of every page states its width and height; the same site
// builds to the same bytes with a cache of its own.
func TestPhotosPublished(t *testing.T) {
	type photo = struct {
		name string
		data []byte
	}
	orig := testJPEG(t, 1000, 700, 3)
	orig = append([]byte{0xff, 0xd8, 0xff, 0xe1, 0, 12, 'E', 'x', 'i', 'f', 0, 0, 'S', 'E', 'C', 'R'}, orig[2:]...)
	dir := photoSite(t, map[string]photo{"a": {"a.jpg", orig}, "b": {"b.png", testPNG(t, 300, 200)}})
	write(t, dir, "content/briefs/plain.md", "+++\ntitle = \"No photo here\"\ndate = 2026-11-21T09:30:00Z\n+++\nA lede.\n")
	var outputs []map[string][]byte
	for range 2 {
		res, err := build.New(photoOptions(dir, t.TempDir())).Build(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, res.Files)
	}
	files := outputs[0]
	if bytes.Contains(files["briefs/a/a.jpg"], []byte("SECR")) || bytes.Equal(files["briefs/a/a.jpg"], orig) {
		t.Error("the original's path publishes the original")
	}
	if w, h, typ := images.Size(files["briefs/a/a.jpg"]); w != 1000 || h != 700 || typ != "image/jpeg" {
		t.Errorf("briefs/a/a.jpg is %d×%d %s, want the widest variant", w, h, typ)
	}
	if w, h, _ := images.Size(files["briefs/plain/social-card.jpg"]); w != 1200 || h != 630 {
		t.Errorf("drawn social card is %d×%d", w, h)
	}
	page := string(files["briefs/a/index.html"])
	for _, want := range []string{
		`<meta property="og:image" content="https://example.org/briefs/a/a-og.jpg">`,
		`<meta name="twitter:card" content="summary_large_image">`,
		`<source type="image/webp" srcset="/briefs/a/a-480w.webp 480w, /briefs/a/a-800w.webp 800w, /briefs/a/a-1000w.webp 1000w"`,
		`fetchpriority="high"`,
		`"url":"https://example.org/briefs/a/a-1x1.jpg","width":700,"height":700`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("briefs/a/index.html lacks %s", want)
		}
	}
	edition := string(files["editions/2026-11-20/index.html"])
	if !strings.Contains(edition, `src="https://example.org/briefs/a/a-mail.jpg"`) || !strings.Contains(edition, `width="560" height="392"`) {
		t.Errorf("the edition does not show the mail JPEG at the mail's width:\n%s", edition)
	}
	if !strings.Contains(string(files["index.html"]), `loading="lazy"`) {
		t.Error("cards' images are not lazy")
	}
	img := regexp.MustCompile(`<img [^>]*>`)
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, tag := range img.FindAllString(string(files[p]), -1) {
			if !strings.Contains(tag, ` width="`) || !strings.Contains(tag, ` height="`) {
				t.Errorf("%s: %s has no width and height", p, tag)
			}
		}
		if !bytes.Equal(files[p], outputs[1][p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
	for p, data := range files {
		if !bytes.Equal(data, outputs[1][p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestPhotosNotReprocessed checks the preview's promise: editing a brief
// never processes its photo again; replacing the photo processes it
// alone.
func TestPhotosNotReprocessed(t *testing.T) {
	type photo = struct {
		name string
		data []byte
	}
	dir := photoSite(t, map[string]photo{"a": {"a.jpg", testJPEG(t, 600, 400, 1)}, "b": {"b.jpg", testJPEG(t, 600, 400, 2)}})
	write(t, dir, "content/briefs/plain.md", "+++\ntitle = \"No photo here\"\ndate = 2026-11-21T09:30:00Z\n+++\nA lede.\n")
	opts := photoOptions(dir, t.TempDir())
	opts.Preview = true
	b := build.New(opts)
	first, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := b.Images().Processed(); n != 2 {
		t.Fatalf("first build processed %d photos, want 2", n)
	}
	// A new headline, a new drawn card.
	write(t, dir, "content/briefs/plain.md", "+++\ntitle = \"Still no photo here\"\ndate = 2026-11-21T09:30:00Z\n+++\nA lede.\n")
	res, err := b.Build(context.Background(), []string{"content/briefs/plain.md"})
	if err != nil {
		t.Fatal(err)
	}
	if card := res.Files["briefs/plain/social-card.jpg"]; len(card) == 0 || bytes.Equal(card, first.Files["briefs/plain/social-card.jpg"]) {
		t.Error("the card of an edited headline was not drawn again")
	}
	write(t, dir, "content/briefs/a/index.md", strings.Replace(fmt.Sprintf(photoBrief, "Brief a, edited", "a.jpg"), "A lede.", "A new lede.", 1))
	if _, err := b.Build(context.Background(), []string{"content/briefs/a/index.md"}); err != nil {
		t.Fatal(err)
	}
	if n := b.Images().Processed(); n != 2 {
		t.Errorf("after an edit of a brief: %d photos processed, want still 2", n)
	}
	write(t, dir, "content/briefs/b/b.jpg", string(testJPEG(t, 640, 400, 9)))
	res, err = b.Build(context.Background(), []string{"content/briefs/b/b.jpg"})
	if err != nil {
		t.Fatal(err)
	}
	if n := b.Images().Processed(); n != 3 {
		t.Errorf("after replacing one photo: %d processed, want 3", n)
	}
	if w, _, _ := images.Size(res.Files["briefs/b/b.jpg"]); w != 640 {
		t.Errorf("the replaced photo is published %d wide, want 640", w)
	}
	// A new Builder (a restarted preview) finds every photo in the cache.
	b2 := build.New(opts)
	if _, err := b2.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if n := b2.Images().Processed(); n != 0 {
		t.Errorf("a restarted build processed %d photos, want 0", n)
	}
}
