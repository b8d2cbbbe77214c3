package editions_test

import (
	"fmt"
	"html/template"
	"slices"
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

// Briefs are grouped by their day in the site's time zone, each day an
// HTML and a plain-text edition.
func TestEditionsByDay(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL, cfg.Timezone = "https://example.org/", "America/New_York"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	conv := markdown.New(markdown.Options{Sections: cfg.Sections, Mail: &markdown.Mail{Styles: map[string]string{"p": "margin:0;"}, Sections: editions.Sections(&cfg)}})
	var briefs []*site.Brief
	// 02:00 UTC on June 8 is still June 7 in New York.
	for i, date := range []string{"2026-06-07T13:00:00Z", "2026-06-08T02:00:00Z", "2026-06-08T14:00:00Z"} {
		text := fmt.Sprintf("+++\ntitle = \"Brief %d\"\ndate = %s\n+++\nThe lede of brief %d.\n\n**Why this matters:** A reason.\n", i, date, i)
		src, err := content.Parse(fmt.Sprintf("content/briefs/b%d.md", i), []byte(text), content.Options{Location: time.UTC})
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
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	want := []string{editions.Dir("2026-06-07") + "index.html", editions.Dir("2026-06-07") + "index.txt",
		editions.Dir("2026-06-08") + "index.html", editions.Dir("2026-06-08") + "index.txt"}
	if !slices.Equal(paths, want) {
		t.Fatalf("files = %q, want %q", paths, want)
	}
	june7 := files[editions.Dir("2026-06-07")+"index.html"]
	for _, s := range []string{"Brief 0", "Brief 1", `<p style="margin:0;">The lede of brief 0.</p>`} {
		if !strings.Contains(june7, s) {
			t.Errorf("the edition of June 7 lacks %q:\n%s", s, june7)
		}
	}
	if strings.Contains(june7, "Brief 2") {
		t.Errorf("the edition of June 7 has a brief of June 8")
	}
	if text := files[editions.Dir("2026-06-08")+"index.txt"]; !strings.Contains(text, "The lede of brief 2.") || strings.Contains(text, "<p") {
		t.Errorf("the plain-text edition of June 8:\n%s", text)
	}
}

// The section beside the lede is the one named "Why this matters", or the
// one a site in another language renamed and kept that name as an alias.
func TestWhySection(t *testing.T) {
	for _, tt := range []struct {
		sections []config.Section
		want     string
	}{
		{config.Default().Sections, "Why this matters"},
		{[]config.Section{{Name: "The big picture"}, {Name: "Por qué importa", Aliases: []string{"Why it matters"}}}, "Por qué importa"},
		{[]config.Section{{Name: "Pourquoi c’est important", Aliases: []string{"why this matters"}}}, "Pourquoi c’est important"},
		{[]config.Section{{Name: "Lo esencial"}}, "Why this matters"},
		{nil, "Why this matters"},
	} {
		if got := editions.WhySection(tt.sections); got != tt.want {
			t.Errorf("WhySection(%v) = %q, want %q", tt.sections, got, tt.want)
		}
	}
}
