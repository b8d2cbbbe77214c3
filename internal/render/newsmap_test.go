package render_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/site"
)

type newsSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc  string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		News struct {
			Name     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>name"`
			Language string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>language"`
			Date     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication_date"`
			Title    string `xml:"http://www.google.com/schemas/sitemap-news/0.9 title"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:"url"`
}

func parseNews(t *testing.T, data []byte) newsSet {
	t.Helper()
	var set newsSet
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(&set); err != nil {
		t.Fatalf("news-sitemap.xml: %v\n%s", err, data)
	}
	return set
}

// The Google News sitemap lists the briefs of the two days before the
// build time, with the publication's name and language, and is not
// written when there are none.
func TestNewsSitemap(t *testing.T) {
	tests := []struct {
		now  time.Time
		want []string
	}{
		{time.Date(2026, 6, 8, 12, 0, 0, 0, time.UTC), []string{"briefs/minister-declines/"}},
		// Just under two days after the brief of June 1 (12:00 UTC).
		{time.Date(2026, 6, 3, 11, 59, 0, 0, time.UTC), []string{"briefs/minister-recusal/"}},
		{time.Date(2026, 6, 3, 12, 0, 0, 0, time.UTC), nil},
		// A brief dated after the build time is not news yet.
		{time.Date(2026, 6, 7, 13, 0, 0, 0, time.UTC), nil},
		{time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), nil},
		// No build time: the newest brief's date.
		{time.Time{}, []string{"briefs/minister-declines/"}},
	}
	for _, tt := range tests {
		t.Run(tt.now.Format(time.RFC3339), func(t *testing.T) {
			_, files := publishSite(t, site.Options{}, render.Environment{Now: tt.now})
			// With no brief in the window, no news sitemap (one without a
			// URL is invalid), and robots.txt does not name it.
			named := strings.Contains(string(files["robots.txt"]), "news-sitemap.xml")
			data, written := files["news-sitemap.xml"]
			if written != (tt.want != nil) || named != written {
				t.Fatalf("news sitemap written %v, named in robots.txt %v; want both %v", written, named, tt.want != nil)
			}
			if !written {
				return
			}
			set := parseNews(t, data)
			var got []string
			for _, u := range set.URLs {
				got = append(got, strings.TrimPrefix(u.Loc, baseURL))
				if u.News.Name != "The Test Brief" || u.News.Language != "en" || u.News.Title == "" {
					t.Errorf("%s: name %q, language %q, title %q", u.Loc, u.News.Name, u.News.Language, u.News.Title)
				}
				if _, err := time.Parse(time.RFC3339, u.News.Date); err != nil {
					t.Errorf("%s: publication_date: %v", u.Loc, err)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("listed %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNewsSitemapSettings(t *testing.T) {
	cfg := testConfig(t)
	cfg.Publishing.NewsName = "The Daily Test"
	cfg.Language = "zh-Hant-TW"
	s := newSite(t, cfg, briefs, site.Options{})
	r := newRenderer(t, cfg, nil)
	set := parseNews(t, renderAll(t, r, s)["news-sitemap.xml"])
	if len(set.URLs) != 1 || set.URLs[0].News.Name != "The Daily Test" || set.URLs[0].News.Language != "zh-tw" {
		t.Errorf("news sitemap = %+v", set.URLs)
	}
}

func TestRobotsNamesSitemaps(t *testing.T) {
	_, files := testSite(t, site.Options{})
	robots := string(files["robots.txt"])
	for _, want := range []string{"Sitemap: " + baseURL + "sitemap.xml\n", "Sitemap: " + baseURL + "news-sitemap.xml\n"} {
		if !strings.Contains(robots, want) {
			t.Errorf("robots.txt lacks %q:\n%s", want, robots)
		}
	}
}
