package markdown

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/corpus"
)

// BenchmarkConvert converts the bodies of a generated site's briefs in
// turn: about 250 words each, with sections, a list, a quote and links.
func BenchmarkConvert(b *testing.B) { benchmarkConvert(b, nil) }

// BenchmarkConvertMail is BenchmarkConvert with mail HTML of the lede
// and "Why this matters", as a build converts.
func BenchmarkConvertMail(b *testing.B) {
	m := testMail()
	m.Sections = []string{"Why this matters"}
	benchmarkConvert(b, m)
}

func benchmarkConvert(b *testing.B, mail *Mail) {
	dir := b.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: 200, Seed: 1, Photos: -1}); err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	var srcs []*content.Source
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		src, err := content.Parse(p, data, content.Options{})
		srcs = append(srcs, src)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	refs := map[string]string{}
	for _, src := range srcs {
		refs[src.Ref] = "briefs/" + src.Slug + "/"
	}
	c := New(Options{
		Sections: config.Default().Sections,
		BaseURL:  "https://example.org/",
		Resolve: func(ref string) (string, bool) {
			p, ok := refs[ref]
			return p, ok
		},
		Mail: mail,
	})
	b.ReportAllocs()
	var size int64
	i := 0
	cpu := cpuTime()
	for b.Loop() {
		src := srcs[i%len(srcs)]
		if _, err := c.Convert(src); err != nil {
			b.Fatal(err)
		}
		size += int64(len(src.Body))
		i++
	}
	if cpu := cpuTime() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(i), "cpu-ns/op")
	}
	b.SetBytes(size / int64(i))
}
