package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/slug"
)

var slugTexts = []string{
	"", "Plain words, and numbers: 2026 and 7–5.", "What's next — “quoted” ‘single’ … «guillemets»",
	"It’s the minister’s call\u00a0now", "UPPER lower MiXeD", "tabs\tand\nnewlines\r\n", "'leading and trailing'",
	"café naïve", "ﬁnance", "x²", "Zoë's", "\xffinvalid", "ʼokina", "control\x00\x7f", "a ' b ’ c",
}

func TestPlainSlug(t *testing.T) {
	for _, text := range slugTexts {
		if got, ok := plainSlug(text); ok && got != slug.Make(text) {
			t.Errorf("plainSlug(%q) = %q, want slug.Make's %q", text, got, slug.Make(text))
		}
	}
	for _, text := range []string{"Plain words, and numbers: 2026 and 7–5.", "What's next — “quoted” ‘single’ … «guillemets»"} {
		if _, ok := plainSlug(text); !ok {
			t.Errorf("plainSlug(%q) leaves it to slug.Make", text)
		}
	}
}

func FuzzPlainSlug(f *testing.F) {
	for _, text := range slugTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, ok := plainSlug(text); ok && got != slug.Make(text) {
			t.Errorf("plainSlug(%q) = %q, want slug.Make's %q", text, got, slug.Make(text))
		}
	})
}

// BenchmarkSearchWords splits the lede and sections of generated briefs
// into search words, as the search index does for each new brief.
func BenchmarkSearchWords(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 100, Seed: 1, Photos: -1}); err != nil {
		b.Fatal(err)
	}
	conv := markdown.New(markdown.Options{Sections: config.Default().Sections, BaseURL: "https://example.org/"})
	var texts []string
	err := fs.WalkDir(os.DirFS(dir), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return err
		}
		src, err := content.Parse(p, data, content.Options{})
		if err != nil {
			return err
		}
		res, err := conv.Convert(src)
		if err != nil {
			return err
		}
		texts = append(texts, res.LedeText)
		for _, sec := range res.Sections {
			texts = append(texts, sec.Text)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		searchWords(texts[i%len(texts)])
		i++
	}
}
