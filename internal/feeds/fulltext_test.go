package feeds

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/site"
)

// TestFullTextMaxWords: a brief over [outputs] full_text_max_words is in
// the feeds as its summary and a link, not its body, which a huge brief
// would repeat in every feed it is in.
func TestFullTextMaxWords(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/"
	cfg.Outputs.FullTextMaxWords = 5
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	var briefs []*site.Brief
	for i, words := range []int{5, 6} {
		body := strings.Repeat("word ", words)
		text := fmt.Sprintf("+++\ntitle = \"Brief %d\"\ndate = 2026-06-0%dT09:00:00Z\nsummary = \"Summary %d stands in.\"\n+++\n%s\n", i, i+1, i, body)
		src, err := content.Parse(fmt.Sprintf("content/briefs/b%d.md", i), []byte(text), content.Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		briefs = append(briefs, site.NewBrief(src, &markdown.Result{HTML: "<p>BODY " + body + "</p>", Words: words}))
	}
	s, err := site.New(&cfg, briefs, site.Options{Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	files := render(t, s)
	for _, name := range []string{RSSFile, JSONFile, AtomFile} {
		feed := string(files[name])
		if strings.Count(feed, "BODY") != 1 {
			t.Errorf("%s: %d bodies, want the one of the brief within the limit", name, strings.Count(feed, "BODY"))
		}
		for _, want := range []string{"Summary 1 stands in.", "Read the whole brief", "https://example.org/briefs/b1/"} {
			if !strings.Contains(feed, want) {
				t.Errorf("%s lacks %q for the brief over the limit:\n%s", name, want, feed)
			}
		}
	}
}
