package images

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/webp"
)

// TestOrient stores an upright picture as a camera does for each EXIF
// orientation and checks that orient turns it upright again.
func TestOrient(t *testing.T) {
	const dw, dh = 3, 2
	upright := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for i := range upright.Pix {
		upright.Pix[i] = uint8(i * 10)
	}
	at := func(x, y int) []byte { i := upright.PixOffset(x, y); return upright.Pix[i : i+4] }
	// stored gives, for each orientation, the pixel of the upright
	// picture at (x, y) of the stored one, and the stored size.
	stored := map[int]func(x, y int) []byte{
		1: func(x, y int) []byte { return at(x, y) },
		2: func(x, y int) []byte { return at(dw-1-x, y) },
		3: func(x, y int) []byte { return at(dw-1-x, dh-1-y) },
		4: func(x, y int) []byte { return at(x, dh-1-y) },
		5: func(x, y int) []byte { return at(y, x) },
		6: func(x, y int) []byte { return at(dw-1-y, x) },      // stored turned a quarter anticlockwise
		7: func(x, y int) []byte { return at(dw-1-y, dh-1-x) }, // the other diagonal
		8: func(x, y int) []byte { return at(y, dh-1-x) },      // stored turned a quarter clockwise
	}
	for o := 1; o <= 8; o++ {
		sw, sh := dw, dh
		if o >= 5 {
			sw, sh = dh, dw
		}
		s := image.NewRGBA(image.Rect(0, 0, sw, sh))
		for y := 0; y < sh; y++ {
			for x := 0; x < sw; x++ {
				i := s.PixOffset(x, y)
				copy(s.Pix[i:i+4], stored[o](x, y))
			}
		}
		got := orient(s, o)
		if got.Bounds() != upright.Bounds() || !bytes.Equal(got.Pix, upright.Pix) {
			t.Errorf("orientation %d: orient gives %v %v, want %v %v", o, got.Bounds(), got.Pix, upright.Bounds(), upright.Pix)
		}
	}
}

