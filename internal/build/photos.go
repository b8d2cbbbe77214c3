package build

import (
	"context"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/fingerprint"
	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/parallel"
	"github.com/briefs-dev/briefs/internal/site"
)

// rasterExt are the extensions of the photos a build processes; others
// (SVG) are published as they are.
var rasterExt = []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp"}

// processor returns the photo processor of the configuration, made on
// first use and kept until the configuration changes.
func (b *Builder) processor() (*images.Processor, error) {
	if b.images != nil {
		return b.images, nil
	}
	im := b.cfg.Images
	s := images.Settings{Widths: im.Widths, Quality: im.Quality, Formats: im.Formats, MaxPixels: im.MaxPixels}
	if b.cfg.Outputs.Enabled("editions") {
		s.MailWidth = 2 * b.renderer.Theme().Mail().Width
	}
	p, err := images.NewProcessor(cacheDir(b.opts, b.cfg), s)
	if err != nil {
		return nil, err
	}
	b.images = p
	return p, nil
}

// cacheDir returns the folder of the image cache: the --cache-dir flag,
// else [images] cache_dir (relative to the site), else the user's cache.
func cacheDir(opts Options, cfg *config.Config) string {
	switch {
	case opts.CacheDir != "":
		return opts.CacheDir
	case cfg.Images.CacheDir != "" && filepath.IsAbs(cfg.Images.CacheDir):
		return cfg.Images.CacheDir
	case cfg.Images.CacheDir != "":
		return filepath.Join(opts.SiteDir, filepath.FromSlash(cfg.Images.CacheDir))
	}
	return images.DefaultCacheDir()
}

// processPhotos makes the variants of the raster photos of the briefs s
// publishes, on every core, each from the cache when it has it, and
// returns them by the site path of the original. An original is read only
// when the cache needs it: a large one unchanged since an earlier build
// is known by its file's status. An unreadable photo is an error at its
// brief's photo src.
func (b *Builder) processPhotos(ctx context.Context, s *site.Site, published map[string]content.File) (map[string]*images.Photo, error) {
	out, err := b.makePhotos(ctx, s, published)
	if err != nil {
		return nil, err
	}
	b.photos = out
	return out, nil
}

// makePhotos is processPhotos without what the Builder keeps: the photos
// of the site of one of its languages beyond its own.
func (b *Builder) makePhotos(ctx context.Context, s *site.Site, published map[string]content.File) (map[string]*images.Photo, error) {
	proc, err := b.processor()
	if err != nil {
		return nil, err
	}
	type job struct {
		brief *site.Brief
		url   string
		file  content.File
	}
	var jobs []job
	seen := map[string]bool{}
	for _, br := range s.Briefs {
		if br.Photo == nil || strings.Contains(br.Photo.URL, "://") || !slices.Contains(rasterExt, strings.ToLower(path.Ext(br.Photo.URL))) {
			continue
		}
		u := strings.TrimPrefix(br.Photo.URL, "/")
		file, ok := published[u]
		if !ok || seen[u] {
			continue
		}
		seen[u] = true
		jobs = append(jobs, job{br, u, file})
	}
	now := statClock()
	photos := make([]*images.Photo, len(jobs))
	errs := make([]error, len(jobs))
	parallel.For(len(jobs), func(i int) {
		j := jobs[i]
		x, y := j.brief.Source.Front.Photo.Focus()
		src := images.Source{Read: j.file.Bytes}
		if info := j.file.Info(); info != nil {
			src.Stat, _ = fingerprint.StatKey(info, now)
		}
		ph, err := proc.Photo(ctx, src, images.Focus{X: x, Y: y})
		if err != nil {
			errs[i] = diag.Errorf(j.brief.Source.KeyPos("photo", "src"), "photo %s: %v", j.brief.Source.Front.Photo.Src, err)
		}
		photos[i] = ph
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var list diag.List
	out := make(map[string]*images.Photo, len(jobs))
	for i, j := range jobs {
		list.Add(errs[i])
		if photos[i] != nil {
			out[j.url] = photos[i]
		}
	}
	list.Sort()
	if err := list.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// published returns the files the build publishes as they are (see
// load.Loader.Published), but for the originals of processed photos,
// which the photos' family publishes stripped of their metadata.
func (b *Builder) published(s *site.Site, files *content.Files) map[string]content.File {
	out := b.loader.Published(s, files)
	for u := range b.photos {
		delete(out, u)
	}
	return out
}

// photoChanged reports whether an edit of a brief changes its photo's
// source or focus: the quick rebuild, which processes no photo, cannot
// take it.
func photoChanged(old, new *site.Brief) bool {
	a, z := old.Source.Front.Photo, new.Source.Front.Photo
	if a == nil || z == nil {
		return a != z
	}
	return a.Src != z.Src || a.FocusPoint != z.FocusPoint
}
