package site

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/markdown"
)

var newYork = mustLoad("America/New_York")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// now is the build time of the tests.
var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// testConfig is a site under a sub-path in New York.
func testConfig(t *testing.T) *config.Config {
	t.Helper()
	c := config.Default()
	c.BaseURL = "https://example.org/news/"
	c.Timezone = "America/New_York"
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	return &c
}

// brief parses and converts a TOML brief; front is the front matter
// without delimiters, so its first line is line 2 of the file.
func brief(t *testing.T, path, front, body string) *Brief {
	t.Helper()
	src, err := content.Parse(path, []byte("+++\n"+front+"+++\n"+body), content.Options{Location: newYork})
	if err != nil {
		t.Fatalf("content.Parse(%s): %v", path, err)
	}
	res, err := markdown.New(markdown.Options{Sections: config.Default().Sections, BaseURL: "https://example.org/news/"}).Convert(src)
	if err != nil {
		t.Fatalf("Convert(%s): %v", path, err)
	}
	return NewBrief(src, res)
}

// dated is a minimal brief at path with the given date and extra front matter.
func dated(t *testing.T, path, date, extra string) *Brief {
	t.Helper()
	return brief(t, path, fmt.Sprintf("title = %q\ndate = %s\n%s", path, date, extra), "Lede of "+path+".\n")
}

func slugs(briefs []*Brief) []string {
	var s []string
	for _, b := range briefs {
		s = append(s, b.Slug)
	}
	return s
}

func newSite(t *testing.T, briefs []*Brief, opts Options) *Site {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = now
	}
	s, err := New(testConfig(t), briefs, opts)
	if err != nil {
		t.Fatalf("New() error:\n%v", err)
	}
	return s
}

func TestNewOrder(t *testing.T) {
	briefs := []*Brief{
		dated(t, "content/briefs/old.md", "2026-01-01T09:00:00Z", ""),
		dated(t, "content/briefs/b-tie.md", "2026-06-01T09:00:00Z", ""),
		dated(t, "content/briefs/new.md", "2026-11-01T09:00:00Z", ""),
		dated(t, "content/briefs/a-tie.md", "2026-06-01T05:00:00-04:00", ""), // the same instant
		dated(t, "content/z/c-tie/index.md", "2026-06-01T09:00:00Z", ""),
	}
	s := newSite(t, briefs, Options{})
	want := []string{"new", "a-tie", "b-tie", "c-tie", "old"}
	if got := slugs(s.Briefs); !reflect.DeepEqual(got, want) {
		t.Errorf("Briefs = %q, want %q", got, want)
	}
	// The order does not depend on the order given.
	for i, j := 0, len(briefs)-1; i < j; i, j = i+1, j-1 {
		briefs[i], briefs[j] = briefs[j], briefs[i]
	}
	if got := slugs(newSite(t, briefs, Options{}).Briefs); !reflect.DeepEqual(got, want) {
		t.Errorf("Briefs, given in reverse = %q, want %q", got, want)
	}
}

