package render_test

import (
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/site"
)

// Daily editions are linked: the newest from the home page, and each day
// of a month from the month's archive page.
func TestEditionLinks(t *testing.T) {
	_, files := testSite(t, site.Options{})
	tests := []struct {
		page string
		want []string
	}{
		{"index.html", []string{`href="/news/editions/2026-06-07/"`}},
		{"archive/2026/06/index.html", []string{`href="/news/editions/2026-06-07/"`, `href="/news/editions/2026-06-01/"`}},
		{"archive/2026/05/index.html", []string{`href="/news/editions/2026-05-28/"`}},
	}
	for _, tt := range tests {
		page := string(files[tt.page])
		if page == "" {
			t.Fatalf("no %s", tt.page)
		}
		for _, want := range tt.want {
			if n := strings.Count(page, want); n != 1 {
				t.Errorf("%s links %s %d times, want once", tt.page, want, n)
			}
			edition := strings.TrimSuffix(strings.TrimPrefix(want, `href="/news/`), `"`) + "index.html"
			if files[edition] == nil {
				t.Errorf("%s links %s, which is not written", tt.page, edition)
			}
		}
	}
}
