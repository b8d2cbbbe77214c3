package render_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/briefs-dev/briefs/internal/search"
	"github.com/briefs-dev/briefs/internal/site"
)

// spanishBriefs are briefs of a Spanish site that write a word with and
// without its accent, as readers type it both ways.
var spanishBriefs = map[string]string{
	"content/briefs/reforma.md": `+++
title   = "El Congreso aprueba la reforma de la energía"
date    = 2026-06-07T09:30:00+02:00
authors = ["Lucía Ferrer", "Tomás Ruiz"]
topics  = ["Política"]
+++
La reforma sale adelante con 180 votos a favor.
`,
	"content/briefs/tarifas.md": `+++
title   = "Las tarifas suben en julio"
date    = 2026-06-08T09:30:00+02:00
authors = ["Lucía Ferrer"]
topics  = ["Economía"]
+++
El recibo de la ENERGIA sube un 4 % para los hogares.
`,
	"content/briefs/puerto.md": `+++
title   = "El puerto amplía su muelle"
date    = 2026-06-09T09:30:00+02:00
authors = ["Tomás Ruiz"]
topics  = ["Economía"]
+++
Las obras durarán dos años.
`,
}

func spanishSearchSite(t *testing.T) map[string][]byte {
	t.Helper()
	cfg := testConfig(t)
	cfg.Language, cfg.Timezone = "es-ES", "Europe/Madrid"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return renderAll(t, newRenderer(t, cfg, nil), newSite(t, cfg, spanishBriefs, site.Options{}))
}

// The index holds a word once, folded: "energía" and "ENERGIA" are both
// the word "energia", in both briefs.
func TestSearchIndexFoldsAccents(t *testing.T) {
	x := readSearchIndex(t, spanishSearchSite(t))
	if got := len(x.postings("energia")); got != 2 {
		t.Errorf("the word energia is in %d briefs, want 2 (energía and ENERGIA)", got)
	}
	for _, p := range x.doc.Shards {
		var shard search.ShardDoc
		x.decode(shardPath(p), &shard)
		for w := range shard {
			if strings.ContainsAny(w, "íáúñÍ") || w != strings.ToLower(w) {
				t.Errorf("shard %q holds the word %q, not folded", p, w)
			}
		}
	}
	for _, w := range []string{"amplia", "economia", "politica", "tomas", "lucia"} {
		if len(x.postings(w)) == 0 {
			t.Errorf("no brief has the folded word %q", w)
		}
	}
}

// TestSearchBrowserSpanish searches a Spanish site in headless Chromium:
// a word typed with or without its accent, in any case, finds the briefs
// that write it either way, and the page speaks Spanish.
func TestSearchBrowserSpanish(t *testing.T) {
	srv := serveFiles(t, spanishSearchSite(t))
	ctx := newTab(t)
	status := chromedp.ID("search-status")
	do(t, ctx, chromedp.Navigate(srv.URL+"/news/search/"), chromedp.WaitVisible(chromedp.ID("search-q")),
		poll(`document.getElementById("search-status").textContent !== "Cargando el índice de búsqueda…"`))
	if got := get(t, ctx, chromedp.Text(status)); got != "Escriba para buscar entre 3 noticias." {
		t.Errorf("status before a query = %q", got)
	}
	for _, q := range []string{"energia", "energía", "ENERGÍA", "Energi"} {
		do(t, ctx, typeQuery(q), poll(`document.querySelectorAll("#search-results .card").length === 2`))
		got := results(t, ctx)
		slices.Sort(got)
		if want := []string{"/news/briefs/reforma/", "/news/briefs/tarifas/"}; !slices.Equal(got, want) {
			t.Errorf("%q finds %v, want %v", q, got, want)
		}
		if got, want := get(t, ctx, chromedp.Text(status)), "2 noticias coinciden con «"+q+"»."; got != want {
			t.Errorf("status for %q = %q, want %q", q, got, want)
		}
	}
	do(t, ctx, typeQuery("muelle amplia"), poll(`document.querySelectorAll("#search-results .card").length === 1`))
	if got, want := get(t, ctx, chromedp.Text(status)), "1 noticia coincide con «muelle amplia»."; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	// The accented word of the text is marked though the query has none.
	do(t, ctx, typeQuery("duraran"), poll(`document.querySelectorAll("#search-results mark").length === 1`))
	if marks := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results mark")].map(m => m.textContent)`)); !slices.Equal(marks, []string{"durarán"}) {
		t.Errorf("marks for duraran = %q, want durarán", marks)
	}
	do(t, ctx, typeQuery("reforma"), poll(`document.querySelectorAll("#search-results .card").length === 1`))
	if by := get(t, ctx, chromedp.Text(chromedp.CSS("#search-results .card-byline"))); by != "Por Lucía Ferrer y Tomás Ruiz" {
		t.Errorf("byline %q, want Spanish", by)
	}
	do(t, ctx, typeQuery("zzzz"), poll(`document.querySelectorAll("#search-results .card").length === 0`))
	if got, want := get(t, ctx, chromedp.Text(status)), "Ninguna noticia coincide con «zzzz»."; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	if errs := get(t, ctx, chromedp.Evaluate[[]string](`window.__errors`)); len(errs) > 0 {
		t.Errorf("JavaScript errors: %q", errs)
	}
}
