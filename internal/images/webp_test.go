package images

import (
	"bytes"
	"errors"
	"image"
	"testing"

	"github.com/gen2brain/webp"
)

// TestWebPEncoder checks that WebP comes from the encoder compiled to
// WebAssembly, never a system libwebp (go test -tags nodynamic never
// loads one; without the tag, a loaded one is refused).
func TestWebPEncoder(t *testing.T) {
	var buf bytes.Buffer
	err := encodeWebP(&buf, image.NewRGBA(image.Rect(0, 0, 16, 16)), 80)
	if webp.Dynamic() == nil {
		if !errors.Is(err, errSystemWebP) {
			t.Fatalf("a system libwebp is loaded and encodeWebP returned %v, want errSystemWebP", err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if cfg, format, err := image.DecodeConfig(&buf); err != nil || format != "webp" || cfg.Width != 16 {
		t.Errorf("encoded %s %dx%d, %v", format, cfg.Width, cfg.Height, err)
	}
}
