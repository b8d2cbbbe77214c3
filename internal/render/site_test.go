package render_test

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/editions"
	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/theme"
	"github.com/briefs-dev/briefs/themes"
)

// now is the build time of every test site.
var now = time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)

// baseURL has a sub-path, so that links which forget it are caught.
const baseURL = "https://example.org/news/"

// briefs are the files of the test site's content/ folder. Every brief
// feature appears at least once: a bundle with a photo, corrections, an
// update, go_deeper refs and urls with a Go deeper section in the body too,
// both spellings of a bold section label, plain labels, an alias, a
// heading section, YAML front matter, a draft and a future brief.
var briefs = map[string]string{
	"content/briefs/minister-declines/index.md": `+++
title   = "Allies fume as spokesman declines to back the minister"
date    = 2026-06-07T09:30:00-04:00
updated = 2026-06-07T14:05:00-04:00
authors = ["Dana Whitfield", "Marisol Okafor"]
topics  = ["Cabinet", "White House"]
summary = "The spokesman's silence left the minister exposed before Tuesday's vote."

[photo]
src     = "minister.svg"
alt     = "The minister leaves a hearing"
credit  = "Jane Doe / Wire Photo"
caption = "The minister after the hearing on Monday."

[[go_deeper]]
title = "Earlier: the minister's recusal"
ref   = "briefs/minister-recusal"

[[go_deeper]]
title = "The hearing transcript"
url   = "https://example.com/transcript"

[[corrections]]
date = 2026-06-08T10:00:00-04:00
text = "An earlier version misstated the hearing date."
+++
The spokesman declined three times on Sunday to say whether the minister
still had the prime minister's confidence, after [the recusal](../minister-recusal.md).

**Why this matters:** A minister without the spokesman's backing rarely lasts
a week. See the [rules](/about/rules/) and ![a chart](chart.svg).

**Behind-the-scenes**: Two deputies said they had been told to "stay quiet".

## What's next

A confidence vote is due on Tuesday.

Go deeper:

- [The committee's report](https://example.com/committee-report)
`,
	"content/briefs/minister-recusal.md": `+++
title   = "Minister recuses himself from the port contract"
date    = 2026-06-01T08:00:00-04:00
authors = ["Dana Whitfield"]
topics  = ["cabinet"]
+++
The minister stepped back from the port contract review on Monday.

Why it matters: The contract is the largest of the year.

By the numbers: Three bidders, one contract.
`,
	"content/briefs/budget-talks.md": `---
title: "Budget talks stall over pensions"
date: 2026-05-28T17:15:00-04:00
authors:
  - Marisol Okafor
topics:
  - Budget
summary: "Negotiators left without a date to meet again."
---
Budget negotiators broke off talks on Thursday evening.

**Why this matters**: Without a deal, a stopgap bill is likely.
`,
	"content/briefs/old-news.md": `+++
title = "Assembly opens its spring session"
date  = 2026-03-02T10:00:00-05:00
topics = ["Assembly"]
+++
The Assembly opened its spring session on Monday.
`,
	"content/briefs/secret-plan.md": `+++
title = "Draft: the secret plan"
date  = 2026-06-05T10:00:00-04:00
topics = ["Cabinet"]
draft = true
+++
Not ready yet.
`,
	"content/briefs/tomorrow.md": `+++
title = "Scheduled: the vote result"
date  = 2026-07-01T10:00:00-04:00
topics = ["Cabinet"]
+++
The vote result, embargoed.
`,
}

// testConfig is the test site's configuration.
func testConfig(t testing.TB) *config.Config {
	t.Helper()
	cfg := config.Default()
	cfg.Title = "The Test Brief"
	cfg.Description = "Briefs for tests."
	cfg.BaseURL = baseURL
	cfg.Timezone = "America/New_York"
	cfg.Paginate = 2
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return &cfg
}

