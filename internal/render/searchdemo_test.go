package render_test

import (
	"context"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/search"
)

// buildDemo builds the demo site of the repository into memory.
func buildDemo(t *testing.T) *build.Result {
	t.Helper()
	res, err := build.New(build.Options{FS: os.DirFS("../..")}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// serveRoot serves files at the root of a server, as a static host does.
func serveRoot(t testing.TB, files map[string][]byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(p)))
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestSearchDemo searches the demo site in headless Chromium for a word
// that only the body of one brief has: the brief is found, with the
// sentence that has the word, marked.
func TestSearchDemo(t *testing.T) {
	res := buildDemo(t)
	x := readSearchIndex(t, res.Files)
	// The first word, in order, that one brief alone has, in its body.
	var word string
	var num int
	for _, p := range x.doc.Shards {
		var shard search.ShardDoc
		x.decode(shardPath(p), &shard)
		for _, w := range slices.Sorted(maps.Keys(shard)) {
			if ps := shard[w]; word == "" && len(ps) == 1 && ps[0]&3 == search.FieldBody && len(w) > 6 {
				word, num = w, int(ps[0]>>2)
			}
		}
	}
	if word == "" {
		t.Fatal("no word of the demo is in the body of one brief alone")
	}
	want := "/" + x.fragment(num).Path

	srv := serveRoot(t, res.Files)
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/search/?q="+word), chromedp.WaitVisible(chromedp.CSS("#search-results .card")))
	if got := results(t, ctx); len(got) != 1 || got[0] != want {
		t.Errorf("%q finds %v, want %s", word, got, want)
	}
	marks := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results .search-excerpt mark")].map(m => m.textContent.toLowerCase())`))
	if len(marks) == 0 || !strings.HasPrefix(marks[0], word[:3]) {
		t.Errorf("%q: marked %q in the excerpt", word, marks)
	}
	if errs := get(t, ctx, chromedp.Evaluate[[]string](`window.__errors`)); len(errs) > 0 {
		t.Errorf("JavaScript errors: %q", errs)
	}
}
