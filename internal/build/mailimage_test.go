package build_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
)

// An edition states the size of the images in its briefs as the files
// now have it, and the styles of the site's mail.json: changing either
// changes the edition as a fresh build would write it.
func TestMailImageChanged(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "config.toml", "title = \"T\"\nbase_url = \"https://example.org/\"\n")
	write(t, dir, "content/briefs/chart/index.md", "+++\ntitle = \"Chart\"\ndate = 2026-06-07T09:30:00Z\n+++\nLede ![a chart](chart.svg) ![a map](/map.svg).\n\n**Why this matters:** It does.\n")
	write(t, dir, "content/briefs/chart/chart.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"/>`)
	write(t, dir, "static/map.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"/>`)
	ctx := context.Background()
	inc := build.New(options(dir))
	if _, err := inc.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"content/briefs/chart/chart.svg", "static/map.svg"} {
		write(t, dir, file, `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"/>`)
		got, err := inc.Build(ctx, []string{file})
		if err != nil {
			t.Fatal(err)
		}
		want, err := build.New(options(dir)).Build(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		compare(t, file, got.Files, want.Files)
	}
	// The site's own mail styles.
	write(t, dir, "layouts/mail.json", `{"width": 100, "styles": {"p": "margin:0;"}}`)
	got, err := inc.Build(ctx, []string{"layouts/mail.json"})
	if err != nil {
		t.Fatal(err)
	}
	want, err := build.New(options(dir)).Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "layouts/mail.json", got.Files, want.Files)
	if !bytes.Contains(want.Files["editions/2026-06-07/index.html"], []byte(`<p style="margin:0;">Lede`)) {
		t.Errorf("the edition does not have the site's mail styles:\n%s", want.Files["editions/2026-06-07/index.html"])
	}
}
