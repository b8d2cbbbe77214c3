package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/corpus"
)

// The [content] limits of config.toml apply to the build, before a brief
// is read whole.
func TestContentLimitsFromConfig(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 3, Seed: 2, Photos: 0}); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "config.toml", corpus.Config+"\n[content]\nmax_brief_bytes = 1024\n")
	write(t, dir, "content/briefs/long.md", "+++\ntitle = \"Long\"\ndate = 2026-01-02T10:00:00Z\n+++\n"+strings.Repeat("Word after word. ", 80)+"\n")
	_, err := build.New(options(dir)).Build(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "content/briefs/long.md:1:1: brief is") || !strings.Contains(err.Error(), "more than the limit of 1024") {
		t.Errorf("Build = %v, want long.md refused at the limit of 1024", err)
	}
}

// A symbolic link to a file outside the site, made while the preview runs,
// is refused by the rebuild told of it, as the full scan refuses it.
func TestRebuildRefusesLinkOutOfSite(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 3, Seed: 2, Photos: 0}); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(secret, []byte("+++\ntitle = \"Secret\"\ndate = 2026-01-02T10:00:00Z\n+++\nThe secret.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := build.New(options(dir))
	ctx := context.Background()
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	link := "content/briefs/evil.md"
	if err := os.Symlink(secret, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	res, err := b.Build(ctx, []string{link})
	if err == nil {
		for p, data := range res.Files {
			if strings.Contains(string(data), "The secret.") {
				t.Errorf("%s publishes the file outside the site", p)
			}
		}
		t.Fatalf("rebuild after a link out of the site: no error")
	}
	if !strings.Contains(err.Error(), "evil.md") {
		t.Errorf("rebuild error = %v, want it to name evil.md", err)
	}
}
