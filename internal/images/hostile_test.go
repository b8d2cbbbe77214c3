package images

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// bombPNG returns a PNG of a few bytes whose header claims w×h pixels.
func bombPNG(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	b := []byte("\x89PNG\r\n\x1a\n")
	b = append(b, pngChunk("IHDR", ihdr)...)
	b = append(b, pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(b, pngChunk("IEND", nil)...)
}

// TestHostileImages feeds Process what a hostile or broken upload looks
// like: each is refused with a clear error before it costs memory, or is
// handled correctly.
func TestHostileImages(t *testing.T) {
	jpg := jpegOf(t, quadrants(640, 480))
	cmyk, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "image", "testdata", "video-001.cmyk.jpeg"))
	if err != nil {
		t.Fatalf("the Go tree's CMYK JPEG: %v", err)
	}
	tests := []struct {
		name    string
		data    []byte
		max     int
		wantErr string // "" means it processes
		w, h    int
	}{
		{"decompression bomb", bombPNG(100_000, 100_000), 0, "100000×100000 is 10000 megapixels, more than the limit of 100", 0, 0},
		{"over a lower limit", jpg, 300_000, "640×480 is 0.3072 megapixels, more than the limit of 0.3 ([images] max_pixels)", 0, 0},
		{"zero size", bombPNG(0, 10), 0, "unreadable image header", 0, 0},
		{"truncated JPEG", jpg[:len(jpg)/2], 0, "broken image: invalid JPEG format", 0, 0},
		{"header only", jpg[:200], 0, "unreadable image header: unexpected EOF", 0, 0},
		{"HTML named .jpg", []byte("<!doctype html><p>not a photo"), 0, "not a JPEG, PNG, GIF, WebP, TIFF or BMP image", 0, 0},
		{"empty", nil, 0, "not a JPEG", 0, 0},
		{"CMYK JPEG", cmyk, 0, "", 150, 103},
		{"huge PNG text chunk", pngWithChunk(t, "tEXt", append([]byte("Comment\x00"), bytes.Repeat([]byte("x"), 16<<20)...)), 0, "", 8, 8},
		{"PNG chunk claiming 2 GB", pngWithChunk(t, "zTXt", nil)[:33+8], 0, "broken image", 0, 0},
	}
	// The last row's chunk length is rewritten to claim 2 GB.
	last := tests[len(tests)-1].data
	binary.BigEndian.PutUint32(last[33:], 0x7fffffff)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Process(tt.data, Settings{Widths: []int{100}, MaxPixels: tt.max}, Centre)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Width != tt.w || res.Height != tt.h {
				t.Errorf("size %d×%d, want %d×%d", res.Width, res.Height, tt.w, tt.h)
			}
		})
	}
}
