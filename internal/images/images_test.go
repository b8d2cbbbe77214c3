package images

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
)

func encoded(t *testing.T, enc func(*bytes.Buffer, image.Image) error, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := enc(&buf, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImageSize(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		w, h int
		typ  string
	}{
		{"png", encoded(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }, 30, 20), 30, 20, "image/png"},
		{"jpeg", encoded(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) }, 17, 9), 17, 9, "image/jpeg"},
		{"gif", encoded(t, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }, 8, 5), 8, 5, "image/gif"},
		{"svg width and height", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"/>`), 1200, 675, "image/svg+xml"},
		{"svg px", []byte(`<?xml version="1.0"?><!DOCTYPE svg><svg width="64px" height="32.4px"></svg>`), 64, 32, "image/svg+xml"},
		{"svg viewBox", []byte(`<svg viewBox="0 0 400 300"/>`), 400, 300, "image/svg+xml"},
		{"svg viewBox with commas", []byte(`<svg viewBox="0,0,40.5,30"/>`), 41, 30, "image/svg+xml"},
		{"svg width and viewBox", []byte(`<svg width="800" viewBox="0 0 400 300"/>`), 800, 600, "image/svg+xml"},
		{"svg percent and viewBox", []byte(`<svg width="100%" height="100%" viewBox="0 0 40 30"/>`), 40, 30, "image/svg+xml"},
		{"svg em", []byte(`<svg width="10em" height="5em"/>`), 0, 0, "image/svg+xml"},
		{"html", []byte(`<html><body>not an image</body></html>`), 0, 0, ""},
		{"truncated png", []byte("\x89PNG\r\n\x1a\n"), 0, 0, ""},
		{"empty", nil, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, h, typ := Size(tt.data)
			if w != tt.w || h != tt.h || typ != tt.typ {
				t.Errorf("Size = %d, %d, %q, want %d, %d, %q", w, h, typ, tt.w, tt.h, tt.typ)
			}
		})
	}
}
