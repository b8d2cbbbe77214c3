package config

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadImages(t *testing.T) {
	tests := []struct {
		name, src string
		want      Images
	}{
		{"defaults", `title = "T"`, Images{Widths: []int{480, 800, 1200, 1600}, Quality: 80, Formats: []string{"webp", "jpeg"}, MaxPixels: 100_000_000}},
		{"set", "[images]\nwidths = [320, 640]\nquality = 70\nformats = [\"jpeg\"]\ncache_dir = \"/var/cache/briefs\"\nmax_pixels = 50_000_000\n",
			Images{Widths: []int{320, 640}, Quality: 70, Formats: []string{"jpeg"}, CacheDir: "/var/cache/briefs", MaxPixels: 50_000_000}},
		{"some", "[images]\nquality = 90\n", Images{Widths: []int{480, 800, 1200, 1600}, Quality: 90, Formats: []string{"webp", "jpeg"}, MaxPixels: 100_000_000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
			if err != nil {
				t.Fatal(err)
			}
			got := c.Images
			if !slices.Equal(got.Widths, tt.want.Widths) || got.Quality != tt.want.Quality || !slices.Equal(got.Formats, tt.want.Formats) ||
				got.CacheDir != tt.want.CacheDir || got.MaxPixels != tt.want.MaxPixels {
				t.Errorf("Images = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestImagesErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"[images]\nwidth = [1]\n", `config.toml:2:1: unknown key "images.width"`},
		{"[images]\nwidths = []\n", `config.toml:2:1: images.widths: must list at least one width`},
		{"[images]\nwidths = [8, 800]\n", `config.toml:2:1: images.widths: 8 is not a width between 16 and 8192 pixels`},
		{"[images]\nwidths = [800, 480]\n", `config.toml:2:1: images.widths: must be in increasing order, each once`},
		{"[images]\nwidths = [800, 800]\n", `images.widths: must be in increasing order, each once`},
		{"[images]\nwidths = [100000]\n", `images.widths: 100000 is not a width`},
		{"title = \"T\"\n[images]\nquality = 0\n", `config.toml:3:1: images.quality: must be between 1 and 100, not 0`},
		{"[images]\nquality = 101\n", `images.quality: must be between 1 and 100, not 101`},
		{"[images]\nformats = []\n", `config.toml:2:1: images.formats: must list "webp", "jpeg" or both`},
		{"[images]\nformats = [\"avif\"]\n", `config.toml:2:1: images.formats: unknown format "avif"`},
		{"[images]\nformats = [\"webp\", \"webp\"]\n", `images.formats: "webp" is listed twice`},
		{"[images]\nmax_pixels = 0\n", `config.toml:2:1: images.max_pixels: must be between 1 and 1000000000, not 0`},
		{"[images]\ncache_dir = \"public/cache\"\n", `config.toml:2:1: images.cache_dir: "public/cache" would put the cache where the build reads or writes`},
		{"[images]\ncache_dir = \"content/x\"\n", `images.cache_dir: "content/x" would put the cache`},
		{"[images]\ncache_dir = \".\"\n", `images.cache_dir: "." would put the cache`},
	}
	for _, tt := range tests {
		_, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
	for _, ok := range []string{"", ".cache/images", "/tmp/briefs", "../cache"} {
		c := Default()
		c.Images.CacheDir = ok
		if err := c.Validate(); err != nil {
			t.Errorf("cache_dir %q: %v", ok, err)
		}
	}
}
