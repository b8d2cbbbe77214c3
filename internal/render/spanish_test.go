package render_test

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefs-dev/briefs/internal/build"
)

// overlayFS is a site folder with some files replaced.
type overlayFS struct {
	fs.FS
	files fstest.MapFS
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if _, ok := o.files[name]; ok {
		return o.files.Open(name)
	}
	return o.FS.Open(name)
}

// spanishConfig is the demo's config.toml for a site in Spanish, in
// Madrid: the theme's words and dates in Spanish, and sections with Spanish
// names whose aliases are the English labels the demo's briefs write, so
// that the pages show the Spanish ones.
func spanishConfig(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, r := range [][2]string{
		{`language = "en-US"`, `language = "es-ES"`},
		{`timezone = "America/New_York"`, `timezone = "Europe/Madrid"`},
		{"name = \"Why this matters\"\n", "name = \"Por qué importa\"\naliases = [\"Why this matters\"]\n"},
		{"name = \"Behind-the-scenes\"\n", "name = \"Entre bastidores\"\naliases = [\"Behind-the-scenes\"]\n"},
		{"name = \"The big picture\"\n", "name = \"El panorama\"\naliases = [\"The big picture\"]\n"},
		{"name = \"What's next\"\n", "name = \"Qué viene ahora\"\naliases = [\"What's next\"]\n"},
	} {
		if !strings.Contains(text, r[0]) {
			t.Fatalf("the demo's config.toml has no %q to change", r[0])
		}
		text = strings.Replace(text, r[0], r[1], 1)
	}
	return []byte(text)
}

// TestGoldenSpanish pins pages of the demo site built in Spanish: the
// theme's words, dates and times, month names, counts and section labels.
// Refresh with go test ./internal/render -run TestGoldenSpanish -update.
func TestGoldenSpanish(t *testing.T) {
	fsys := overlayFS{os.DirFS("../.."), fstest.MapFS{"config.toml": {Data: spanishConfig(t)}}}
	res, err := build.New(build.Options{FS: fsys}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var edition string
	for _, p := range slices.Sorted(maps.Keys(res.Files)) {
		if strings.HasPrefix(p, "editions/") && strings.HasSuffix(p, "/index.txt") {
			edition = p
		}
	}
	tests := []struct{ golden, path string }{
		{"es-brief.html", "briefs/budget-vote/index.html"},
		{"es-home.html", "index.html"},
		{"es-archive.html", "archive/index.html"},
		{"es-topics.html", "topics/index.html"},
		{"es-search.html", "search/index.html"},
		{"es-404.html", "404.html"},
		{"es-edition.txt", edition},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			got := res.Files[tt.path]
			if got == nil {
				t.Fatalf("no %s", tt.path)
			}
			file := filepath.Join("testdata", "golden", tt.golden)
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (- golden, + rendered; go test -update to accept):\n%s",
					tt.path, file, diff(string(want), string(got)))
			}
		})
	}
	// The words of the theme are Spanish on every page, whatever the
	// briefs' own language.
	for _, p := range []string{"index.html", "briefs/budget-vote/index.html", "search/index.html"} {
		page := string(res.Files[p])
		for _, want := range []string{`<html lang="es-ES">`, `<meta property="og:locale" content="es_ES">`, "Saltar al contenido principal", "Temas", "Archivo"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s has no %q", p, want)
			}
		}
		for _, english := range []string{"Skip to main content", ">Topics<", ">Archive<", "Filed under", "More from", "Latest briefs"} {
			if strings.Contains(page, english) {
				t.Errorf("%s still has the English %q", p, english)
			}
		}
	}
}
