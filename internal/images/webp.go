package images

import (
	"errors"
	"image"
	"io"

	"github.com/gen2brain/webp"
)

// EncoderVersion names the encoders whose bytes the cache keeps: a new
// version of one makes every cached variant stale.
const EncoderVersion = "webp-gen2brain-0.5.5-wasm|jpeg-png-go1|draw-catmullrom|card-1"

// errSystemWebP refuses a WebP encoder that a system library provides: its
// bytes differ from one libwebp version to the next, and the build's output
// must be the same on every machine.
var errSystemWebP = errors.New("the WebP encoder loaded the system's libwebp, whose output differs by version: build briefs with -tags nodynamic")

// webpMethod trades encoding time for size (0 fast to 6 slow): 2 makes
// files about the size of the default 4 in a third of the time.
const webpMethod = 2

// encodeWebP encodes m as a lossy WebP with the encoder compiled to
// WebAssembly that github.com/gen2brain/webp carries.
func encodeWebP(w io.Writer, m image.Image, quality int) error {
	if webp.Dynamic() == nil {
		return errSystemWebP
	}
	return webp.Encode(w, m, webp.Options{Quality: quality, Method: webpMethod})
}
