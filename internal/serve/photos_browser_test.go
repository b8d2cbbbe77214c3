package serve

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/briefs-dev/briefs/internal/photogen"
)

// TestBrowserPicksPhotoWidth serves a brief with a large photo and loads
// it in a phone's viewport and a desktop's: the browser takes the srcset
// candidate that fits each, in WebP, from the preview's resized variants.
func TestBrowserPicksPhotoWidth(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "content/briefs/scene/index.md", "+++\ntitle = \"A generated scene\"\ndate = 2026-05-20T09:30:00Z\n[photo]\nsrc = \"scene.jpg\"\nalt = \"Generated towers before hills\"\ncredit = \"Test desk\"\n+++\nA lede.\n\n**Why this matters:** It does.\n")
	writeFile(t, dir, "content/briefs/scene/scene.jpg", string(photogen.JPEG(5, 2400, 1600, 85)))
	s := start(t, dir, func(o *Options) { o.CacheDir = t.TempDir() })
	b := newBrowser(t)
	tests := []struct {
		width, height int
		scale         float64
		want          string // the end of the chosen candidate's URL
	}{
		// Narrowest first: a browser may show a wider candidate it has
		// already loaded.
		{390, 844, 1, "scene-480w.webp"},  // 350 CSS pixels of photo
		{1280, 900, 1, "scene-800w.webp"}, // the 40rem column, 640 pixels
		{390, 844, 3, "scene-1200w.webp"}, // 1050 device pixels
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%dx%d@%g", tt.width, tt.height, tt.scale), func(t *testing.T) {
			b := b.with(t)
			ctx, cancel := context.WithTimeout(b.ctx, waitBrowser)
			defer cancel()
			if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
				Width: int64(tt.width), Height: int64(tt.height), DeviceScaleFactor: tt.scale, Mobile: tt.width < 600,
			}); err != nil {
				t.Fatal(err)
			}
			b.open(fmt.Sprintf("%sbriefs/scene/?w=%d&dpr=%g", s.URL, tt.width, tt.scale))
			const img = `document.querySelector(".photo img")`
			b.wait("the photo to load", img+` && `+img+`.complete && `+img+`.currentSrc !== ""`)
			got := must[string](b, img+`.currentSrc`)
			if !strings.HasSuffix(got, tt.want) {
				t.Errorf("currentSrc = %s, want …%s", got, tt.want)
			}
			if w := must[int](b, img+`.naturalWidth`); w == 0 {
				t.Errorf("the photo did not decode")
			}
			resp, err := s.client.Get(got)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/webp" {
				t.Fatalf("GET %s: %v %s %v", got, resp.Status, resp.Header.Get("Content-Type"), err)
			}
			if size := len(body); size > 200<<10 {
				t.Errorf("the photo took %d bytes, want under 200 KB", size)
			}
		})
	}
}
