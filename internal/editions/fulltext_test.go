package editions_test

import (
	"html/template"
	"strings"
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

// TestFullTextMaxWords: a brief over [outputs] full_text_max_words is in
// its edition as its summary and the link to it, not its lede and why.
func TestFullTextMaxWords(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/"
	cfg.Outputs.FullTextMaxWords = 8
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	conv := markdown.New(markdown.Options{Sections: cfg.Sections, Mail: &markdown.Mail{Styles: map[string]string{"p": "margin:0;"}, Sections: editions.Sections(&cfg)}})
	var briefs []*site.Brief
	for i, text := range []string{
		"+++\ntitle = \"Short\"\ndate = 2026-06-07T09:00:00Z\n+++\nA short lede.\n\n**Why this matters:** Short.\n",
		"+++\ntitle = \"Long\"\ndate = 2026-06-07T10:00:00Z\nsummary = \"The long one, in short.\"\n+++\nA lede far too long to carry.\n\n**Why this matters:** Because it runs on.\n",
	} {
		src, err := content.Parse([]string{"content/briefs/short.md", "content/briefs/long.md"}[i], []byte(text), content.Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		body, err := conv.Convert(src)
		if err != nil {
			t.Fatal(err)
		}
		briefs = append(briefs, site.NewBrief(src, body))
	}
	s, err := site.New(&cfg, briefs, site.Options{Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(&cfg, 1, func(funcs template.FuncMap) (*theme.Theme, error) {
		return theme.Load(fstest.MapFS{}, "default", themes.Default(), funcs)
	})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, j := range plan.NewPlanner(editions.New(r.Theme(), images.NewSet(cfg.BaseURL, nil))).Plan(s, 1) {
		data, err := j.Bytes()
		if err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		files[j.Path] = string(data)
	}
	for _, name := range []string{"index.html", "index.txt"} {
		e := files[editions.Dir("2026-06-07")+name]
		for _, want := range []string{"A short lede.", "The long one, in short.", "https://example.org/briefs/long/"} {
			if !strings.Contains(e, want) {
				t.Errorf("%s lacks %q:\n%s", name, want, e)
			}
		}
		for _, unwanted := range []string{"far too long", "runs on"} {
			if strings.Contains(e, unwanted) {
				t.Errorf("%s carries the body of the brief over the limit (%q)", name, unwanted)
			}
		}
	}
}
