package scaffold_test

import (
	"bytes"
	"errors"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/scaffold"
)

var opts = scaffold.Options{Title: "Test Site", Timezone: "Europe/Madrid", Now: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)}

func TestWrite(t *testing.T) {
	tests := []struct {
		name     string
		existing map[string]string // files in the folder before
		force    bool
		wantErr  error
		wantKept []string
	}{
		{name: "new folder"},
		{name: "empty folder", existing: map[string]string{}},
		{name: "folder with files", existing: map[string]string{"notes.txt": "mine"}, wantErr: scaffold.ErrNotEmpty},
		{name: "forced", existing: map[string]string{"notes.txt": "mine", "config.toml": "title = \"Mine\"\n"}, force: true, wantKept: []string{"config.toml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if tt.existing != nil {
				if err := os.Mkdir(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for name, text := range tt.existing {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			o := opts
			o.Force = tt.force
			written, kept, err := scaffold.Write(dir, o)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Write: error %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				entries, _ := os.ReadDir(dir)
				if len(entries) != len(tt.existing) {
					t.Errorf("a refused Write left %d entries, want %d", len(entries), len(tt.existing))
				}
				return
			}
			if !slices.Equal(kept, tt.wantKept) {
				t.Errorf("kept %q, want %q", kept, tt.wantKept)
			}
			for name, text := range tt.existing {
				if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != text {
					t.Errorf("%s was overwritten: %q", name, got)
				}
			}
			for _, want := range []string{".gitignore", ".github/workflows/briefs.yml", "content/briefs/ferry-fares-frozen/harbour.jpg"} {
				if !slices.Contains(written, want) {
					t.Errorf("written %q lacks %s", written, want)
				}
			}
			if st, err := os.Stat(filepath.Join(dir, "static")); err != nil || !st.IsDir() {
				t.Errorf("no static/ folder: %v", err)
			}
		})
	}
}

func TestWriteFillsTemplates(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := scaffold.Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	for _, want := range []string{`title = "Test Site"`, `timezone = "Europe/Madrid"`} {
		if !strings.Contains(string(cfg), want) {
			t.Errorf("config.toml lacks %s", want)
		}
	}
	brief, _ := os.ReadFile(filepath.Join(dir, "content/briefs/ferry-fares-frozen/index.md"))
	// Two hours before Now, in the site's timezone.
	if !strings.Contains(string(brief), "date = 2026-12-07T09:00:00+01:00") {
		t.Errorf("the sample brief's date is not two hours before now:\n%s", brief)
	}
	if strings.Contains(string(brief), "{{") {
		t.Errorf("a template action was left in the brief:\n%s", brief)
	}
}

func TestPhoto(t *testing.T) {
	a, b := scaffold.Photo(320, 200), scaffold.Photo(320, 200)
	if !bytes.Equal(a, b) {
		t.Errorf("two photos of one size differ")
	}
	img, err := jpeg.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if s := img.Bounds().Size(); s.X != 320 || s.Y != 200 {
		t.Errorf("photo is %v, want 320x200", s)
	}
}
