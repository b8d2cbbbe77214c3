// Command briefs-photos draws deterministic photos of generated scenes
// (gradients, hills, buildings, a sun and noise) for the demo site and for
// benchmarks: the same seed gives the same bytes on every machine.
//
//	briefs-photos [-w 1800] [-h 1200] [-q 80] -seed 3 out.jpg
//	briefs-photos -corpus 200 [-w 4000] [-h 2667] [-q 90] dir
//
// The second form writes a site of n briefs, each a page bundle with its
// own photo, into dir: the photo benchmark's corpus.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/briefs-dev/briefs/internal/photogen"
)

func main() {
	w := flag.Int("w", 1800, "width in pixels")
	h := flag.Int("h", 1200, "height in pixels")
	q := flag.Int("q", 80, "JPEG quality, 1 to 100")
	seed := flag.Uint64("seed", 1, "the scene's number")
	corpus := flag.Int("corpus", 0, "write a site of `n` briefs with a photo each into the folder named")
	flag.Parse()
	if flag.NArg() != 1 || *w < 1 || *h < 1 || *q < 1 || *q > 100 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *w, *h, *q, *seed, *corpus); err != nil {
		fmt.Fprintln(os.Stderr, "briefs-photos:", err)
		os.Exit(1)
	}
}

func run(out string, w, h, q int, seed uint64, corpus int) error {
	if corpus == 0 {
		return os.WriteFile(out, photogen.JPEG(seed, w, h, q), 0o644)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "config.toml"), []byte("title = \"Photo corpus\"\nbase_url = \"https://example.org/\"\n"), 0o644); err != nil {
		return err
	}
	for i := range corpus {
		dir := filepath.Join(out, "content", "briefs", fmt.Sprintf("scene-%03d", i+1))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		brief := fmt.Sprintf(`+++
title = "Generated scene number %d"
date = 2026-11-%02dT09:00:00Z
authors = ["Photo Desk"]
[photo]
src = "photo.jpg"
alt = "A generated landscape of hills and buildings under a sun"
credit = "briefs-photos, scene %d"
+++
A generated scene for the photo benchmark.

**Why this matters:** Builds must size wire photos for phones.
`, i+1, 1+i%28, i+1)
		if err := os.WriteFile(filepath.Join(dir, "index.md"), []byte(brief), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "photo.jpg"), photogen.JPEG(seed+uint64(i), w, h, q), 0o644); err != nil {
			return err
		}
	}
	return nil
}
