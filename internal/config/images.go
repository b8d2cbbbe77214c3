package config

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Images holds the settings of the photos a build resizes and encodes.
type Images struct {
	// Widths are the widths of each photo's responsive variants, in
	// pixels; a photo is never enlarged. Default 480, 800, 1200, 1600.
	Widths []int `toml:"widths"`
	// Quality of the WebP and JPEG variants, 1 to 100. Default 80.
	Quality int `toml:"quality"`
	// Formats of the variants, best first: "webp", and "jpeg" (PNG for a
	// photo with transparency). Default both.
	Formats []string `toml:"formats"`
	// CacheDir is where processed photos are kept between builds,
	// relative to the site; empty means the user's cache folder. The
	// --cache-dir flag overrides it.
	CacheDir string `toml:"cache_dir"`
	// MaxPixels is the largest photo a build reads, in pixels. Default
	// 100 megapixels.
	MaxPixels int `toml:"max_pixels"`
	// CardBackground, CardText and CardAccent, when set, are the colours
	// of the social cards drawn for briefs without a photo ("#0b2545"),
	// in place of the theme's (its stylesheet's --card-background,
	// --card-text and --card-accent, else --bg, --ink and --accent).
	CardBackground string `toml:"card_background"`
	CardText       string `toml:"card_text"`
	CardAccent     string `toml:"card_accent"`
}

// The defaults and bounds of Images.
var DefaultImageWidths = []int{480, 800, 1200, 1600}

const (
	DefaultImageQuality   = 80
	DefaultImageMaxPixels = 100_000_000
	minImageWidth         = 16
	maxImageWidth         = 8192
	maxImagePixels        = 1_000_000_000
)

// ImageFormats are the formats [images] formats may name.
var ImageFormats = []string{"webp", "jpeg"}

func defaultImages() Images {
	return Images{Widths: slices.Clone(DefaultImageWidths), Quality: DefaultImageQuality,
		Formats: slices.Clone(ImageFormats), MaxPixels: DefaultImageMaxPixels}
}

func (im *Images) problems(destination string) []problem {
	var ps []problem
	add := func(key, msg string) { ps = append(ps, problem{"images." + key, msg}) }
	if len(im.Widths) == 0 {
		add("widths", "must list at least one width")
	}
	for i, w := range im.Widths {
		if w < minImageWidth || w > maxImageWidth {
			add("widths", fmt.Sprintf("%d is not a width between %d and %d pixels", w, minImageWidth, maxImageWidth))
		} else if i > 0 && w <= im.Widths[i-1] {
			add("widths", "must be in increasing order, each once")
		}
	}
	if im.Quality < 1 || im.Quality > 100 {
		add("quality", fmt.Sprintf("must be between 1 and 100, not %d", im.Quality))
	}
	if len(im.Formats) == 0 {
		add("formats", `must list "webp", "jpeg" or both`)
	}
	for i, f := range im.Formats {
		if !slices.Contains(ImageFormats, f) {
			add("formats", fmt.Sprintf("unknown format %q: use \"webp\" or \"jpeg\"", f))
		} else if slices.Contains(im.Formats[:i], f) {
			add("formats", fmt.Sprintf("%q is listed twice", f))
		}
	}
	if im.MaxPixels < 1 || im.MaxPixels > maxImagePixels {
		add("max_pixels", fmt.Sprintf("must be between 1 and %d, not %d", maxImagePixels, im.MaxPixels))
	}
	for _, c := range [][2]string{{"card_background", im.CardBackground}, {"card_text", im.CardText}, {"card_accent", im.CardAccent}} {
		if _, err := ParseColor(c[1]); c[1] != "" && err != nil {
			add(c[0], fmt.Sprintf("%q: %v", c[1], err))
		}
	}
	if d := im.CacheDir; d != "" && !filepath.IsAbs(d) {
		clean := filepath.ToSlash(filepath.Clean(d))
		dest := filepath.ToSlash(filepath.Clean(destination))
		if clean == dest || strings.HasPrefix(clean, dest+"/") || clean == "." || clean == "content" || strings.HasPrefix(clean, "content/") || clean == "static" || strings.HasPrefix(clean, "static/") {
			add("cache_dir", fmt.Sprintf("%q would put the cache where the build reads or writes the site: choose a folder outside content/, static/ and %s/", d, dest))
		}
	}
	return ps
}
