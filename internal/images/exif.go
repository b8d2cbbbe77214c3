package images

import (
	"bytes"
	"encoding/binary"
)

// Metadata is what a photo's EXIF block says that matters to a build: how
// to turn the pixels upright, and whether it records where it was taken.
type Metadata struct {
	// Orientation is the EXIF orientation, 1 (upright) to 8; 1 when the
	// photo has none or an invalid one.
	Orientation int
	// GPS reports a GPS block with at least one entry: the photo may tell
	// where it was taken, and so who took it.
	GPS bool
}

// ReadMetadata reads the EXIF block of a JPEG (its APP1 segment), PNG
// (eXIf chunk) or WebP (EXIF chunk) file. It never fails: what it cannot
// read it leaves at its default.
func ReadMetadata(data []byte) Metadata {
	m := Metadata{Orientation: 1}
	tiff := exifBlock(data)
	if tiff == nil {
		return m
	}
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(tiff, []byte("II*\x00")):
		order = binary.LittleEndian
	case bytes.HasPrefix(tiff, []byte("MM\x00*")):
		order = binary.BigEndian
	default:
		return m
	}
	ifd := int64(order.Uint32(tiff[4:8]))
	readIFD(tiff, order, ifd, func(tag, typ uint16, count uint32, value []byte) {
		switch tag {
		case 0x0112: // Orientation, a SHORT
			if typ == 3 && count >= 1 {
				if o := int(order.Uint16(value)); o >= 1 && o <= 8 {
					m.Orientation = o
				}
			}
		case 0x8825: // the GPS block's offset, a LONG
			if typ == 4 && count >= 1 {
				readIFD(tiff, order, int64(order.Uint32(value)), func(uint16, uint16, uint32, []byte) { m.GPS = true })
			}
		}
	})
	return m
}

// readIFD calls fn with each entry of the image file directory at off in
// tiff, with the entry's 4-byte value field (which holds small values).
// It stops at the end of tiff.
func readIFD(tiff []byte, order binary.ByteOrder, off int64, fn func(tag, typ uint16, count uint32, value []byte)) {
	if off < 8 || off+2 > int64(len(tiff)) {
		return
	}
	n := int64(order.Uint16(tiff[off:]))
	for i := int64(0); i < n; i++ {
		e := off + 2 + 12*i
		if e+12 > int64(len(tiff)) {
			return
		}
		fn(order.Uint16(tiff[e:]), order.Uint16(tiff[e+2:]), order.Uint32(tiff[e+4:]), tiff[e+8:e+12])
	}
}

// exifBlock returns the TIFF structure of a file's EXIF block, or nil.
func exifBlock(data []byte) []byte {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xd8}):
		return jpegEXIF(data)
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return pngEXIF(data)
	case len(data) >= 12 && bytes.Equal(data[:4], []byte("RIFF")) && bytes.Equal(data[8:12], []byte("WEBP")):
		return webpEXIF(data)
	}
	return nil
}

// jpegEXIF returns the TIFF structure of a JPEG's "Exif" APP1 segment.
// Markers before the image data are walked by their lengths.
func jpegEXIF(data []byte) []byte {
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			return nil
		}
		marker := data[i+1]
		if marker == 0xff { // padding
			i++
			continue
		}
		if marker == 0xda || marker == 0xd9 { // start of scan, end of image
			return nil
		}
		if marker >= 0xd0 && marker <= 0xd8 || marker == 0x01 { // no length
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xe1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return seg[6:]
		}
		i += 2 + n
	}
	return nil
}

// pngEXIF returns the content of a PNG's eXIf chunk.
func pngEXIF(data []byte) []byte {
	for i := 8; i+8 <= len(data); {
		n := int64(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		end := int64(i) + 8 + n
		if end+4 > int64(len(data)) {
			return nil
		}
		switch typ {
		case "eXIf":
			return data[i+8 : end]
		case "IDAT", "IEND":
			return nil
		}
		i = int(end + 4)
	}
	return nil
}

// webpEXIF returns the content of a WebP's EXIF chunk.
func webpEXIF(data []byte) []byte {
	for i := 12; i+8 <= len(data); {
		n := int64(binary.LittleEndian.Uint32(data[i+4:]))
		end := int64(i) + 8 + n
		if end > int64(len(data)) {
			return nil
		}
		if string(data[i:i+4]) == "EXIF" {
			block := data[i+8 : end]
			return bytes.TrimPrefix(block, []byte("Exif\x00\x00"))
		}
		i = int(end + n%2) // chunks are padded to an even size
	}
	return nil
}
