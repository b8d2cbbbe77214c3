package render_test

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/themes"
)

// benchBriefs is the size of the generated site of the per-page benchmarks:
// enough briefs for every topic, author and month to have list pages.
const benchBriefs = 300

// generatedSite returns the configuration and brief files of a generated
// site of n briefs.
func generatedSite(b *testing.B, n int) (*config.Config, map[string]string) {
	b.Helper()
	dir := b.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: n, Seed: 1, Photos: -1}); err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	cfg, err := config.Load(fsys, "config.toml")
	if err != nil {
		b.Fatal(err)
	}
	files := map[string]string{}
	err = fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		files[p] = string(data)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return &cfg, files
}

// benchJobs plans a generated site of benchBriefs briefs and returns the
// jobs whose paths pass keep.
func benchJobs(b *testing.B, keep func(path string) bool) []plan.Job {
	return benchJobsWith(b, nil, keep)
}

// benchJobsWith is benchJobs with the theme of the site's layouts (nil for
// the default theme).
func benchJobsWith(b *testing.B, layouts fstest.MapFS, keep func(path string) bool) []plan.Job {
	b.Helper()
	cfg, files := generatedSite(b, benchBriefs)
	s := newSite(b, cfg, files, site.Options{Now: now})
	r := newRenderer(b, cfg, layouts)
	var jobs []plan.Job
	for _, j := range r.Plan(s) {
		if keep(j.Path) {
			jobs = append(jobs, j)
		}
	}
	if len(jobs) == 0 {
		b.Fatal("no jobs to run")
	}
	return jobs
}

// customLayouts is a site's own copy of the default theme's brief page and
// footer, one line changed in each, as a designer would start.
func customLayouts(b *testing.B) fstest.MapFS {
	b.Helper()
	layouts := fstest.MapFS{}
	for name, edit := range map[string][2]string{
		"brief.html":           {`<h2 class="go-deeper-title" id="go-deeper-title">{{T "go_deeper"}}</h2>`, `<h2 class="go-deeper-title" id="go-deeper-title">Read more</h2>`},
		"partials/footer.html": {`<p class="copyright">`, `<p class="copyright site-copyright">`},
	} {
		data, err := fs.ReadFile(themes.Default(), "layouts/"+name)
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(string(data), edit[0]) {
			b.Fatalf("%s has no %q", name, edit[0])
		}
		layouts["layouts/"+name] = &fstest.MapFile{Data: []byte(strings.Replace(string(data), edit[0], edit[1], 1))}
	}
	return layouts
}

// defaultAndCustom runs the jobs of the files keep selects with the
// default theme and with a site's own copy of some of its templates.
func defaultAndCustom(b *testing.B, keep func(path string) bool) {
	b.Run("default", func(b *testing.B) { runJobs(b, benchJobsWith(b, nil, keep)) })
	b.Run("custom", func(b *testing.B) { runJobs(b, benchJobsWith(b, customLayouts(b), keep)) })
}

// runJobs renders the jobs in turn, b.N renders in all.
func runJobs(b *testing.B, jobs []plan.Job) {
	b.Helper()
	b.ReportAllocs()
	var bytes int64
	i := 0
	cpu := cpuTime()
	for b.Loop() {
		data, err := jobs[i%len(jobs)].Bytes()
		if err != nil {
			b.Fatal(err)
		}
		bytes += int64(len(data))
		i++
	}
	if cpu := cpuTime() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(i), "cpu-ns/op")
	}
	b.ReportMetric(float64(bytes)/float64(i), "bytes/file")
}

// BenchmarkRenderBriefPage renders the page of each brief in turn.
func BenchmarkRenderBriefPage(b *testing.B) {
	defaultAndCustom(b, func(p string) bool {
		return strings.HasPrefix(p, "briefs/") && strings.HasSuffix(p, "/index.html")
	})
}

// BenchmarkRenderListPage renders the home, topic, author and month pages
// in turn. Each brief's card is rendered once and reused after, as in a
// build, where a card shows on five or so list pages.
func BenchmarkRenderListPage(b *testing.B) {
	defaultAndCustom(b, func(p string) bool {
		return p == "index.html" || strings.HasPrefix(p, "page/") || strings.HasPrefix(p, "archive/2") ||
			(strings.HasPrefix(p, "topics/") || strings.HasPrefix(p, "authors/")) &&
				strings.Count(p, "/") >= 2 && strings.HasSuffix(p, "index.html")
	})
}

// BenchmarkBriefJSON renders the index.json of each brief in turn.
func BenchmarkBriefJSON(b *testing.B) {
	runJobs(b, benchJobs(b, func(p string) bool {
		return strings.HasPrefix(p, "briefs/") && strings.HasSuffix(p, "/"+site.JSONFile)
	}))
}

// BenchmarkJSONFeed renders the JSON Feed of the site and of each topic
// and author in turn.
func BenchmarkJSONFeed(b *testing.B) {
	runJobs(b, benchJobs(b, func(p string) bool { return strings.HasSuffix(p, "feed.json") }))
}

// BenchmarkEdition renders the HTML and plain-text newsletter edition of
// each day in turn.
func BenchmarkEdition(b *testing.B) {
	keep := func(p string) bool { return strings.HasPrefix(p, "editions/") }
	runJobs(b, benchJobsWith(b, nil, keep))
}

// BenchmarkRenderSite converts the bodies of a generated site, loads the
// theme and renders every file, on one core: the CPU a fresh build spends
// in markdown and render.
func BenchmarkRenderSite(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			cfg, files := generatedSite(b, n)
			b.ReportAllocs()
			cpu := cpuTime()
			i := 0
			for b.Loop() {
				s := newSite(b, cfg, files, site.Options{Now: now})
				renderAll(b, newRenderer(b, cfg, nil), s)
				i++
			}
			if cpu := cpuTime() - cpu; cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(i), "cpu-ns/op")
			}
		})
	}
}