func TestReadMetadata(t *testing.T) {
	jpg := jpegOf(t, quadrants(8, 8))
	tests := []struct {
		name string
		data []byte
		want Metadata
	}{
		{"no exif", jpg, Metadata{Orientation: 1}},
		{"orientation 6", withSegments(jpg, segment(0xe1, append([]byte("Exif\x00\x00"), exifTIFF(6, false)...))), Metadata{Orientation: 6}},
		{"gps", withSegments(jpg, segment(0xe1, append([]byte("Exif\x00\x00"), exifTIFF(3, true)...))), Metadata{Orientation: 3, GPS: true}},
		{"after other segments", withSegments(jpg, segment(0xe0, []byte("JFIF\x00xx")), segment(0xe1, append([]byte("Exif\x00\x00"), exifTIFF(8, true)...))), Metadata{Orientation: 8, GPS: true}},
		{"orientation out of range", withSegments(jpg, segment(0xe1, append([]byte("Exif\x00\x00"), exifTIFF(9, false)...))), Metadata{Orientation: 1}},
		{"png eXIf", pngWithChunk(t, "eXIf", exifTIFF(5, true)), Metadata{Orientation: 5, GPS: true}},
		{"truncated exif", withSegments(jpg, segment(0xe1, append([]byte("Exif\x00\x00"), exifTIFF(6, true)[:12]...))), Metadata{Orientation: 1}},
		{"not an image", []byte("hello"), Metadata{Orientation: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReadMetadata(tt.data); got != tt.want {
				t.Errorf("ReadMetadata = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// pngWithChunk returns a small PNG with a chunk inserted after IHDR.
func pngWithChunk(t testing.TB, typ string, data []byte) []byte {
	p := pngOf(t, quadrants(8, 8))
	const ihdrEnd = 8 + 8 + 13 + 4
	return slices.Concat(p[:ihdrEnd], pngChunk(typ, data), p[ihdrEnd:])
}

func FuzzReadMetadata(f *testing.F) {
	jpg := []byte{0xff, 0xd8, 0xff, 0xd9}
	f.Add(withSegments(jpg, segment(0xe1, append([]byte("Exif\x00\x00"), exifTIFF(6, true)...))))
	f.Add(append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("eXIf", exifTIFF(3, true))...))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPEXIF\x08\x00\x00\x00II*\x00\x08\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := ReadMetadata(data)
		if m.Orientation < 1 || m.Orientation > 8 {
			t.Errorf("orientation %d", m.Orientation)
		}
	})
}

// TestProcessOrientation checks that a JPEG stored turned a quarter comes
// out upright: taller than wide, its quadrants where they belong.
func TestProcessOrientation(t *testing.T) {
	// Stored 400×200 with orientation 6: upright it is 200×400, and the
	// stored top left (red) is its top right.
	jpg := withSegments(jpegOf(t, quadrants(400, 200)), segment(0xe1, append([]byte("Exif\x00\x00"), exifTIFF(6, false)...)))
	res, err := Process(jpg, Settings{Widths: []int{100, 200}, Formats: []string{"jpeg"}}, Centre)
	if err != nil {
		t.Fatal(err)
	}
	if res.Width != 200 || res.Height != 400 {
		t.Fatalf("upright size %d×%d, want 200×400", res.Width, res.Height)
	}
	last := res.Responsive[len(res.Responsive)-1]
	m, _, err := image.Decode(bytes.NewReader(last.Data))
	if err != nil {
		t.Fatal(err)
	}
	if b := m.Bounds(); b.Dx() != 200 || b.Dy() != 400 {
		t.Fatalf("variant is %v, want 200×400", b)
	}
	for _, c := range []struct {
		x, y int
		want color.Color
	}{{150, 50, color.RGBA{255, 0, 0, 255}}, {150, 350, color.RGBA{0, 255, 0, 255}}, {50, 50, color.RGBA{0, 0, 255, 255}}, {50, 350, color.RGBA{255, 255, 255, 255}}} {
		if got := m.At(c.x, c.y); !near(got, c.want) {
			t.Errorf("pixel (%d,%d) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
}

func TestResponsiveWidths(t *testing.T) {
	tests := []struct {
		w    int
		want []int
	}{
		{4000, []int{480, 800, 1200, 1600}},
		{1600, []int{480, 800, 1200, 1600}},
		{1000, []int{480, 800, 1000}},
		{480, []int{480}},
		{300, []int{300}},
	}
	for _, tt := range tests {
		if got := responsiveWidths(tt.w, DefaultWidths); !slices.Equal(got, tt.want) {
			t.Errorf("responsiveWidths(%d) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

// TestProcessVariants checks every variant of a photo: widths never
// enlarged, sizes as stated, formats, the social card and crops.
func TestProcessVariants(t *testing.T) {
	res, err := Process(jpegOf(t, quadrants(1000, 500)), Settings{MailWidth: 1120}, Centre)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range res.Responsive {
		names = append(names, e.Name)
	}
	if want := []string{"480w.webp", "800w.webp", "1000w.webp", "480w.jpg", "800w.jpg", "1000w.jpg"}; !slices.Equal(names, want) {
		t.Errorf("responsive variants %v, want %v", names, want)
	}
	check := func(e Encoded, w, h int, typ string) {
		t.Helper()
		cfg, format, err := image.DecodeConfig(bytes.NewReader(e.Data))
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		if cfg.Width != w || cfg.Height != h || e.Width != w || e.Height != h || "image/"+format != typ || e.Type != typ {
			t.Errorf("%s is %d×%d %s (says %d×%d %s), want %d×%d %s", e.Name, cfg.Width, cfg.Height, format, e.Width, e.Height, e.Type, w, h, typ)
		}
	}
	for _, e := range res.Responsive {
		if e.Width > 1000 {
			t.Errorf("%s is wider than the photo", e.Name)
		}
		typ := "image/jpeg"
		if strings.HasSuffix(e.Name, ".webp") {
			typ = "image/webp"
		}
		check(e, e.Width, e.Width/2, typ)
	}
	check(res.Social, 1200, 630, "image/jpeg")
	check(res.Crops[0], 889, 500, "image/jpeg") // 16:9 of a 2:1 photo is as high as it
	check(res.Crops[1], 667, 500, "image/jpeg")
	check(res.Crops[2], 500, 500, "image/jpeg")
	check(*res.Mail, 1000, 500, "image/jpeg") // never enlarged to 1120
}

func TestCropAround(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 1000, 500))
	tests := []struct {
		aw, ah int
		focus  Focus
		want   image.Rectangle
	}{
		{1, 1, Centre, image.Rect(250, 0, 750, 500)},
		{1, 1, Focus{0, 0}, image.Rect(0, 0, 500, 500)},
		{1, 1, Focus{1, 1}, image.Rect(500, 0, 1000, 500)},
		{1, 1, Focus{0.3, 0.5}, image.Rect(50, 0, 550, 500)},
		{4, 1, Focus{0.5, 0.9}, image.Rect(0, 250, 1000, 500)},
		{2, 1, Centre, image.Rect(0, 0, 1000, 500)},
	}
	for _, tt := range tests {
		if got := cropAround(m, tt.aw, tt.ah, tt.focus).Bounds(); got != tt.want {
			t.Errorf("cropAround(%d:%d, %v) = %v, want %v", tt.aw, tt.ah, tt.focus, got, tt.want)
		}
	}
}

// TestMetadataGone processes a JPEG that carries EXIF (GPS, a camera
// serial), XMP and IPTC, and finds none of it in any variant.
func TestMetadataGone(t *testing.T) {
	jpg := withSegments(jpegOf(t, quadrants(900, 600)),
		segment(0xe1, append([]byte("Exif\x00\x00"), exifTIFF(1, true)...)),
		segment(0xe1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><dc:creator>Jane Editor</dc:creator></x:xmpmeta>")),
		segment(0xed, []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x50\x00\x07Jane Ed")),
	)
	if !ReadMetadata(jpg).GPS {
		t.Fatal("the original has no GPS block")
	}
	res, err := Process(jpg, Settings{MailWidth: 600}, Centre)
	if err != nil {
		t.Fatal(err)
	}
	all := append(append(slices.Clone(res.Responsive), res.Social, *res.Mail), res.Crops...)
	for _, e := range all {
		for _, leak := range []string{"Exif", "SN7", "xap/1.0", "xmpmeta", "Jane", "Photoshop", "8BIM"} {
			if bytes.Contains(e.Data, []byte(leak)) {
				t.Errorf("%s contains %q", e.Name, leak)
			}
		}
		if ReadMetadata(e.Data).GPS {
			t.Errorf("%s has a GPS block", e.Name)
		}
	}
}

// TestTransparency checks that a PNG with transparency keeps it: its
// fallback is PNG, and its WebP has alpha.
func TestTransparency(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 600, 400))
	for y := 0; y < 400; y++ {
		for x := 0; x < 600; x++ {
			a := uint8(255)
			if x < 300 {
				a = 0
			}
			m.SetNRGBA(x, y, color.NRGBA{200, 40, 40, a})
		}
	}
	res, err := Process(pngOf(t, m), Settings{Widths: []int{300, 600}}, Centre)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Responsive {
		var got image.Image
		var err error
		switch e.Type {
		case "image/png":
			got, err = png.Decode(bytes.NewReader(e.Data))
		case "image/webp":
			got, err = webp.Decode(bytes.NewReader(e.Data))
		default:
			t.Errorf("%s is %s, want PNG or WebP", e.Name, e.Type)
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		w := got.Bounds().Dx()
		if _, _, _, a := got.At(w/8, 10).RGBA(); a != 0 {
			t.Errorf("%s: left half has alpha %d, want transparent", e.Name, a)
		}
		if c := got.At(w*7/8, 10); !near(c, color.NRGBA{200, 40, 40, 255}) {
			t.Errorf("%s: right half is %v, want opaque red", e.Name, c)
		}
	}
}

// TestDeterministic processes the same photo twice, in two processors
// with caches of their own, and gets the same bytes (WebP included).
func TestDeterministic(t *testing.T) {
	data := jpegOf(t, sceneForTest(1200, 800))
	var first map[string][]byte
	for range 2 {
		p, err := NewProcessor(t.TempDir(), Settings{Widths: []int{320, 640}, MailWidth: 400})
		if err != nil {
			t.Fatal(err)
		}
		ph, err := p.Photo(context.Background(), Bytes(data), Centre)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, v := range ph.Variants() {
			if files[v.Name], err = ph.Data(v.Name); err != nil {
				t.Fatal(err)
			}
		}
		if first == nil {
			first = files
			continue
		}
		for name, data := range files {
			if !bytes.Equal(data, first[name]) {
				t.Errorf("%s differs between two runs", name)
			}
		}
	}
}

// sceneForTest is a small picture with gradients and edges.
func sceneForTest(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x ^ y) & 0xff), 255})
		}
	}
	return m
}

// TestProcessorCache checks that a second processor over the same folder
// reads the photo from the cache instead of processing it, and that
// other settings or another focus are other entries.
func TestProcessorCache(t *testing.T) {
	dir := t.TempDir()
	data := jpegOf(t, quadrants(700, 400))
	s := Settings{Widths: []int{200, 400}}
	p1, _ := NewProcessor(dir, s)
	ph1, err := p1.Photo(context.Background(), Bytes(data), Centre)
	if err != nil {
		t.Fatal(err)
	}
	// Mark the cached bytes: a processor that reads the cache returns them.
	marked := filepath.Join(ph1.dir, "200w.webp")
	if err := os.WriteFile(marked, []byte("from the cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	p2, _ := NewProcessor(dir, s)
	ph2, err := p2.Photo(context.Background(), Bytes(data), Centre)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := ph2.Data("200w.webp"); string(got) != "from the cache" {
		t.Errorf("second processor made the photo again")
	}
	if ph2.Key != ph1.Key || ph2.Width != 700 {
		t.Errorf("cached photo %+v, want %+v", ph2, ph1)
	}
	p3, _ := NewProcessor(dir, Settings{Widths: []int{200, 400}, Quality: 50})
	ph3, _ := p3.Photo(context.Background(), Bytes(data), Centre)
	ph4, _ := p3.Photo(context.Background(), Bytes(data), Focus{0.1, 0.1})
	if ph3.dir == ph1.dir || ph4.dir == ph3.dir {
		t.Errorf("other settings or focus share a cache entry")
	}
	// The same bytes in another slice: hashed, found.
	if ph5, _ := p1.Photo(context.Background(), Bytes(bytes.Clone(data)), Centre); ph5 != ph1 {
		t.Errorf("the same bytes again: another photo")
	}
}

func TestProcessorErrors(t *testing.T) {
	if _, err := NewProcessor(filepath.Join(t.TempDir(), "file", "sub"), Settings{}); err != nil {
		t.Fatalf("a missing folder is made: %v", err)
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := NewProcessor(filepath.Join(file, "sub"), Settings{}); err == nil || !strings.Contains(err.Error(), "image cache") {
		t.Errorf("cache under a file: %v", err)
	}
	p, _ := NewProcessor(t.TempDir(), Settings{})
	ctx, cancel := context.WithCancel(context.Background())
	for range runtime.GOMAXPROCS(0) {
		p.slots <- struct{}{}
	}
	cancel()
	if _, err := p.Photo(ctx, Bytes(jpegOf(t, quadrants(10, 10))), Centre); err != context.Canceled {
		t.Errorf("cancelled while waiting: %v", err)
	}
}
