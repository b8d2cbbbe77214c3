package feeds

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

// testSite returns a site of n briefs by one author, a day apart, filed
// under one topic, with the outputs settings out.
func testSite(t *testing.T, n int, out config.Outputs) *site.Site {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL, cfg.Title = "https://example.org/", "The Brief"
	cfg.Outputs.Disable = out.Disable
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	var briefs []*site.Brief
	for i := range n {
		text := fmt.Sprintf("+++\ntitle = \"Brief %d <&>\"\ndate = 2026-06-%02dT09:00:00Z\ntopics = [\"Budget\"]\nauthors = [\"Dana Whitfield\"]\n+++\nLede.\n", i, i+1)
		src, err := content.Parse(fmt.Sprintf("content/briefs/b%d.md", i), []byte(text), content.Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		briefs = append(briefs, site.NewBrief(src, &markdown.Result{HTML: "<p>Lede ]]> end.</p>"}))
	}
	s, err := site.New(&cfg, briefs, site.Options{Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func render(t *testing.T, s *site.Site) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, j := range plan.NewPlanner(New(s.Config.Outputs)).Plan(s, 1) {
		data, err := j.Bytes()
		if err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		files[j.Path] = data
	}
	return files
}

func TestPlanAndLinks(t *testing.T) {
	tests := []struct {
		disable []string
		files   []string // of each folder
	}{
		{nil, []string{"atom.xml", "feed.json", "feed.xml"}},
		{[]string{"atom"}, []string{"feed.json", "feed.xml"}},
		{[]string{"json-feed"}, []string{"atom.xml", "feed.xml"}},
		{[]string{"atom", "json-feed"}, []string{"feed.xml"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.disable, ","), func(t *testing.T) {
			s := testSite(t, 3, config.Outputs{Disable: tt.disable})
			files := render(t, s)
			var want []string
			for _, dir := range []string{"", "topics/budget/", "authors/dana-whitfield/"} {
				for _, f := range tt.files {
					want = append(want, dir+f)
				}
				var linked []string
				for _, l := range Links(s.Config, dir, "T") {
					linked = append(linked, strings.TrimPrefix(l.Path, dir))
				}
				if slices.Sort(linked); !slices.Equal(linked, tt.files) {
					t.Errorf("Links(%q) = %q, want %q", dir, linked, tt.files)
				}
			}
			var got []string
			for p := range files {
				got = append(got, p)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("files = %q, want %q", got, want)
			}
		})
	}
}

// Every feed is well-formed with titles and content that need escaping,
// and carries at most feedSize briefs, newest first.
func TestFeedsParse(t *testing.T) {
	files := render(t, testSite(t, feedSize+5, config.Outputs{}))
	var rss struct {
		Items []struct {
			Title   string `xml:"title"`
			Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(files["feed.xml"], &rss); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	var atom struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(files["atom.xml"], &atom); err != nil {
		t.Fatalf("atom.xml: %v", err)
	}
	var feed struct {
		Items []struct {
			Title string `json:"title"`
		} `json:"items"`
	}
	if err := json.Unmarshal(files["feed.json"], &feed); err != nil {
		t.Fatalf("feed.json: %v", err)
	}
	want := fmt.Sprintf("Brief %d <&>", feedSize+4)
	if len(rss.Items) != feedSize || len(atom.Entries) != feedSize || len(feed.Items) != feedSize {
		t.Errorf("feeds carry %d, %d, %d briefs; want %d each", len(rss.Items), len(atom.Entries), len(feed.Items), feedSize)
	}
	if rss.Items[0].Title != want || atom.Entries[0].Title != want || feed.Items[0].Title != want {
		t.Errorf("the first items are %q, %q, %q; want the newest, %q", rss.Items[0].Title, atom.Entries[0].Title, feed.Items[0].Title, want)
	}
	if !strings.Contains(rss.Items[0].Content, "Lede ]]> end.") {
		t.Errorf("RSS content lost the ]]> of the body: %q", rss.Items[0].Content)
	}
}

// Atom links each entry to its brief's JSON only when the site has it.
func TestAtomLinksBriefJSON(t *testing.T) {
	for _, disable := range [][]string{nil, {"brief-json"}} {
		files := render(t, testSite(t, 1, config.Outputs{Disable: disable}))
		if got, want := strings.Contains(string(files["atom.xml"]), site.JSONFile), disable == nil; got != want {
			t.Errorf("with %q off: atom.xml links the JSON: %v, want %v", disable, got, want)
		}
	}
}
