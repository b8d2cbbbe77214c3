package sitemaps

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

const baseURL = "https://example.org/news/"

// testSite returns a site of n briefs, two days apart, filed under two topics.
func testSite(t *testing.T, n int) *site.Site {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = baseURL
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	var briefs []*site.Brief
	start := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	for i := range n {
		text := fmt.Sprintf("+++\ntitle = \"Brief %d\"\ndate = %s\ntopics = [\"topic %d\"]\n+++\nLede.\n", i, start.Add(time.Duration(i)*48*time.Hour).Format(time.RFC3339), i%2)
		src, err := content.Parse(fmt.Sprintf("content/briefs/b%d.md", i), []byte(text), content.Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		briefs = append(briefs, site.NewBrief(src, &markdown.Result{}))
	}
	s, err := site.New(&cfg, briefs, site.Options{Now: start.AddDate(1, 0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// render renders every file the family plans for s.
func render(t *testing.T, f *Family, s *site.Site) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, j := range plan.NewPlanner(f).Plan(s, 1) {
		data, err := j.Bytes()
		if err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		files[j.Path] = data
	}
	return files
}

// A site with more URLs than one sitemap may list gets a sitemap index,
// and parts that together list every URL once.
func TestSitemapIndex(t *testing.T) {
	s := testSite(t, 8)
	small := render(t, New(config.Outputs{}, time.Time{}), s)
	var whole struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(small["sitemap.xml"], &whole); err != nil {
		t.Fatal(err)
	}

	defer SetMaxSitemapURLs(5)()
	files := render(t, New(config.Outputs{}, time.Time{}), s)
	var idx struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	d := xml.NewDecoder(bytes.NewReader(files["sitemap.xml"]))
	d.Strict = true
	if err := d.Decode(&idx); err != nil {
		t.Fatalf("sitemap.xml: %v\n%s", err, files["sitemap.xml"])
	}
	if want := (len(whole.URLs) + 4) / 5; len(idx.Sitemaps) != want || want < 2 {
		t.Fatalf("%d sitemaps in the index, want %d (more than one)", len(idx.Sitemaps), want)
	}
	var locs []string
	for _, sm := range idx.Sitemaps {
		part := strings.TrimPrefix(sm.Loc, baseURL)
		data, ok := files[part]
		if !ok {
			t.Fatalf("the index names %s, which was not written", sm.Loc)
		}
		var set struct {
			XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
			URLs    []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(data, &set); err != nil {
			t.Fatalf("%s: %v", part, err)
		}
		if len(set.URLs) == 0 || len(set.URLs) > 5 {
			t.Errorf("%s: %d URLs", part, len(set.URLs))
		}
		for _, u := range set.URLs {
			locs = append(locs, u.Loc)
		}
	}
	var all []string
	for _, u := range whole.URLs {
		all = append(all, u.Loc)
	}
	if strings.Join(locs, " ") != strings.Join(all, " ") {
		t.Errorf("the parts list\n%v\nthe whole sitemap lists\n%v", locs, all)
	}
}

// A site that switches the news sitemap off has none, and robots.txt
// does not name it.
func TestNewsSitemapOff(t *testing.T) {
	s := testSite(t, 3)
	on := render(t, New(config.Outputs{}, time.Time{}), s)
	off := render(t, New(config.Outputs{Disable: []string{"news-sitemap"}}, time.Time{}), s)
	if _, ok := on[NewsSitemapPath]; !ok || !strings.Contains(string(on["robots.txt"]), NewsSitemapPath) {
		t.Errorf("with every output on: no news sitemap, or robots.txt does not name it:\n%s", on["robots.txt"])
	}
	if _, ok := off[NewsSitemapPath]; ok || strings.Contains(string(off["robots.txt"]), NewsSitemapPath) {
		t.Errorf("with the news sitemap off: it is written, or robots.txt names it:\n%s", off["robots.txt"])
	}
}

func TestNextChange(t *testing.T) {
	s := testSite(t, 3) // dated June 1, 3 and 5, 2026 at 9:00 UTC
	for _, tt := range []struct{ now, want time.Time }{
		{time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 3, 9, 0, 0, 0, time.UTC)},
		{time.Date(2026, 6, 6, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 7, 9, 0, 0, 0, time.UTC)},
		{time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), time.Time{}},
	} {
		if got := NextChange(s, tt.now); !got.Equal(tt.want) {
			t.Errorf("NextChange(%v) = %v, want %v", tt.now, got, tt.want)
		}
	}
}

// A brief held back by an embargo is news from the moment it goes live:
// the news sitemap lists it by its publish_at, not by its earlier date,
// for the two days after it.
func TestNewsSitemapEmbargo(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = baseURL
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	var briefs []*site.Brief
	for name, text := range map[string]string{
		"held":  "+++\ntitle = \"Held\"\ndate = 2026-06-01T09:00:00Z\npublish_at = 2026-06-04T09:00:00Z\n+++\nLede.\n",
		"plain": "+++\ntitle = \"Plain\"\ndate = 2026-06-03T09:00:00Z\n+++\nLede.\n",
	} {
		src, err := content.Parse("content/briefs/"+name+".md", []byte(text), content.Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		briefs = append(briefs, site.NewBrief(src, &markdown.Result{}))
	}
	at := func(day, hour int) time.Time { return time.Date(2026, 6, day, hour, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		now  time.Time
		want string // title publication_date, newest first
		next time.Time
	}{
		{at(4, 10), "Held 2026-06-04T09:00:00Z, Plain 2026-06-03T09:00:00Z", at(5, 9)},
		{at(5, 10), "Held 2026-06-04T09:00:00Z", at(6, 9)},
		{at(6, 10), "", time.Time{}},
	} {
		s, err := site.New(&cfg, briefs, site.Options{Now: tt.now})
		if err != nil {
			t.Fatal(err)
		}
		files := render(t, New(config.Outputs{}, tt.now), s)
		var got []string
		if data, ok := files[NewsSitemapPath]; ok {
			var set struct {
				URLs []struct {
					Title string `xml:"news>title"`
					Date  string `xml:"news>publication_date"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal(data, &set); err != nil {
				t.Fatal(err)
			}
			for _, u := range set.URLs {
				got = append(got, u.Title+" "+u.Date)
			}
		}
		if strings.Join(got, ", ") != tt.want {
			t.Errorf("at %s: news sitemap lists %q, want %q", tt.now.Format(time.RFC3339), got, tt.want)
		}
		if next := NextChange(s, tt.now); !next.Equal(tt.next) {
			t.Errorf("at %s: NextChange = %v, want %v", tt.now.Format(time.RFC3339), next, tt.next)
		}
	}
}
