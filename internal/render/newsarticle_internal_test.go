package render

import (
	"encoding/json"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/site"
)

// newsArticleMap is how newsArticle was written before it appended bytes:
// the test's oracle, since encoding/json sorts the keys of a map.
func newsArticleMap(p *Page) (template.JS, error) {
	b, s := p.Brief, p.Site
	type thing = map[string]any
	article := thing{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         b.Title,
		"description":      b.Summary,
		"url":              s.AbsURL(b.Path),
		"mainEntityOfPage": s.AbsURL(b.Path),
		"datePublished":    b.Date.In(s.Config.Location()).Format(time.RFC3339),
		"dateModified":     b.LastModified().In(s.Config.Location()).Format(time.RFC3339),
		"inLanguage":       s.Config.Language,
		"wordCount":        b.Body.Words,
		"publisher":        thing{"@type": "Organization", "name": s.Config.Title, "url": s.BaseURL},
	}
	var authors []thing
	for _, a := range b.Authors {
		authors = append(authors, thing{"@type": "Person", "name": a.Name, "url": s.AbsURL(a.Path)})
	}
	if len(authors) > 0 {
		article["author"] = authors
	}
	var topics []string
	for _, t := range b.Topics {
		topics = append(topics, t.Name)
	}
	if len(topics) > 0 {
		article["articleSection"] = topics[0]
		article["keywords"] = strings.Join(topics, ", ")
	}
	if ph := b.Photo; ph != nil {
		img := thing{"@type": "ImageObject", "url": s.AbsURL(ph.URL), "creditText": ph.Credit, "description": ph.Alt}
		if ph.Caption != "" {
			img["caption"] = ph.Caption
		}
		article["image"] = img
	}
	if len(b.Corrections) > 0 {
		var notes []string
		for _, c := range b.Corrections {
			notes = append(notes, c.Date.In(s.Config.Location()).Format("2006-01-02")+": "+c.Text)
		}
		article["correction"] = notes
	}
	data, err := json.Marshal(article)
	return template.JS(data), err
}

func TestNewsArticleMatchesMap(t *testing.T) {
	cfg := config.Default()
	cfg.Title, cfg.Timezone = "The <Test> & Brief", "America/New_York"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	s := &site.Site{Config: &cfg, BaseURL: "https://example.org/news/"}
	date := time.Date(2026, 6, 7, 9, 30, 0, 0, time.UTC)
	full := &site.Brief{Title: "A \"title\" <b>", Summary: "Sum & mary", Date: date, Updated: date.Add(time.Hour),
		Path: "briefs/a/", Body: &markdown.Result{Words: 250},
		Authors:     []*site.Term{{Name: "Dana <W>", Path: "authors/dana/"}, {Name: "Marisol", Path: "authors/marisol/"}},
		Topics:      []*site.Term{{Name: "Cabinet", Path: "topics/cabinet/"}, {Name: "White & House", Path: "topics/wh/"}},
		Photo:       &site.Photo{URL: "briefs/a/p.jpg", Alt: "Alt \u2028 text", Credit: "Credit", Caption: "Cap"},
		Corrections: []content.Correction{{Date: date, Text: "Fixed </script>"}}}
	tests := []struct {
		name  string
		brief *site.Brief
	}{
		{"every field", full},
		{"nothing optional", &site.Brief{Title: "T", Date: date, Path: "briefs/t/", Body: &markdown.Result{}}},
		{"photo without caption", &site.Brief{Title: "T", Date: date, Path: "briefs/t/", Body: &markdown.Result{},
			Photo: &site.Photo{URL: "https://cdn.example.com/p.jpg", Credit: "C"}}},
		{"one author, one topic, two corrections", &site.Brief{Title: "T", Date: date, Path: "briefs/t/",
			Body:    &markdown.Result{Words: 3},
			Authors: full.Authors[:1], Topics: full.Topics[1:],
			Corrections: []content.Correction{{Date: date, Text: "One."}, {Date: date.Add(48 * time.Hour), Text: "Two \x00 \xff."}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Page{Site: s, Brief: tt.brief}
			got, err := newsArticle(p)
			if err != nil {
				t.Fatal(err)
			}
			want, err := newsArticleMap(p)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("newsArticle =\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// FuzzNewsArticleMatchesMap compares newsArticle with its oracle for any
// text in the brief's fields.
func FuzzNewsArticleMatchesMap(f *testing.F) {
	f.Add("A \"title\" <b>", "Sum & mary", "Dana <W>", "White & House", "Alt \u2028", "Fixed </script>", 250)
	f.Add("", "", "", "", "", "", 0)
	cfg := config.Default()
	cfg.Timezone = "America/New_York"
	if err := cfg.Validate(); err != nil {
		f.Fatal(err)
	}
	s := &site.Site{Config: &cfg, BaseURL: "https://example.org/news/"}
	date := time.Date(2026, 6, 7, 9, 30, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, title, summary, author, topic, alt, correction string, words int) {
		b := &site.Brief{Title: title, Summary: summary, Date: date, Path: "briefs/" + topic + "/",
			Body:        &markdown.Result{Words: words},
			Authors:     []*site.Term{{Name: author, Path: "authors/" + author + "/"}, {Name: title, Path: "authors/x/"}},
			Topics:      []*site.Term{{Name: topic, Path: "topics/t/"}, {Name: summary, Path: "topics/u/"}},
			Photo:       &site.Photo{URL: alt + ".jpg", Alt: alt, Credit: author, Caption: correction},
			Corrections: []content.Correction{{Date: date, Text: correction}}}
		p := &Page{Site: s, Brief: b}
		got, _ := newsArticle(p)
		want, err := newsArticleMap(p)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("newsArticle =\n%s\nwant\n%s", got, want)
		}
	})
}
