package search

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/slug"
)

var slugTexts = []string{
	"", "Plain words, and numbers: 2026 and 7–5.", "What's next — “quoted” ‘single’ … «guillemets»",
	"It’s the minister’s call\u00a0now", "UPPER lower MiXeD", "tabs\tand\nnewlines\r\n", "'leading and trailing'",
	"café naïve", "ﬁnance", "x²", "Zoë's", "\xffinvalid", "ʼokina", "control\x00\x7f", "a ' b ’ c",
}

// slugWords are the words of text as slug.Make gives them: searchWords
// must give the same.
func slugWords(text string) []string {
	return strings.FieldsFunc(slug.Make(text), func(r rune) bool { return r == '-' })
}

// searchWords returns the words eachSearchWord gives.
func searchWords(text string) []string {
	var words []string
	eachSearchWord(text, nil, func(w []byte) { words = append(words, string(w)) })
	return words
}

func TestSearchWords(t *testing.T) {
	for _, text := range slugTexts {
		if got, want := searchWords(text), slugWords(text); !slices.Equal(got, want) {
			t.Errorf("searchWords(%q) = %q, want slug.Make's %q", text, got, want)
		}
	}
	for _, text := range []string{"Plain words, and numbers: 2026 and 7–5.", "What's next — “quoted” ‘single’ … «guillemets»"} {
		if !plainText(text) {
			t.Errorf("plainText(%q) = false, want true", text)
		}
	}
}

func FuzzSearchWords(f *testing.F) {
	for _, text := range slugTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := searchWords(text), slugWords(text); !slices.Equal(got, want) {
			t.Errorf("searchWords(%q) = %q, want slug.Make's %q", text, got, want)
		}
	})
}

// generatedBriefs returns the briefs of a generated site of n briefs.
func generatedBriefs(b *testing.B, n int) (*config.Config, []*site.Brief) {
	b.Helper()
	dir := b.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: n, Seed: 1, Photos: -1}); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(os.DirFS(dir), "config.toml")
	if err != nil {
		b.Fatal(err)
	}
	conv := markdown.New(markdown.Options{Sections: cfg.Sections, BaseURL: cfg.BaseURL})
	var briefs []*site.Brief
	err = fs.WalkDir(os.DirFS(dir), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return err
		}
		src, err := content.Parse(p, data, content.OptionsFor(&cfg))
		if err != nil {
			return err
		}
		res, err := conv.Convert(src)
		if err != nil {
			return err
		}
		briefs = append(briefs, site.NewBrief(src, res))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return &cfg, briefs
}

// BenchmarkSearchWords splits the lede and sections of generated briefs
// into search words, as the search index does for each new brief.
func BenchmarkSearchWords(b *testing.B) {
	_, briefs := generatedBriefs(b, 100)
	var texts []string
	for _, br := range briefs {
		texts = append(texts, br.Body.LedeText)
		for _, sec := range br.Body.Sections {
			texts = append(texts, sec.Text)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		searchWords(texts[i%len(texts)])
		i++
	}
}

// BenchmarkNewSearchIndex makes the search index of 1,000 generated briefs
// with nothing kept from an earlier render, as a fresh build does.
func BenchmarkNewSearchIndex(b *testing.B) {
	cfg, briefs := generatedBriefs(b, 1000)
	s, err := site.New(cfg, briefs, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		newSearchState().build(s)
	}
}

// BenchmarkWarmSearchIndex makes the search index of 1,000 generated briefs
// again with every brief kept from the render before, as a rebuild after
// an edit does: the cost of gathering the postings and splitting them.
func BenchmarkWarmSearchIndex(b *testing.B) {
	cfg, briefs := generatedBriefs(b, 1000)
	s, err := site.New(cfg, briefs, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	st := newSearchState()
	st.build(s)
	b.ReportAllocs()
	for b.Loop() {
		st.build(s)
	}
}
