package check

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// gpsJPEG is the start of a JPEG whose EXIF block has a GPS entry: what
// the rule reads of a photo.
var gpsJPEG = []byte("\xff\xd8\xff\xe1\x00\x34Exif\x00\x00" +
	"II*\x00\x08\x00\x00\x00" + // TIFF header, IFD0 at 8
	"\x01\x00" + "\x25\x88\x04\x00\x01\x00\x00\x00\x1a\x00\x00\x00" + "\x00\x00\x00\x00" + // IFD0: the GPS block at 26
	"\x01\x00" + "\x01\x00\x02\x00\x02\x00\x00\x00N\x00\x00\x00" + "\x00\x00\x00\x00" + // GPS: latitude ref N
	"\xff\xd9")

func TestPhotoGPS(t *testing.T) {
	brief := func(src string) string {
		return "+++\ntitle = \"A brief about " + src + "\"\ndate = 2026-05-01T09:00:00Z\n[photo]\nsrc = \"" + src + "\"\nalt = \"A street corner at noon\"\ncredit = \"Desk\"\n+++\nLede.\n\n**Why this matters:** Because.\n"
	}
	fsys := fstest.MapFS{
		"config.toml":                      {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\n")},
		"content/briefs/located/index.md":  {Data: []byte(brief("where.jpg"))},
		"content/briefs/located/where.jpg": {Data: gpsJPEG},
		"content/briefs/clean/index.md":    {Data: []byte(brief("clean.jpg"))},
		"content/briefs/clean/clean.jpg":   {Data: []byte("\xff\xd8\xff\xd9")},
		"content/briefs/static-photo.md":   {Data: []byte(brief("/images/shared.jpg"))},
		"static/images/shared.jpg":         {Data: gpsJPEG},
		"content/briefs/remote.md":         {Data: []byte(brief("https://cdn.example.org/a.jpg"))},
		"content/briefs/missing/index.md":  {Data: []byte(brief("gone.jpg"))},
		"content/briefs/svg/index.md":      {Data: []byte(brief("chart.svg"))},
		"content/briefs/svg/chart.svg":     {Data: []byte("<svg/>")},
		"content/briefs/ignored/index.md":  {Data: []byte(strings.Replace(brief("where.jpg"), "+++\nLede", "[[ignore]]\nrule = \"photo-gps\"\nreason = \"the place is public\"\n+++\nLede", 1))},
		"content/briefs/ignored/where.jpg": {Data: gpsJPEG},
	}
	for _, withFS := range []bool{true, false} {
		in := load(t, fsys)
		if withFS {
			in.FS = fsys
		}
		findings, err := Run(context.Background(), in, Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range findings {
			if f.Rule == "photo-gps" {
				got = append(got, f.String())
			}
		}
		want := []string{
			`content/briefs/located/index.md:5:1: warning photo-gps: photo where.jpg records where it was taken (EXIF GPS): published copies are stripped, but remove it from the original if the place must stay private`,
			`content/briefs/static-photo.md:5:1: warning photo-gps: photo /images/shared.jpg records where it was taken (EXIF GPS): published copies are stripped, but remove it from the original if the place must stay private`,
		}
		if !withFS {
			want = nil // no files to read
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("with FS %v: findings\n%s\nwant\n%s", withFS, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
