// Package scaffold writes a new site: the files of `briefs init`.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"
)

// site is the new site. Its config.toml and briefs are templates of Data;
// the other files are written as they are.
//
//go:embed all:site
var site embed.FS

// Data is what the templates of the new site are filled with.
type Data struct {
	Title    string
	Timezone string
	Earlier  string // the date of the older sample brief, RFC 3339
	Latest   string // the date of the newer one
}

// Options says what site to write.
type Options struct {
	Title    string    // the site's title
	Timezone string    // an IANA time zone name
	Now      time.Time // the sample briefs are dated just before it
	// Force writes into a folder that has files already; those are kept.
	Force bool
}

// photoPath is where the sample bundle's photo goes, beside its brief.
const photoPath = "content/briefs/ferry-fares-frozen/harbour.jpg"

// ErrNotEmpty is returned by Write for a folder that has files, without Force.
var ErrNotEmpty = errors.New("the folder is not empty")

// Write writes a new site into dir, which it makes if need be. It returns
// the files it wrote and those it kept because they existed (with Force),
// as slash-separated paths relative to dir.
func Write(dir string, opts Options) (written, kept []string, err error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 && !opts.Force {
		return nil, nil, ErrNotEmpty
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	loc, err := time.LoadLocation(opts.Timezone)
	if err != nil {
		return nil, nil, fmt.Errorf("timezone %q: %w", opts.Timezone, err)
	}
	now := opts.Now.In(loc).Truncate(time.Minute)
	data := Data{Title: opts.Title, Timezone: opts.Timezone,
		Earlier: now.Add(-26 * time.Hour).Format(time.RFC3339), Latest: now.Add(-2 * time.Hour).Format(time.RFC3339)}
	files := map[string][]byte{photoPath: Photo(1600, 1000)}
	err = fs.WalkDir(site, "site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "site/")
		if ext := path.Ext(rel); ext == ".toml" || ext == ".md" {
			if raw, err = fill(rel, raw, data); err != nil {
				return err
			}
		}
		files[rel] = raw
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if written, kept, err = WriteFiles(dir, files); err != nil {
		return written, kept, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		return written, kept, err
	}
	return written, kept, nil
}

// WriteFiles writes files, by slash path, into dir as Write does: it never
// overwrites a file. It returns the paths it wrote and those it kept
// because they existed, sorted.
func WriteFiles(dir string, files map[string][]byte) (written, kept []string, err error) {
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		ok, err := create(filepath.Join(dir, filepath.FromSlash(rel)), files[rel])
		if err != nil {
			return written, kept, err
		}
		if ok {
			written = append(written, rel)
		} else {
			kept = append(kept, rel)
		}
	}
	return written, kept, nil
}

// fill executes the template text of the file rel with data.
func fill(rel string, text []byte, data Data) ([]byte, error) {
	t, err := template.New(rel).Parse(string(text))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, data)
	return b.Bytes(), err
}

// create writes a new file at p, with its folders; ok is false, and the
// file untouched, when p exists already.
func create(p string, data []byte) (ok bool, err error) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return false, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	_, err = f.Write(data)
	return true, errors.Join(err, f.Close())
}

// Photo returns a JPEG of a harbour at dusk drawn by code: a sky graded
// from blue to orange, a sun, water with ripples and a ferry. The same
// size gives the same bytes.
func Photo(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	horizon := h * 3 / 5
	sunX, sunY, sunR := float64(w)*0.7, float64(horizon)-float64(h)*0.12, float64(h)*0.07
	for y := range h {
		for x := range w {
			var c color.RGBA
			if y < horizon {
				t := float64(y) / float64(horizon)
				c = mix(color.RGBA{38, 70, 140, 255}, color.RGBA{245, 150, 80, 255}, t)
				if d := math.Hypot(float64(x)-sunX, float64(y)-sunY); d < sunR {
					c = color.RGBA{255, 226, 150, 255}
				}
			} else {
				t := float64(y-horizon) / float64(h-horizon)
				c = mix(color.RGBA{200, 110, 70, 255}, color.RGBA{20, 40, 80, 255}, t)
				ripple := math.Sin(float64(x)/9+float64(y)*float64(y)/900) * 18 * (1 - t)
				c = shade(c, ripple)
			}
			img.SetRGBA(x, y, c)
		}
	}
	// The ferry: a hull and a cabin, dark against the water.
	hull := image.Rect(w*18/100, horizon+h/40, w*46/100, horizon+h/12)
	cabin := image.Rect(w*24/100, horizon-h/30, w*38/100, horizon+h/40)
	for _, r := range []image.Rectangle{hull, cabin} {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				img.SetRGBA(x, y, color.RGBA{28, 30, 40, 255})
			}
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 82}); err != nil {
		panic(err) // encoding an in-memory RGBA image into a buffer cannot fail
	}
	return b.Bytes()
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	l := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 255}
}

func shade(c color.RGBA, d float64) color.RGBA {
	s := func(x uint8) uint8 { return uint8(max(0, min(255, float64(x)+d))) }
	return color.RGBA{s(c.R), s(c.G), s(c.B), 255}
}