// newSite builds the site model of files the way build does: parse every
// brief, convert its body with refs to the others, and assemble the site.
func newSite(t testing.TB, cfg *config.Config, files map[string]string, opts site.Options) *site.Site {
	t.Helper()
	s, err := buildSite(cfg, files, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// tryNewSite is newSite for files that may not make a site.
func tryNewSite(cfg *config.Config, files map[string]string, opts site.Options) (*site.Site, bool) {
	s, err := buildSite(cfg, files, opts)
	return s, err == nil
}

func buildSite(cfg *config.Config, files map[string]string, opts site.Options) (*site.Site, error) {
	var srcs []*content.Source
	for _, p := range slices.Sorted(maps.Keys(files)) {
		src, err := content.Parse(p, []byte(files[p]), content.Options{Location: cfg.Location()})
		if err != nil {
			return nil, fmt.Errorf("content.Parse: %w", err)
		}
		srcs = append(srcs, src)
	}
	refs := map[string]string{}
	for _, src := range srcs {
		refs[src.Ref] = "briefs/" + src.Slug + "/"
	}
	conv := markdown.New(markdown.Options{
		Sections:    cfg.Sections,
		PlainLabels: cfg.Markdown.PlainLabels,
		BaseURL:     cfg.BaseURL,
		Resolve: func(ref string) (string, bool) {
			u, ok := refs[ref]
			return u, ok
		},
		Mail: testMail(),
	})
	var bs []*site.Brief
	for _, src := range srcs {
		body, err := conv.Convert(src)
		if err != nil {
			return nil, fmt.Errorf("Convert: %w", err)
		}
		bs = append(bs, site.NewBrief(src, body))
	}
	if opts.Now.IsZero() {
		opts.Now = now
	}
	s, err := site.New(cfg, bs, opts)
	if err != nil {
		return nil, fmt.Errorf("site.New: %w", err)
	}
	return s, nil
}

// testMail is how the build has the default theme's mail HTML written,
// with the sizes of the published files of the test site.
var testMail = sync.OnceValue(func() *markdown.Mail {
	cfg := config.Default()
	r, err := render.New(&cfg, 1, func(funcs template.FuncMap) (*theme.Theme, error) {
		return theme.Load(fstest.MapFS{}, "default", themes.Default(), funcs)
	})
	if err != nil {
		panic(err)
	}
	m := r.Theme().Mail()
	return &markdown.Mail{Styles: m.Styles, Width: m.Width, Sections: editions.Sections(&cfg), ImageSize: func(file string) (int, int) {
		w, h, _ := images.Size(published[strings.TrimPrefix(file, "content/")])
		return w, h
	}}
})

// newRenderer loads the default theme (with the site's layouts, if any)
// for cfg.
func newRenderer(t testing.TB, cfg *config.Config, layouts fstest.MapFS) *render.Renderer {
	t.Helper()
	if layouts == nil {
		layouts = fstest.MapFS{}
	}
	// Every test site has the same configuration: a fixed config key.
	r, err := render.New(cfg, 1, func(funcs template.FuncMap) (*theme.Theme, error) {
		return theme.Load(layouts, cfg.Theme, themes.Default(), funcs)
	})
	if err != nil {
		t.Fatalf("theme.Load: %v", err)
	}
	return r
}

// renderAll runs every job of the plan.
func renderAll(t testing.TB, r *render.Renderer, s *site.Site) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, j := range r.Plan(s) {
		if _, dup := files[j.Path]; dup {
			t.Errorf("two jobs write %s", j.Path)
		}
		data, err := j.Bytes()
		if err != nil {
			t.Fatalf("rendering %s: %v", j.Path, err)
		}
		files[j.Path] = data
	}
	return files
}

// testSite renders the test site with opts.
func testSite(t testing.TB, opts site.Options) (*site.Site, map[string][]byte) {
	t.Helper()
	cfg := testConfig(t)
	s := newSite(t, cfg, briefs, opts)
	return s, renderAll(t, newRenderer(t, cfg, nil), s)
}

func TestPlanPaths(t *testing.T) {
	_, files := testSite(t, site.Options{})
	want := []string{
		"index.html", "page/2/index.html", "404.html",
		"briefs/minister-declines/index.html", "briefs/minister-recusal/index.html",
		"briefs/budget-talks/index.html", "briefs/old-news/index.html",
		"topics/index.html", "topics/cabinet/index.html", "topics/white-house/index.html",
		"topics/budget/index.html", "topics/assembly/index.html",
		"authors/index.html", "authors/dana-whitfield/index.html", "authors/marisol-okafor/index.html",
		"archive/index.html", "archive/2026/06/index.html", "archive/2026/05/index.html", "archive/2026/03/index.html",
		"feed.xml", "feed.json", "sitemap.xml", "robots.txt",
		"topics/cabinet/feed.xml", "topics/cabinet/feed.json",
		"topics/white-house/feed.xml", "topics/white-house/feed.json",
		"topics/budget/feed.xml", "topics/budget/feed.json",
		"topics/assembly/feed.xml", "topics/assembly/feed.json",
		// Publishing outputs.
		"search/index.html", "search/index.json", "news-sitemap.xml",
		"atom.xml", "topics/cabinet/atom.xml", "authors/dana-whitfield/atom.xml",
		"authors/dana-whitfield/feed.xml", "authors/dana-whitfield/feed.json",
		"authors/marisol-okafor/atom.xml", "authors/marisol-okafor/feed.xml", "authors/marisol-okafor/feed.json",
		"briefs/minister-declines/index.json", "briefs/old-news/index.json",
		"editions/2026-06-07/index.html", "editions/2026-06-07/index.txt",
		"editions/2026-06-01/index.html", "editions/2026-05-28/index.html", "editions/2026-03-02/index.html",
	}
	for _, p := range want {
		if _, ok := files[p]; !ok {
			t.Errorf("no %s", p)
		}
	}
	for p := range files {
		if strings.HasSuffix(p, ".html") && !slices.Contains(want, p) {
			t.Errorf("unexpected page %s", p)
		}
	}
}

func TestDraftsAndFuture(t *testing.T) {
	const (
		draft  = "briefs/secret-plan/index.html"
		future = "briefs/tomorrow/index.html"
	)
	tests := []struct {
		opts              site.Options
		hasDraft, hasNext bool
	}{
		{site.Options{}, false, false},
		{site.Options{Drafts: true}, true, false},
		{site.Options{Future: true}, false, true},
		{site.Options{Drafts: true, Future: true}, true, true},
		// Once its date has passed, a scheduled brief is published.
		{site.Options{Now: time.Date(2026, 7, 2, 0, 0, 0, 0, time.UTC)}, false, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("drafts=%v,future=%v,now=%v", tt.opts.Drafts, tt.opts.Future, tt.opts.Now.Format(time.DateOnly)), func(t *testing.T) {
			_, files := testSite(t, tt.opts)
			for _, c := range []struct {
				path, title string
				want        bool
			}{{draft, "the secret plan", tt.hasDraft}, {future, "the vote result", tt.hasNext}} {
				if _, got := files[c.path]; got != c.want {
					t.Errorf("%s published = %v, want %v", c.path, got, c.want)
				}
				for p, data := range files {
					if got := strings.Contains(string(data), c.title); got && !c.want {
						t.Errorf("%s mentions %q, which is not published", p, c.title)
					}
				}
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	_, a := testSite(t, site.Options{Drafts: true, Future: true})
	_, b := testSite(t, site.Options{Drafts: true, Future: true})
	if !maps.EqualFunc(a, b, func(x, y []byte) bool { return string(x) == string(y) }) {
		for p := range a {
			if string(a[p]) != string(b[p]) {
				t.Errorf("%s differs between two renders of the same site", p)
			}
		}
		t.Errorf("two renders of the same site differ")
	}
}

// keys plans the site of files and returns the job keys by path.
func keys(t *testing.T, files map[string]string, opts site.Options) map[string]uint64 {
	t.Helper()
	cfg := testConfig(t)
	s := newSite(t, cfg, files, opts)
	ks := map[string]uint64{}
	for _, j := range newRenderer(t, cfg, nil).Plan(s) {
		ks[j.Path] = j.Key
	}
	return ks
}

func TestJobKeys(t *testing.T) {
	before := keys(t, briefs, site.Options{})
	if again := keys(t, briefs, site.Options{}); !maps.Equal(before, again) {
		t.Fatalf("planning the same site twice gives different keys")
	}
	edited := maps.Clone(briefs)
	edited["content/briefs/budget-talks.md"] = strings.Replace(edited["content/briefs/budget-talks.md"],
		"a stopgap bill is likely", "a stopgap bill is certain", 1)
	after := keys(t, edited, site.Options{})

	changed := []string{
		"briefs/budget-talks/index.html",
		"page/2/index.html", // the home page that lists it
		"topics/budget/index.html",
		"authors/marisol-okafor/index.html",
		"archive/2026/05/index.html",
		"feed.xml", "feed.json", "topics/budget/feed.xml",
	}
	same := []string{
		"briefs/minister-declines/index.html",
		"briefs/minister-recusal/index.html",
		"briefs/old-news/index.html",
		"index.html",
		"topics/cabinet/index.html",
		"authors/dana-whitfield/index.html",
		"archive/2026/06/index.html",
		"topics/cabinet/feed.xml",
		"404.html", "robots.txt",
	}
	for _, p := range changed {
		if before[p] == after[p] {
			t.Errorf("%s: key unchanged after its brief changed", p)
		}
	}
	for _, p := range same {
		if before[p] != after[p] {
			t.Errorf("%s: key changed after an unrelated brief changed", p)
		}
	}
}

// A job's key must change whenever its bytes do: a rebuild reuses the
// previous bytes of a job whose key is the same. Each change below is
// rendered before and after; every path whose key stayed must have the same
// bytes.
func TestJobKeysCoverOutput(t *testing.T) {
	replace := func(path, old, new string) func(map[string]string) {
		return func(files map[string]string) {
			if !strings.Contains(files[path], old) {
				t.Fatalf("%s does not contain %q", path, old)
			}
			files[path] = strings.Replace(files[path], old, new, 1)
		}
	}
	tests := []struct {
		name    string
		change  func(map[string]string)
		opts    site.Options
		optsTwo site.Options // options of the second build, if they differ
	}{
		{name: "body edited", change: replace("content/briefs/minister-recusal.md", "largest", "biggest")},
		{name: "title edited", change: replace("content/briefs/minister-recusal.md", "recuses himself", "steps back")},
		{name: "brief made draft", change: replace("content/briefs/minister-recusal.md", "topics  = [\"cabinet\"]", "topics  = [\"cabinet\"]\ndraft = true")},
		{name: "brief removed", change: func(f map[string]string) { delete(f, "content/briefs/old-news.md") }},
		{name: "slug changed", change: replace("content/briefs/minister-recusal.md", "+++\ntitle", "+++\nslug = \"recusal\"\ntitle")},
		{name: "topic moved", change: replace("content/briefs/budget-talks.md", "  - Budget", "  - Assembly")},
		// The newest brief that names a topic decides how its name is
		// written; the pages of the other briefs of the topic show it too.
		{name: "topic name recased", change: replace("content/briefs/minister-declines/index.md", `"Cabinet"`, `"CABINET"`)},
		{name: "author name recased", change: replace("content/briefs/minister-declines/index.md", `"Dana Whitfield"`, `"Dana WHITFIELD"`)},
		{
			name:    "scheduled brief comes due (preview)",
			change:  func(map[string]string) {},
			opts:    site.Options{Drafts: true, Future: true},
			optsTwo: site.Options{Drafts: true, Future: true, Now: time.Date(2026, 7, 2, 0, 0, 0, 0, time.UTC)},
		},
	}
	for _, tt := range tests {
		for _, preview := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/preview=%v", tt.name, preview), func(t *testing.T) {
				cfg := testConfig(t)
				r := newRenderer(t, cfg, nil)
				plan := func(files map[string]string, opts site.Options) map[string]plan.Job {
					s := newSite(t, cfg, files, opts)
					s.Preview = preview
					jobs := map[string]plan.Job{}
					for _, j := range r.Plan(s) {
						jobs[j.Path] = j
					}
					return jobs
				}
				before := plan(briefs, tt.opts)
				next := maps.Clone(briefs)
				tt.change(next)
				opts2 := tt.optsTwo
				if opts2 == (site.Options{}) {
					opts2 = tt.opts
				}
				after := plan(next, opts2)
				for _, p := range slices.Sorted(maps.Keys(after)) {
					a, ok := before[p]
					if !ok || a.Key != after[p].Key {
						continue
					}
					old, err1 := a.Bytes()
					cur, err2 := after[p].Bytes()
					if err1 != nil || err2 != nil {
						t.Fatalf("rendering %s: %v, %v", p, err1, err2)
					}
					if string(old) != string(cur) {
						t.Errorf("%s: key unchanged but output differs:\n%s", p, diff(string(old), string(cur)))
					}
				}
			})
		}
	}
}

// sortedPaths returns the paths of files with the given suffix.
func sortedPaths(files map[string][]byte, suffix string) []string {
	var ps []string
	for p := range files {
		if strings.HasSuffix(p, suffix) {
			ps = append(ps, p)
		}
	}
	sort.Strings(ps)
	return ps
}
