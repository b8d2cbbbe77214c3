package render

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/site"
)

// newsArticleSite is a site for the NewsArticle of a page of its own.
func newsArticleSite(t testing.TB, title string) *site.Site {
	t.Helper()
	cfg := config.Default()
	cfg.Title, cfg.Timezone = title, "America/New_York"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return &site.Site{Config: &cfg, BaseURL: "https://example.org/news/"}
}

// newsArticleOf returns the NewsArticle of brief b on site s, decoded.
func newsArticleOf(t testing.TB, s *site.Site, b *site.Brief) (string, map[string]any) {
	t.Helper()
	js, err := newsArticle(&Page{Site: s, Brief: b})
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatalf("NewsArticle does not parse: %v\n%s", err, js)
	}
	return string(js), doc
}

func TestNewsArticle(t *testing.T) {
	s := newsArticleSite(t, "The <Test> & Brief")
	date := time.Date(2026, 6, 7, 13, 30, 0, 0, time.UTC)
	full := &site.Brief{Title: "A \"title\" <b>", Summary: "Sum & mary", Date: date, Updated: date.Add(time.Hour),
		Path: "briefs/a/", Body: &markdown.Result{Words: 250},
		Authors:     []*site.TermLink{{Name: "Dana <W>", Path: "authors/dana/"}, {Name: "Marisol", Path: "authors/marisol/"}},
		Topics:      []*site.TermLink{{Name: "Cabinet", Path: "topics/cabinet/"}, {Name: "White & House", Path: "topics/wh/"}},
		Photo:       &site.Photo{URL: "briefs/a/p.jpg", Alt: "Alt \u2028 text", Credit: "Credit", Caption: "Cap"},
		Corrections: []content.Correction{{Date: date, Text: "Fixed."}, {Date: date.Add(48 * time.Hour), Text: "Again."}}}
	_, doc := newsArticleOf(t, s, full)
	person := func(name, path string) any {
		return map[string]any{"@type": "Person", "name": name, "url": "https://example.org/news/" + path}
	}
	want := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"articleSection":   "Cabinet",
		"author":           []any{person("Dana <W>", "authors/dana/"), person("Marisol", "authors/marisol/")},
		"correction":       []any{"2026-06-07: Fixed.", "2026-06-09: Again."},
		"dateModified":     "2026-06-09T09:30:00-04:00", // the later correction
		"datePublished":    "2026-06-07T09:30:00-04:00",
		"description":      "Sum & mary",
		"headline":         "A \"title\" <b>",
		"image":            map[string]any{"@type": "ImageObject", "caption": "Cap", "creditText": "Credit", "description": "Alt \u2028 text", "url": "https://example.org/news/briefs/a/p.jpg"},
		"inLanguage":       "en-US",
		"keywords":         "Cabinet, White & House",
		"mainEntityOfPage": "https://example.org/news/briefs/a/",
		"publisher":        map[string]any{"@type": "Organization", "name": "The <Test> & Brief", "url": "https://example.org/news/"},
		"url":              "https://example.org/news/briefs/a/",
		"wordCount":        float64(250),
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		got, _ := json.Marshal(doc[k])
		w, _ := json.Marshal(want[k])
		if string(got) != string(w) {
			t.Errorf("%s = %s, want %s", k, got, w)
		}
	}
	for k := range doc {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected key %q", k)
		}
	}
}

// The optional keys are left out when the brief has nothing for them.
func TestNewsArticleLeavesOutEmpty(t *testing.T) {
	s := newsArticleSite(t, "Briefs")
	date := time.Date(2026, 6, 7, 13, 30, 0, 0, time.UTC)
	tests := []struct {
		name    string
		brief   *site.Brief
		missing []string
	}{
		{"nothing optional", &site.Brief{Title: "T", Date: date, Path: "briefs/t/", Body: &markdown.Result{}},
			[]string{"articleSection", "author", "correction", "image", "keywords"}},
		{"photo without caption", &site.Brief{Title: "T", Date: date, Path: "briefs/t/", Body: &markdown.Result{},
			Photo: &site.Photo{URL: "https://cdn.example.com/p.jpg", Credit: "C"}}, []string{"caption"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js, doc := newsArticleOf(t, s, tt.brief)
			for _, k := range tt.missing {
				if strings.Contains(js, `"`+k+`"`) {
					t.Errorf("%s has key %q, want it left out", js, k)
				}
			}
			// Those that a search engine needs are always there.
			for _, k := range []string{"description", "headline", "datePublished", "dateModified", "wordCount", "publisher"} {
				if _, ok := doc[k]; !ok {
					t.Errorf("%s lacks %q", js, k)
				}
			}
			if img, ok := doc["image"].(map[string]any); ok && img["url"] != "https://cdn.example.com/p.jpg" {
				t.Errorf("image url = %v, want the remote URL as is", img["url"])
			}
		})
	}
}

// FuzzNewsArticleStaysInScript puts any text in every field of a brief:
// the NewsArticle must parse back to the text (for valid UTF-8) and hold
// nothing that ends its script element, opens a comment or another script,
// or ends a line in older JavaScript parsers.
func FuzzNewsArticleStaysInScript(f *testing.F) {
	f.Add("A \"title\" <b>", "Sum & mary", "Dana <W>", "White & House", "Alt \u2028\u2029", "Fixed </script>", 250)
	f.Add("</SCRIPT >", "<!--", "<script>", "-->", "\xff\xfe", "\x00\x1f", 0)
	f.Add("", "", "", "", "", "", -1)
	s := newsArticleSite(f, "Briefs </script><!--")
	date := time.Date(2026, 6, 7, 9, 30, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, title, summary, author, topic, alt, correction string, words int) {
		b := &site.Brief{Title: title, Summary: summary, Date: date, Path: "briefs/" + topic + "/",
			Body:        &markdown.Result{Words: words},
			Authors:     []*site.TermLink{{Name: author, Path: "authors/" + author + "/"}},
			Topics:      []*site.TermLink{{Name: topic, Path: "topics/t/"}},
			Photo:       &site.Photo{URL: alt + ".jpg", Alt: alt, Credit: author, Caption: correction},
			Corrections: []content.Correction{{Date: date, Text: correction}}}
		js, doc := newsArticleOf(t, s, b)
		lower := strings.ToLower(js)
		for _, bad := range []string{"</script", "<script", "<!--", "-->", "\u2028", "\u2029"} {
			if strings.Contains(lower, bad) {
				t.Errorf("NewsArticle holds %q:\n%s", bad, js)
			}
		}
		if utf8.ValidString(title) && doc["headline"] != title {
			t.Errorf("headline = %q, want %q", doc["headline"], title)
		}
		if utf8.ValidString(summary) && doc["description"] != summary {
			t.Errorf("description = %q, want %q", doc["description"], summary)
		}
		if doc["wordCount"] != float64(words) {
			t.Errorf("wordCount = %v, want %d", doc["wordCount"], words)
		}
	})
}
