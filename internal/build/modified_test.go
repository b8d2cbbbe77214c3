package build_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/build"
)

// A correction later than a brief's update moves its modified time in
// every output that shows one: the NewsArticle's dateModified, the page's
// article:modified_time and dateline, the sitemap's lastmod, the Atom
// entry's updated and the JSON Feed item's date_modified.
func TestCorrectionMovesModifiedTime(t *testing.T) {
	const brief = `+++
title = "Budget"
date = 2026-11-20T09:00:00-05:00
updated = 2026-11-20T14:05:00-05:00
[[corrections]]
date = 2026-11-21T10:00:00-05:00
text = "An earlier version misstated the vote count."
[[corrections]]
date = 2026-11-20T16:00:00-05:00
text = "An earlier version misspelled a name."
+++
The lede.

**Why this matters:** It does.
`
	const want = "2026-11-21T10:00:00-05:00"
	dir := t.TempDir()
	write(t, dir, "content/briefs/budget.md", brief)
	write(t, dir, "config.toml", "base_url = \"https://example.org/\"\ntimezone = \"America/New_York\"\n")
	res, err := build.New(options(dir)).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	file := func(p string) []byte {
		t.Helper()
		data, ok := res.Files[p]
		if !ok {
			t.Fatalf("no file %s", p)
		}
		return data
	}
	page := string(file("briefs/budget/index.html"))

	got := map[string]string{}
	var article struct {
		DateModified string `json:"dateModified"`
	}
	if m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(page); m == nil {
		t.Error("the page has no JSON-LD")
	} else if err := json.Unmarshal([]byte(m[1]), &article); err != nil {
		t.Errorf("JSON-LD: %v", err)
	}
	got["NewsArticle dateModified"] = article.DateModified
	if m := regexp.MustCompile(`<meta property="article:modified_time" content="([^"]*)">`).FindStringSubmatch(page); m != nil {
		got["article:modified_time"] = m[1]
	}
	if m := regexp.MustCompile(`<span class="updated">.*?<time datetime="([^"]*)">(.*?)</time>`).FindStringSubmatch(page); m != nil {
		got["dateline"] = m[1]
		if !strings.Contains(m[2], "Nov. 21") && !strings.Contains(m[2], "November 21") {
			t.Errorf("the dateline's update shows %q, not the day of the correction", m[2])
		}
	}

	var sitemap struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(file("sitemap.xml"), &sitemap); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	for _, u := range sitemap.URLs {
		if u.Loc == "https://example.org/briefs/budget/" {
			got["sitemap lastmod"] = u.LastMod
		}
	}

	var atom struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(file("atom.xml"), &atom); err != nil {
		t.Fatalf("atom.xml: %v", err)
	}
	if len(atom.Entries) == 1 {
		got["Atom entry updated"] = atom.Entries[0].Updated
	}
	got["Atom feed updated"] = atom.Updated

	var feed struct {
		Items []struct {
			DateModified string `json:"date_modified"`
		} `json:"items"`
	}
	if err := json.Unmarshal(file("feed.json"), &feed); err != nil {
		t.Fatalf("feed.json: %v", err)
	}
	if len(feed.Items) == 1 {
		got["JSON Feed date_modified"] = feed.Items[0].DateModified
	}

	for _, place := range []string{
		"NewsArticle dateModified", "article:modified_time", "dateline", "sitemap lastmod",
		"Atom entry updated", "Atom feed updated", "JSON Feed date_modified",
	} {
		if got[place] != want {
			t.Errorf("%s = %q, want %q", place, got[place], want)
		}
	}
}
