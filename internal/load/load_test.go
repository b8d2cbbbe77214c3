package load

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
)

func brief(title, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\ndate = 2026-06-01T09:00:00Z\n+++\n" + body + "\n")}
}

func TestLoadRedoesOnlyWhatChanged(t *testing.T) {
	fsys := fstest.MapFS{
		"content/briefs/a.md":         brief("A", "Lede of a."),
		"content/briefs/b.md":         brief("B", "Lede of b."),
		"content/briefs/c/index.md":   &fstest.MapFile{Data: []byte("+++\ntitle = \"C\"\ndate = 2026-06-01T09:00:00Z\n[photo]\nsrc = \"p.jpg\"\nalt = \"x\"\ncredit = \"y\"\n+++\nLede.\n")},
		"content/briefs/c/p.jpg":      &fstest.MapFile{Data: []byte("jpeg")},
		"content/briefs/broken.md":    &fstest.MapFile{Data: []byte("+++\ntitle = \n+++\n")},
		"content/briefs/c/notes.txt":  &fstest.MapFile{Data: []byte("n")},
		"content/standalone/file.txt": &fstest.MapFile{Data: []byte("f")},
	}
	cfg := config.Default()
	ctx := context.Background()
	files, err := content.ReadFiles(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var l Loader
	res, err := l.Load(ctx, Input{FS: fsys, Config: &cfg, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Briefs) != 3 || res.Parsed != 3 || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Error(), "content/briefs/broken.md:2:") {
		t.Fatalf("first load: %d briefs, %d parsed, problems %v; want 3, 3 and broken.md's", len(res.Briefs), res.Parsed, res.Problems)
	}
	if got := l.BundleOf("content/briefs/c/p.jpg"); got != "content/briefs/c" {
		t.Errorf("BundleOf(photo) = %q", got)
	}
	if got := l.BundleOf("content/standalone/file.txt"); got != "" {
		t.Errorf("BundleOf(a file in no bundle) = %q", got)
	}

	// One brief edited, the broken one fixed: only they are converted.
	fsys["content/briefs/a.md"] = brief("A2", "New lede of a.")
	fsys["content/briefs/broken.md"] = brief("Fixed", "Lede.")
	res, err = l.Load(ctx, Input{FS: fsys, Config: &cfg, Files: files, Changed: []string{"content/briefs/a.md", "content/briefs/broken.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Briefs) != 4 || res.Parsed != 2 || len(res.Problems) != 0 {
		t.Errorf("second load: %d briefs, %d parsed, problems %v; want 4, 2, none", len(res.Briefs), res.Parsed, res.Problems)
	}

	// A missing photo of a bundle: its brief fails, named with its key.
	delete(fsys, "content/briefs/c/p.jpg")
	files, _ = files.Update(fsys, []string{"content/briefs/c/p.jpg"})
	res, _ = l.Load(ctx, Input{FS: fsys, Config: &cfg, Files: files, Changed: []string{"content/briefs/c/p.jpg"}})
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Error(), `photo "p.jpg" not found`) {
		t.Errorf("after the photo went: problems %v", res.Problems)
	}
}

func TestReload(t *testing.T) {
	fsys := fstest.MapFS{"content/briefs/a.md": brief("A", "Lede.")}
	cfg := config.Default()
	files, _ := content.ReadFiles(fsys)
	var l Loader
	if _, err := l.Load(context.Background(), Input{FS: fsys, Config: &cfg, Files: files}); err != nil {
		t.Fatal(err)
	}
	p := "content/briefs/a.md"
	if edit, ok := l.Reload(fsys, &cfg, files, p); !ok || edit != nil {
		t.Errorf("Reload of unchanged bytes = %v, %v; want nil, true", edit, ok)
	}
	if _, ok := l.Reload(fsys, &cfg, files, "content/briefs/new.md"); ok {
		t.Errorf("Reload of a brief never loaded: ok")
	}
	fsys[p] = &fstest.MapFile{Data: []byte("+++\ntitle = \n+++\n")}
	if _, ok := l.Reload(fsys, &cfg, files, p); ok {
		t.Errorf("Reload of a brief that no longer parses: ok")
	}
	fsys[p] = brief("A2", "New lede.")
	edit, ok := l.Reload(fsys, &cfg, files, p)
	if !ok || edit == nil || edit.Old.Title != "A" || edit.New.Title != "A2" {
		t.Fatalf("Reload of an edit = %+v, %v", edit, ok)
	}
	l.Keep(edit)
	if edit, ok := l.Reload(fsys, &cfg, files, p); !ok || edit != nil {
		t.Errorf("Reload after Keep = %v, %v; want nil, true", edit, ok)
	}
}
