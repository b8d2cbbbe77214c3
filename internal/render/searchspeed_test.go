package render_test

import (
	"fmt"
	"net/url"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// watchFirstResult is run in the page before its own scripts: it notes
// the time the first result card appears in the search results.
const watchFirstResult = `new MutationObserver((_, obs) => {
  if (document.querySelector("#search-results .card")) {
    window.__firstResult = performance.now();
    obs.disconnect();
  }
}).observe(document, {childList: true, subtree: true});`

// afterLastFetch is evaluated once the first result shows: how many
// milliseconds passed between the end of the last search file the page
// fetched (index, shards and fragments) and the first result.
const afterLastFetch = `(() => {
  const ends = performance.getEntriesByType("resource")
    .filter((e) => e.name.includes("/search/") && e.startTime < window.__firstResult)
    .map((e) => e.responseEnd);
  return window.__firstResult - Math.max(...ends);
})()`

// BenchmarkSearchFirstResult measures in headless Chromium how long the
// search page of the generated site of 10,000 briefs takes to show its
// first result once the files a query needs have arrived: the ranking of
// the postings and the drawing of the cards, the part that does not
// depend on the network. Each of searchQueries is run from the URL on a
// fresh page, at the machine's speed and with the CPU slowed four times
// (Chromium's throttling, as its tools do for a mid-range phone). The
// metric is the median time of the slowest query; -v logs every query:
//
//	go test ./internal/render -run '^$' -bench SearchFirstResult -benchtime 5x -v
func BenchmarkSearchFirstResult(b *testing.B) {
	_, files := builtGenerated(b, 10000)
	srv := serveRoot(b, files)
	for _, slowdown := range []float64{1, 4} {
		b.Run(fmt.Sprintf("cpu=%gx", slowdown), func(b *testing.B) {
			ctx := newTab(b)
			if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchFirstResult}); err != nil {
				b.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: slowdown}); err != nil {
				b.Fatal(err)
			}
			runs := make([][]float64, len(searchQueries)) // milliseconds, by query
			for b.Loop() {
				for i, q := range searchQueries {
					do(b, ctx, chromedp.Navigate(srv.URL+"/search/?q="+url.QueryEscape(q)),
						chromedp.WaitVisible(chromedp.CSS("#search-results .card")))
					runs[i] = append(runs[i], get(b, ctx, chromedp.Evaluate[float64](afterLastFetch)))
				}
			}
			var slowest float64
			for i, ms := range runs {
				slices.Sort(ms)
				b.Logf("%q: median %.1f ms of %.1f", searchQueries[i], ms[len(ms)/2], ms)
				slowest = max(slowest, ms[len(ms)/2])
			}
			b.ReportMetric(slowest, "ms-after-fetch")
		})
	}
}
