package images

import (
	"image"
	"testing"

	"github.com/briefs-dev/briefs/internal/photogen"
)

// BenchmarkProcess makes every variant of a wire-sized photo: a generated
// 4000×2667 scene, a JPEG of about 3.4 MB.
func BenchmarkProcess(b *testing.B) {
	data := photogen.JPEG(1, 4000, 2667, 90)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Process(data, Settings{MailWidth: 1120}, Centre); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode measures each encoder on the widest variant.
func BenchmarkEncode(b *testing.B) {
	m := image.NewRGBA(image.Rect(0, 0, 1600, 1067))
	copy(m.Pix, photogen.Scene(2, 1600, 1067).Pix)
	for _, format := range []string{"webp", "jpeg"} {
		b.Run(format, func(b *testing.B) {
			var size int
			for b.Loop() {
				e, err := encode(m, format, true, DefaultQuality)
				if err != nil {
					b.Fatal(err)
				}
				size = len(e.Data)
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}