func TestNewFiltering(t *testing.T) {
	briefs := func() []*Brief {
		return []*Brief{
			dated(t, "content/briefs/published.md", "2026-11-01T09:00:00Z", ""),
			dated(t, "content/briefs/draft.md", "2026-11-02T09:00:00Z", "draft = true\n"),
			dated(t, "content/briefs/future.md", "2026-12-01T09:00:00Z", ""),
			dated(t, "content/briefs/future-draft.md", "2026-12-02T09:00:00Z", "draft = true\n"),
			dated(t, "content/briefs/just-now.md", now.Format(time.RFC3339), ""),
		}
	}
	tests := []struct {
		opts Options
		want []string
	}{
		{Options{}, []string{"just-now", "published"}},
		{Options{Drafts: true}, []string{"just-now", "draft", "published"}},
		{Options{Future: true}, []string{"future", "just-now", "published"}},
		{Options{Drafts: true, Future: true}, []string{"future-draft", "future", "just-now", "draft", "published"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("drafts=%v,future=%v", tt.opts.Drafts, tt.opts.Future), func(t *testing.T) {
			s := newSite(t, briefs(), tt.opts)
			if got := slugs(s.Briefs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Briefs = %q, want %q", got, tt.want)
			}
			for _, b := range s.Briefs {
				if want := strings.HasPrefix(b.Slug, "future"); b.Future != want {
					t.Errorf("%s: Future = %v, want %v", b.Slug, b.Future, want)
				}
				if want := strings.HasSuffix(b.Slug, "draft"); b.Draft != want {
					t.Errorf("%s: Draft = %v, want %v", b.Slug, b.Draft, want)
				}
			}
		})
	}
}

func TestNewDuplicateSlug(t *testing.T) {
	tests := []struct {
		name   string
		briefs func() []*Brief
		want   []string
	}{
		{
			"file and bundle",
			func() []*Brief {
				return []*Brief{
					dated(t, "content/briefs/x/index.md", "2026-11-01T09:00:00Z", ""),
					dated(t, "content/other/x.md", "2026-11-01T09:00:00Z", ""),
				}
			},
			[]string{`content/other/x.md:1:1: slug "x" is already used by content/briefs/x/index.md:1:1: rename one of the files or set slug`},
		},
		{
			"front matter slug",
			func() []*Brief {
				return []*Brief{
					dated(t, "content/briefs/a.md", "2026-11-01T09:00:00Z", ""),
					dated(t, "content/briefs/b.md", "2026-11-01T09:00:00Z", "slug = \"a\"\n"),
				}
			},
			[]string{`content/briefs/b.md:4:1: slug "a" is already used by content/briefs/a.md:1:1: rename one of the files or set slug`},
		},
		{
			"case-insensitive",
			func() []*Brief {
				a := dated(t, "content/briefs/budget.md", "2026-11-01T09:00:00Z", "")
				b := dated(t, "content/briefs/Budget.md", "2026-11-01T09:00:00Z", "")
				b.Slug = "Budget" // as a case-preserving slug would be
				return []*Brief{a, b}
			},
			[]string{`content/briefs/budget.md:1:1: slug "budget" is already used by content/briefs/Budget.md:1:1: rename one of the files or set slug`},
		},
		{
			"drafts count too",
			func() []*Brief {
				return []*Brief{
					dated(t, "content/briefs/a.md", "2026-11-01T09:00:00Z", ""),
					dated(t, "content/drafts/a.md", "2026-11-01T09:00:00Z", "draft = true\n"),
				}
			},
			[]string{`content/drafts/a.md:1:1: slug "a" is already used by content/briefs/a.md:1:1: rename one of the files or set slug`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(testConfig(t), tt.briefs(), Options{Now: now})
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("New() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func errorLines(err error) []string {
	if err == nil {
		return nil
	}
	var list diag.List
	if errors.As(err, &list) {
		var s []string
		for _, e := range list {
			s = append(s, e.Error())
		}
		return s
	}
	return []string{err.Error()}
}

func TestGoDeeper(t *testing.T) {
	target := dated(t, "content/briefs/budget-vote/index.md", "2026-11-01T09:00:00Z", "")
	other := dated(t, "content/briefs/other.md", "2026-11-01T09:00:00Z", "slug = \"renamed\"\n")
	src := brief(t, "content/briefs/src.md", `title = "Source"
date = 2026-11-02T09:00:00Z
[[go_deeper]]
title = "By ref"
ref = "briefs/budget-vote"
[[go_deeper]]
title = "By slug"
ref = "renamed"
[[go_deeper]]
title = "By ref, written as a file"
ref = "/briefs/budget-vote/index.md"
[[go_deeper]]
title = "Outside"
url = "https://example.com/x"
`, "Body.\n")
	s := newSite(t, []*Brief{src, target, other}, Options{})
	want := []Link{
		{Title: "By ref", URL: "briefs/budget-vote/", Internal: true},
		{Title: "By slug", URL: "briefs/renamed/", Internal: true},
		{Title: "By ref, written as a file", URL: "briefs/budget-vote/", Internal: true},
		{Title: "Outside", URL: "https://example.com/x"},
	}
	if got := s.lookup("briefs/src").GoDeeper; !reflect.DeepEqual(got, want) {
		t.Errorf("GoDeeper = %+v, want %+v", got, want)
	}
	if src.GoDeeper != nil {
		t.Errorf("New changed the brief passed in: GoDeeper = %+v", src.GoDeeper)
	}
	// A second site from the same briefs, as a rebuild makes, gives the
	// same links, not twice as many.
	s = newSite(t, []*Brief{src, target, other}, Options{})
	if got := s.lookup("briefs/src").GoDeeper; !reflect.DeepEqual(got, want) {
		t.Errorf("after a second New, GoDeeper = %+v, want %+v", got, want)
	}
}

func TestGoDeeperMissingRef(t *testing.T) {
	toml := dated(t, "content/briefs/a.md", "2026-11-01T09:00:00Z", `[[go_deeper]]
title = "Fine"
url = "https://example.com/"
[[go_deeper]]
title = "Broken"
  ref = "briefs/nope"
`)
	src, err := content.Parse("content/briefs/b.md", []byte("---\ntitle: b\ndate: 2026-11-01\ngo_deeper:\n  - title: Broken\n    ref: nope\n---\n"), content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	yaml := NewBrief(src, &markdown.Result{})
	_, err = New(testConfig(t), []*Brief{toml, yaml}, Options{Now: now})
	want := []string{
		`content/briefs/a.md:9:3: go_deeper ref "briefs/nope" names no brief`,
		`content/briefs/b.md:6:5: go_deeper ref "nope" names no brief`,
	}
	if got := errorLines(err); !reflect.DeepEqual(got, want) {
		t.Errorf("New() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestGoDeeperUnpublished(t *testing.T) {
	draft := dated(t, "content/briefs/draft.md", "2026-11-01T09:00:00Z", "draft = true\n")
	future := dated(t, "content/briefs/future.md", "2027-01-01T09:00:00Z", "")
	src := dated(t, "content/briefs/src.md", "2026-11-02T09:00:00Z", `[[go_deeper]]
title = "Draft"
ref = "briefs/draft"
[[go_deeper]]
title = "Future"
ref = "future"
`)
	s := newSite(t, []*Brief{src, draft, future}, Options{})
	if got := slugs(s.Briefs); !reflect.DeepEqual(got, []string{"src"}) {
		t.Fatalf("Briefs = %q, want only src", got)
	}
	// The draft's link keeps its title; the scheduled brief's is gone,
	// title and all, until it goes live.
	if l := s.lookup("briefs/src").GoDeeper; len(l) != 1 || l[0].Title != "Draft" || l[0].URL != "" {
		t.Errorf("GoDeeper = %+v, want only the draft's link, without its URL", l)
	}
	// With drafts and future briefs shown, the links work.
	s = newSite(t, []*Brief{src, draft, future}, Options{Drafts: true, Future: true})
	for _, l := range s.lookup("briefs/src").GoDeeper {
		if l.URL == "" {
			t.Errorf("link %q with drafts and future shown: URL is empty", l.Title)
		}
	}
}

func TestTerms(t *testing.T) {
	briefs := []*Brief{
		dated(t, "content/briefs/a.md", "2026-11-03T09:00:00Z", `topics = ["White House", "Budget"]`+"\n"+`authors = ["Dana Whitfield"]`+"\n"),
		dated(t, "content/briefs/b.md", "2026-11-02T09:00:00Z", `topics = ["white-house", "white house"]`+"\n"+`authors = ["dana whitfield", "Theo Lindqvist"]`+"\n"),
		dated(t, "content/briefs/c.md", "2026-11-01T09:00:00Z", `topics = ["Élections"]`+"\n"),
		dated(t, "content/briefs/d.md", "2026-11-04T09:00:00Z", `topics = ["Budget"]`+"\ndraft = true\n"),
	}
	s := newSite(t, briefs, Options{})
	type term struct {
		Name, Slug, Path string
		Briefs           []string
	}
	flat := func(terms []*Term) []term {
		var out []term
		for _, t := range terms {
			out = append(out, term{t.Name, t.Slug, t.Path, slugs(t.Briefs)})
		}
		return out
	}
	wantTopics := []term{
		{"Budget", "budget", "topics/budget/", []string{"a"}},
		{"Élections", "elections", "topics/elections/", []string{"c"}},
		{"White House", "white-house", "topics/white-house/", []string{"a", "b"}},
	}
	wantAuthors := []term{
		{"Dana Whitfield", "dana-whitfield", "authors/dana-whitfield/", []string{"a", "b"}},
		{"Theo Lindqvist", "theo-lindqvist", "authors/theo-lindqvist/", []string{"b"}},
	}
	if got := flat(s.Topics); !reflect.DeepEqual(got, wantTopics) {
		t.Errorf("Topics =\n%+v\nwant\n%+v", got, wantTopics)
	}
	if got := flat(s.Authors); !reflect.DeepEqual(got, wantAuthors) {
		t.Errorf("Authors =\n%+v\nwant\n%+v", got, wantAuthors)
	}
	b := s.lookup("briefs/b")
	if len(b.Topics) != 1 || b.Topics[0] != s.Topics[2].TermLink {
		t.Errorf("b.Topics = %+v, want white-house once", b.Topics)
	}
	if len(b.Authors) != 2 {
		t.Errorf("b.Authors = %+v, want two", b.Authors)
	}
}

func TestArchive(t *testing.T) {
	briefs := []*Brief{
		// 03:30 UTC on November 1, but still October in New York.
		dated(t, "content/briefs/halloween.md", "2026-10-31T23:30:00-04:00", ""),
		// 23:30 at UTC-5 on October 31 is 00:30 EDT on November 1: New
		// York keeps summer time until the first Sunday of November.
		dated(t, "content/briefs/late.md", "2026-10-31T23:30:00-05:00", ""),
		dated(t, "content/briefs/nov.md", "2026-11-15T09:00:00-05:00", ""),
		dated(t, "content/briefs/sep.md", "2026-09-01T00:30:00-04:00", ""),
		dated(t, "content/briefs/last-year.md", "2025-12-31T23:00:00-05:00", ""),
	}
	s := newSite(t, briefs, Options{})
	type month struct {
		Start  string
		Path   string
		Briefs []string
	}
	var got []month
	for _, m := range s.Months {
		got = append(got, month{m.Start.Format(time.RFC3339), m.Path, slugs(m.Briefs)})
	}
	want := []month{
		{"2026-11-01T00:00:00-04:00", "archive/2026/11/", []string{"nov", "late"}},
		{"2026-10-01T00:00:00-04:00", "archive/2026/10/", []string{"halloween"}},
		{"2026-09-01T00:00:00-04:00", "archive/2026/09/", []string{"sep"}},
		{"2025-12-01T00:00:00-05:00", "archive/2025/12/", []string{"last-year"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Months =\n%+v\nwant\n%+v", got, want)
	}
	if s.Months[0].Start.Location().String() != "America/New_York" {
		t.Errorf("Months[0].Start in %v, want America/New_York", s.Months[0].Start.Location())
	}
}

func TestPaginate(t *testing.T) {
	make := func(n int) []*Brief {
		var bs []*Brief
		for i := range n {
			bs = append(bs, &Brief{Slug: fmt.Sprint(i)})
		}
		return bs
	}
	tests := []struct {
		n, size int
		sizes   []int
	}{
		{0, 3, []int{0}},
		{1, 3, []int{1}},
		{3, 3, []int{3}},
		{6, 3, []int{3, 3}},
		{7, 3, []int{3, 3, 1}},
		{2, 1, []int{1, 1}},
		{2, 0, []int{1, 1}}, // a size below 1 is 1
		{2, -4, []int{1, 1}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d/%d", tt.n, tt.size), func(t *testing.T) {
			briefs := make(tt.n)
			pages := Paginate(briefs, tt.size, "topics/x/")
			var sizes []int
			var all []*Brief
			for _, p := range pages {
				sizes = append(sizes, len(p.Briefs))
				all = append(all, p.Briefs...)
			}
			if !reflect.DeepEqual(sizes, tt.sizes) {
				t.Fatalf("page sizes = %v, want %v", sizes, tt.sizes)
			}
			if len(all) != len(briefs) || (len(all) > 0 && !reflect.DeepEqual(all, briefs)) {
				t.Errorf("pages hold %d briefs, want all %d in order", len(all), len(briefs))
			}
			for i, p := range pages {
				wantPath := "topics/x/"
				if i > 0 {
					wantPath = fmt.Sprintf("topics/x/page/%d/", i+1)
				}
				if p.Number != i+1 || p.Total != len(pages) || p.Path != wantPath {
					t.Errorf("page %d: Number, Total, Path = %d, %d, %q; want %d, %d, %q", i, p.Number, p.Total, p.Path, i+1, len(pages), wantPath)
				}
				if p.First != pages[0] || p.Last != pages[len(pages)-1] {
					t.Errorf("page %d: First/Last wrong", i+1)
				}
				if (i == 0) != (p.Prev == nil) || (i > 0 && p.Prev != pages[i-1]) {
					t.Errorf("page %d: Prev = %v", i+1, p.Prev)
				}
				if (i == len(pages)-1) != (p.Next == nil) || (i < len(pages)-1 && p.Next != pages[i+1]) {
					t.Errorf("page %d: Next = %v", i+1, p.Next)
				}
			}
		})
	}
}

func TestPaginateRootPath(t *testing.T) {
	pages := Paginate(make([]*Brief, 3), 2, "")
	if pages[0].Path != "" || pages[1].Path != "page/2/" {
		t.Errorf("home page paths = %q, %q; want \"\", \"page/2/\"", pages[0].Path, pages[1].Path)
	}
}

func TestBasePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.org/", "/"},
		{"https://example.org", "/"},
		{"https://example.org/news/", "/news/"},
		{"https://example.org/news", "/news/"},
		{"https://example.org/a/b/", "/a/b/"},
		{"http://localhost:1313/", "/"},
		{"::bad", "/"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := BasePath(tt.in); got != tt.want {
				t.Errorf("BasePath(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestURL(t *testing.T) {
	tests := []struct {
		base, path, url, abs string
	}{
		{"https://example.org/news/", "briefs/x/", "/news/briefs/x/", "https://example.org/news/briefs/x/"},
		{"https://example.org/news/", "/briefs/x/", "/news/briefs/x/", "https://example.org/news/briefs/x/"},
		{"https://example.org/news/", "", "/news/", "https://example.org/news/"},
		{"https://example.org/news/", "feed.xml", "/news/feed.xml", "https://example.org/news/feed.xml"},
		{"https://example.org/", "briefs/x/", "/briefs/x/", "https://example.org/briefs/x/"},
		{"https://example.org/", "https://cdn.example.com/a.jpg", "https://cdn.example.com/a.jpg", "https://cdn.example.com/a.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.base+tt.path, func(t *testing.T) {
			c := config.Default()
			c.BaseURL = tt.base
			s, err := New(&c, nil, Options{Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if got := s.URL(tt.path); got != tt.url {
				t.Errorf("URL(%q) = %q, want %q", tt.path, got, tt.url)
			}
			if got := s.AbsURL(tt.path); got != tt.abs {
				t.Errorf("AbsURL(%q) = %q, want %q", tt.path, got, tt.abs)
			}
		})
	}
}

func TestEmptySite(t *testing.T) {
	s := newSite(t, nil, Options{})
	if len(s.Briefs) != 0 || len(s.Topics) != 0 || len(s.Authors) != 0 || len(s.Months) != 0 {
		t.Errorf("New(no briefs) = %+v, want an empty site", s)
	}
	if s.BasePath != "/news/" || s.BaseURL != "https://example.org/news/" {
		t.Errorf("BaseURL, BasePath = %q, %q", s.BaseURL, s.BasePath)
	}
}

func TestRef(t *testing.T) {
	a := dated(t, "content/briefs/a.md", "2026-11-01T09:00:00Z", "slug = \"alpha\"\n")
	draft := dated(t, "content/briefs/d.md", "2026-11-01T09:00:00Z", "draft = true\n")
	s := newSite(t, []*Brief{a, draft}, Options{})
	tests := []struct {
		ref  string
		want string // the path of the brief found, "" for none
	}{
		{"briefs/a", "briefs/alpha/"},
		{"/briefs/a/", "briefs/alpha/"},
		{"alpha", "briefs/alpha/"},
		{"briefs/d", ""}, // a draft is not published
		{"d", ""},
		{"briefs/nope", ""},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			got := s.Ref(tt.ref)
			if tt.want == "" && got != nil || tt.want != "" && (got == nil || got.Path != tt.want || got != s.Briefs[0]) {
				t.Errorf("Ref(%q) = %v, want the published brief at %q", tt.ref, got, tt.want)
			}
		})
	}
}

// A page shows a dek only when the front matter has a summary that is not
// the lede, which the page shows anyway.
func TestDek(t *testing.T) {
	tests := []struct{ name, extra, body, dek string }{
		{"summary", "summary = \"The dek.\"\n", "Lede.\n", "The dek."},
		{"no summary", "", "The lede, first.\n\nSecond.\n", ""},
		{"summary repeats the lede", "summary = \"The lede's text.\"\n", "The lede's text.\n\nMore.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := brief(t, "content/briefs/a.md", "title = \"T\"\ndate = 2026-11-01T09:00:00Z\n"+tt.extra, tt.body)
			if b.Dek != tt.dek {
				t.Errorf("Dek = %q, want %q", b.Dek, tt.dek)
			}
		})
	}
}

// Titles, summaries, captions, credits, corrections and Go deeper titles
// get the body's typographic punctuation; alt text and names do not.
func TestNewBriefTypesets(t *testing.T) {
	front := `title = "The minister's \"last\" day -- maybe"
date = 2026-11-01T09:00:00Z
summary = "It's over..."
authors = ["Dana O'Neil"]
[photo]
src = "p.jpg"
alt = "The minister's car"
credit = "Jane Doe -- Wire Photo"
caption = "The minister's car, on 'Monday'"
[[go_deeper]]
title = "Earlier: the minister's recusal"
url = "https://example.com/x"
[[corrections]]
date = 2026-11-02T09:00:00Z
text = "An earlier version misspelled 'Whitfield'."
`
	b := brief(t, "content/briefs/a/index.md", front, "Lede.\n")
	s, err := New(testConfig(t), []*Brief{b}, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	b = s.Briefs[0]
	for _, f := range []struct{ name, got, want string }{
		{"Title", b.Title, "The minister’s “last” day – maybe"},
		{"Summary", b.Summary, "It’s over…"},
		{"Dek", b.Dek, "It’s over…"},
		{"Photo.Alt", b.Photo.Alt, "The minister's car"},
		{"Photo.Credit", b.Photo.Credit, "Jane Doe – Wire Photo"},
		{"Photo.Caption", b.Photo.Caption, "The minister’s car, on ‘Monday’"},
		{"GoDeeper[0].Title", b.GoDeeper[0].Title, "Earlier: the minister’s recusal"},
		{"Corrections[0].Text", b.Corrections[0].Text, "An earlier version misspelled ‘Whitfield’."},
		{"Authors[0].Name", b.Authors[0].Name, "Dana O'Neil"},
		{"Source's title", b.Source.Front.Title, `The minister's "last" day -- maybe`},
		{"Source's correction", b.Source.Front.Corrections[0].Text, "An earlier version misspelled 'Whitfield'."},
	} {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
}

func TestNewBrief(t *testing.T) {
	tests := []struct {
		name, path, extra, body string
		summary, photo          string
	}{
		{"summary from front matter", "content/briefs/a.md", "summary = \"  The dek.  \"\n", "Lede.\n", "The dek.", ""},
		{"summary from the lede", "content/briefs/a.md", "", "The **lede**, first.\n\nSecond.\n\n**Why this matters:** x\n", "The lede, first.", ""},
		{"no lede", "content/briefs/a.md", "", "**Why this matters:** x\n", "", ""},
		{"bundle photo", "content/briefs/a/index.md", "[photo]\nsrc = \"img/p.jpg\"\nalt = \"a\"\ncredit = \"c\"\n", "", "", "briefs/a/img/p.jpg"},
		{"bundle photo, dot slash", "content/briefs/a/index.md", "slug = \"s\"\n[photo]\nsrc = \"./p.jpg\"\nalt = \"a\"\ncredit = \"c\"\n", "", "", "briefs/s/p.jpg"},
		{"site photo", "content/briefs/a.md", "[photo]\nsrc = \"/images/p.jpg\"\nalt = \"a\"\ncredit = \"c\"\n", "", "", "images/p.jpg"},
		{"remote photo", "content/briefs/a.md", "[photo]\nsrc = \"https://cdn.example.com/p.jpg\"\nalt = \"a\"\ncredit = \"c\"\n", "", "", "https://cdn.example.com/p.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := brief(t, tt.path, "title = \" Title \"\ndate = 2026-11-01T09:00:00Z\n"+tt.extra, tt.body)
			if b.Title != "Title" {
				t.Errorf("Title = %q, want %q", b.Title, "Title")
			}
			if b.Summary != tt.summary {
				t.Errorf("Summary = %q, want %q", b.Summary, tt.summary)
			}
			if wantPath := "briefs/" + b.Slug + "/"; b.Path != wantPath {
				t.Errorf("Path = %q, want %q", b.Path, wantPath)
			}
			gotPhoto := ""
			if b.Photo != nil {
				gotPhoto = b.Photo.URL
				if b.Photo.Alt != "a" || b.Photo.Credit != "c" {
					t.Errorf("Photo = %+v, want alt and credit", b.Photo)
				}
			}
			if gotPhoto != tt.photo {
				t.Errorf("Photo URL = %q, want %q", gotPhoto, tt.photo)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	const front = "title = \"x\"\ndate = 2026-11-01T09:00:00Z\n"
	a := brief(t, "content/briefs/a.md", front, "Body.\n")
	same := brief(t, "content/briefs/a.md", front, "Body.\n")
	changed := brief(t, "content/briefs/a.md", front, "Body!\n")
	if a.Version != same.Version {
		t.Errorf("Version of the same brief differs: %x, %x", a.Version, same.Version)
	}
	if a.Version == changed.Version {
		t.Errorf("Version did not change with the body: %x", a.Version)
	}
}

func TestLastModified(t *testing.T) {
	d := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	corrected := func(ts ...time.Time) []content.Correction {
		var cs []content.Correction
		for _, t := range ts {
			cs = append(cs, content.Correction{Date: t, Text: "An earlier version erred."})
		}
		return cs
	}
	tests := []struct {
		name          string
		date, updated time.Time
		corrections   []content.Correction
		want          time.Time // LastModified; Modified is zero when it is date
	}{
		{"never updated", d, time.Time{}, nil, d},
		{"updated", d, d.Add(time.Hour), nil, d.Add(time.Hour)},
		{"updated before the date", d, d.Add(-time.Hour), nil, d},
		{"corrected after the update", d, d.Add(time.Hour), corrected(d.Add(3*time.Hour), d.Add(2*time.Hour)), d.Add(3 * time.Hour)},
		{"corrected before the update", d, d.Add(5 * time.Hour), corrected(d.Add(3 * time.Hour)), d.Add(5 * time.Hour)},
		{"corrected, never updated", d, time.Time{}, corrected(d.Add(time.Hour)), d.Add(time.Hour)},
		{"corrected before the date", d, time.Time{}, corrected(d.Add(-time.Hour)), d},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &Brief{Date: tt.date, Updated: tt.updated, Corrections: tt.corrections}
			if got := b.LastModified(); !got.Equal(tt.want) {
				t.Errorf("LastModified() = %v, want %v", got, tt.want)
			}
			want := tt.want
			if want.Equal(tt.date) {
				want = time.Time{}
			}
			if got := b.Modified(); !got.Equal(want) {
				t.Errorf("Modified() = %v, want %v", got, want)
			}
		})
	}
}

func TestSection(t *testing.T) {
	b := brief(t, "content/briefs/a.md", "title = \"x\"\ndate = 2026-11-01T09:00:00Z\n",
		"Lede.\n\n**Why it matters:** one\n\n**Behind the scenes:** two\n\n**Why this matters:** again\n")
	tests := []struct {
		name, wantID string
	}{
		{"Why this matters", "why-this-matters"},
		{"why it matters", "why-this-matters"},
		{"why-this-matters", "why-this-matters"},
		{"why-this-matters-2", "why-this-matters-2"},
		{"Behind-the-scenes", "behind-the-scenes"},
		{"What's next", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if s := b.Section(tt.name); s != nil {
				got = s.ID
			}
			if got != tt.wantID {
				t.Errorf("Section(%q) = %q, want %q", tt.name, got, tt.wantID)
			}
		})
	}
}

func TestDuplicateSlugs(t *testing.T) {
	src := func(path, slug string) *content.Source { return &content.Source{Path: path, Slug: slug} }
	tests := []struct {
		name string
		srcs []*content.Source
		want []string
	}{
		{"none", []*content.Source{src("content/a.md", "a"), src("content/b.md", "b")}, nil},
		{"same", []*content.Source{src("content/b.md", "x"), src("content/a.md", "x")},
			[]string{`content/b.md:1:1: slug "x" is already used by content/a.md:1:1: rename one of the files or set slug`}},
		{"case", []*content.Source{src("content/a.md", "Budget"), src("content/b.md", "budget")},
			[]string{`content/b.md:1:1: slug "budget" is already used by content/a.md:1:1` + caseNote("Budget") + `: rename one of the files or set slug`}},
		{"sharp s", []*content.Source{src("content/a.md", "strasse"), src("content/b.md", "straße")},
			[]string{`content/b.md:1:1: slug "straße" is already used by content/a.md:1:1` + caseNote("strasse") + `: rename one of the files or set slug`}},
		{"final sigma", []*content.Source{src("content/a.md", "ελλας"), src("content/b.md", "ελλασ")},
			[]string{`content/b.md:1:1: slug "ελλασ" is already used by content/a.md:1:1` + caseNote("ελλας") + `: rename one of the files or set slug`}},
		{"accents differ", []*content.Source{src("content/a.md", "cafe"), src("content/b.md", "café")}, nil},
		{"three", []*content.Source{src("content/c.md", "x"), src("content/b.md", "x"), src("content/a.md", "x")},
			[]string{
				`content/b.md:1:1: slug "x" is already used by content/a.md:1:1: rename one of the files or set slug`,
				`content/c.md:1:1: slug "x" is already used by content/a.md:1:1: rename one of the files or set slug`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errorLines(DuplicateSlugs(tt.srcs)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("DuplicateSlugs() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func caseNote(slug string) string {
	return ` (as "` + slug + `": slugs that differ only in case are one folder on macOS, Windows and many hosts)`
}

// TestDuplicateSlugsPositions checks that both briefs of a duplicate are
// named with the position of their slug key, when they set one.
func TestDuplicateSlugsPositions(t *testing.T) {
	parse := func(path, front string) *content.Source {
		src, err := content.Parse(path, []byte("+++\ntitle = \"t\"\ndate = 2026-11-01\n"+front+"+++\n"), content.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return src
	}
	srcs := []*content.Source{
		parse("content/a.md", "\n  slug = \"vote\"\n"),
		parse("content/b.md", "slug = \"vote\"\n"),
		parse("content/vote.md", ""),
	}
	want := []string{
		`content/b.md:4:1: slug "vote" is already used by content/a.md:5:3: rename one of the files or set slug`,
		`content/vote.md:1:1: slug "vote" is already used by content/a.md:5:3: rename one of the files or set slug`,
	}
	if got := errorLines(DuplicateSlugs(srcs)); !reflect.DeepEqual(got, want) {
		t.Errorf("DuplicateSlugs() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRefKeys(t *testing.T) {
	tests := []struct{ ref, refKey, slugKey string }{
		{"briefs/budget-vote", "briefs/budget-vote", "budget-vote"},
		{"/briefs/budget-vote/", "briefs/budget-vote", "budget-vote"},
		{"briefs/budget-vote.md", "briefs/budget-vote", "budget-vote"},
		{"briefs/Budget-Vote/index", "briefs/Budget-Vote", "budget-vote"},
		{"budget-vote", "budget-vote", "budget-vote"},
	}
	for _, tt := range tests {
		refKey, slugKey := RefKeys(tt.ref)
		if refKey != tt.refKey || slugKey != tt.slugKey {
			t.Errorf("RefKeys(%q) = %q, %q, want %q, %q", tt.ref, refKey, slugKey, tt.refKey, tt.slugKey)
		}
	}
}

func TestWith(t *testing.T) {
	front := func(title, extra string) string {
		return fmt.Sprintf("title = %q\ndate = 2026-11-02T09:00:00Z\ntopics = [\"Budget\"]\nauthors = [\"Dana\"]\n%s", title, extra)
	}
	a := brief(t, "content/briefs/a.md", front("A", ""), "Lede of a.\n")
	b := dated(t, "content/briefs/b.md", "2026-11-01T09:00:00Z", "topics = [\"Courts\"]\n[[go_deeper]]\ntitle = \"A\"\nref = \"a\"\n")
	c := dated(t, "content/briefs/c.md", "2026-10-01T09:00:00Z", "topics = [\"Budget\"]\n")
	s := newSite(t, []*Brief{a, b, c}, Options{})
	oldBriefs, oldTopics, oldMonths := slices.Clone(s.Briefs), slices.Clone(s.Topics), slices.Clone(s.Months)
	oldA := *s.Briefs[0]

	next, ok := s.With(brief(t, "content/briefs/a.md", front("A, edited", ""), "New lede of a.\n"))
	if !ok {
		t.Fatal("With refused an edit of the title and body")
	}
	if next.Lineage() != s.Lineage() {
		t.Errorf("the new site has another lineage")
	}
	// The old site is as it was.
	if !slices.Equal(s.Briefs, oldBriefs) || !slices.Equal(s.Topics, oldTopics) || !slices.Equal(s.Months, oldMonths) {
		t.Errorf("With changed the lists of the old site")
	}
	if !reflect.DeepEqual(*s.Briefs[0], oldA) {
		t.Errorf("With changed the old site's brief: %+v", *s.Briefs[0])
	}
	// The new one shows the edit, with what the site worked out for the
	// brief before, and shares the rest.
	na := next.Briefs[0]
	if na.Title != "A, edited" || na == s.Briefs[0] || !slices.Equal(na.Topics, s.Briefs[0].Topics) || !slices.Equal(na.Authors, s.Briefs[0].Authors) {
		t.Errorf("edited brief in the new site: %+v", na)
	}
	if next.Briefs[1] != s.Briefs[1] || next.Briefs[2] != s.Briefs[2] {
		t.Errorf("the briefs that were not edited are not shared")
	}
	if got := next.Ref("a"); got != na {
		t.Errorf("Ref(a) in the new site = %p, want the edited brief %p", got, na)
	}
	budget, courts := next.Topics[0], next.Topics[1]
	if budget == s.Topics[0] || budget.Briefs[0] != na || budget.TermLink != s.Topics[0].TermLink {
		t.Errorf("Budget in the new site: %+v, want a new list with the edited brief and the same name", budget)
	}
	if courts != s.Topics[1] {
		t.Errorf("Courts, which does not list the edited brief, is not shared")
	}
	if next.Months[0] == s.Months[0] || next.Months[0].Briefs[0] != na || next.Months[1] != s.Months[1] {
		t.Errorf("months: only November, which lists the edit, should be new")
	}
	if l := next.Briefs[1].GoDeeper; len(l) != 1 || l[0].URL != "briefs/a/" || !l[0].Internal {
		t.Errorf("b's link to a in the new site = %+v", l)
	}

	refused := []struct {
		name string
		edit *Brief
	}{
		{"new date", brief(t, "content/briefs/a.md", strings.Replace(front("A", ""), "11-02", "11-03", 1), "Lede.\n")},
		{"new topic", brief(t, "content/briefs/a.md", strings.Replace(front("A", ""), "Budget", "Courts", 1), "Lede.\n")},
		{"new author", brief(t, "content/briefs/a.md", strings.Replace(front("A", ""), "Dana", "Theo", 1), "Lede.\n")},
		{"now a draft", brief(t, "content/briefs/a.md", front("A", "draft = true\n"), "Lede.\n")},
		{"new slug", brief(t, "content/briefs/a.md", front("A", "slug = \"other\"\n"), "Lede.\n")},
		{"ref to no brief", brief(t, "content/briefs/a.md", front("A", "[[go_deeper]]\ntitle = \"X\"\nref = \"nope\"\n"), "Lede.\n")},
		{"a file the site does not have", dated(t, "content/briefs/new.md", "2026-11-02T09:00:00Z", "")},
	}
	for _, tt := range refused {
		if n, ok := s.With(tt.edit); ok || n != nil {
			t.Errorf("%s: With took the edit", tt.name)
		}
	}
}
