package briefjson

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

func TestBriefJSON(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/news/"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	text := "+++\ntitle = \"Budget </script> talks\"\ndate = 2026-06-07T09:30:00Z\nupdated = 2026-06-07T14:00:00Z\nauthors = [\"Dana Whitfield\"]\n[photo]\nsrc = \"chart.svg\"\nalt = \"A chart\"\ncredit = \"Jane Doe\"\n+++\nLede.\n"
	src, err := content.Parse("content/briefs/budget/index.md", []byte(text), content.Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	b := site.NewBrief(src, &markdown.Result{HTML: "<p>Lede.</p>", Lede: "<p>Lede.</p>", LedeText: "Lede.", Text: "Lede.", Words: 1})
	s, err := site.New(&cfg, []*site.Brief{b}, site.Options{Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450"/>`)
	imgs := images.NewSet(cfg.BaseURL, func(p string) []byte {
		if p == "briefs/budget/chart.svg" {
			return svg
		}
		return nil
	})
	jobs := plan.NewPlanner(New(imgs)).Plan(s, 1)
	if len(jobs) != 1 || jobs[0].Path != "briefs/budget/"+site.JSONFile {
		t.Fatalf("jobs = %v, want briefs/budget/index.json alone", jobs)
	}
	data, err := jobs[0].Bytes()
	if err != nil {
		t.Fatal(err)
	}
	var doc BriefJSON
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if doc.Title != "Budget </script> talks" || doc.URL != "https://example.org/news/briefs/budget/" ||
		doc.JSONURL != "https://example.org/news/briefs/budget/index.json" || doc.ID != s.EntryID(s.Briefs[0]) ||
		doc.Date != "2026-06-07T09:30:00Z" || doc.Updated != "2026-06-07T14:00:00Z" || len(doc.Authors) != 1 {
		t.Errorf("document = %+v", doc)
	}
	if p := doc.Photo; p == nil || p.Width != 800 || p.Height != 450 || p.Type != "image/svg+xml" || p.Credit != "Jane Doe" {
		t.Errorf("photo = %+v, want the chart, 800x450, with its credit", p)
	}

	// The key follows the photo's size, which the brief's version does not say.
	other := images.NewSet(cfg.BaseURL, func(string) []byte { return []byte(`<svg width="10" height="10"/>`) })
	if again := plan.NewPlanner(New(other)).Plan(s, 1); again[0].Key == jobs[0].Key {
		t.Errorf("a photo of another size left the key as it was")
	}
}
