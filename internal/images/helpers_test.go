package images

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// exifTIFF returns a little-endian EXIF TIFF block with an orientation
// (when o > 0), a GPS block (when gps) and a camera serial number.
func exifTIFF(o int, gps bool) []byte {
	le := binary.LittleEndian
	type entry struct {
		tag, typ uint16
		count    uint32
		value    [4]byte
	}
	var entries []entry
	if o > 0 {
		e := entry{tag: 0x0112, typ: 3, count: 1}
		le.PutUint16(e.value[:], uint16(o))
		entries = append(entries, e)
	}
	serial := entry{tag: 0xa431, typ: 2, count: 4} // BodySerialNumber "SN7"
	copy(serial.value[:], "SN7\x00")
	entries = append(entries, serial)
	ifd0 := 8
	gpsOff := ifd0 + 2 + 12*(len(entries)+1) + 4
	if gps {
		e := entry{tag: 0x8825, typ: 4, count: 1}
		le.PutUint32(e.value[:], uint32(gpsOff))
		entries = append(entries, e)
	}
	var b bytes.Buffer
	b.WriteString("II*\x00")
	binary.Write(&b, le, uint32(ifd0))
	binary.Write(&b, le, uint16(len(entries)))
	for _, e := range entries {
		binary.Write(&b, le, e)
	}
	binary.Write(&b, le, uint32(0))
	if gps {
		for b.Len() < gpsOff {
			b.WriteByte(0)
		}
		binary.Write(&b, le, uint16(1))
		binary.Write(&b, le, entry{tag: 0x0001, typ: 2, count: 2, value: [4]byte{'N'}})
		binary.Write(&b, le, uint32(0))
	}
	return b.Bytes()
}

// withSegments inserts JPEG marker segments right after the start of
// image.
func withSegments(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

// segment returns a JPEG marker segment.
func segment(marker byte, payload []byte) []byte {
	s := []byte{0xff, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(payload)+2))
	return append(s, payload...)
}

// pngChunk returns a PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	c := make([]byte, 8, 12+len(data))
	binary.BigEndian.PutUint32(c, uint32(len(data)))
	copy(c[4:], typ)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// quadrants returns a w×h image whose four quadrants are red, green, blue
// and white (top left, top right, bottom left, bottom right).
func quadrants(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{255, 0, 0, 255}
			switch {
			case x >= w/2 && y < h/2:
				c = color.RGBA{0, 255, 0, 255}
			case x < w/2 && y >= h/2:
				c = color.RGBA{0, 0, 255, 255}
			case x >= w/2 && y >= h/2:
				c = color.RGBA{255, 255, 255, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

func jpegOf(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngOf(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// near reports whether two colours differ by at most 40 in each channel:
// what resizing and lossy encoding leave of a flat area.
func near(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	d := func(x, y uint32) bool { return max(x, y)-min(x, y) <= 40<<8 }
	return d(ar, br) && d(ag, bg) && d(ab, bb) && d(aa, ba)
}
