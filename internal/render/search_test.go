package render_test

import (
	"bytes"
	"context"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html/atom"

	"github.com/briefs-dev/briefs/internal/site"
)

// Without JavaScript the search page says what it is and leads to the
// topics, authors and archive; the form waits for the script.
func TestSearchPage(t *testing.T) {
	_, files := testSite(t, site.Options{})
	const p = "search/index.html"
	doc := parseHTML(t, p, files[p])
	forms := all(doc, tag(atom.Form))
	if len(forms) != 1 {
		t.Fatalf("%d forms", len(forms))
	}
	if _, hidden := attr(forms[0], "hidden"); !hidden {
		t.Errorf("the form shows without the script that makes it work")
	}
	if idx, _ := attr(forms[0], "data-index"); idx != "/news/search/index.json" {
		t.Errorf("data-index = %q", idx)
	}
	nojs := all(doc, hasAttr("id", "search-nojs"))
	if len(nojs) != 1 || !strings.Contains(text(nojs[0]), "needs JavaScript") {
		t.Fatalf("no explanation for readers without JavaScript")
	}
	var hrefs []string
	for _, a := range all(nojs[0], tag(atom.A)) {
		h, _ := attr(a, "href")
		hrefs = append(hrefs, h)
	}
	if strings.Join(hrefs, " ") != "/news/topics/ /news/authors/ /news/archive/" {
		t.Errorf("links without JavaScript: %v", hrefs)
	}
	scripts := all(doc, tag(atom.Script))
	if src, _ := attr(scripts[len(scripts)-1], "src"); src != "/news/assets/search.js" {
		t.Errorf("script src %q", src)
	}
	// Every page links the search page.
	for _, page := range sortedPaths(files, ".html") {
		if !strings.HasPrefix(page, "editions/") && !bytes.Contains(files[page], []byte(`href="/news/search/"`)) {
			t.Errorf("%s: no link to the search page", page)
		}
	}
}

// serveFiles serves rendered files below /news/, as a static host would.
func serveFiles(t *testing.T, files map[string][]byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := strings.CutPrefix(r.URL.Path, "/news/")
		if !ok {
			http.NotFound(w, r)
			return
		}
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

// chromium returns the path of the Chromium binary, or skips the test
// without one; in CI, where it is installed, a missing browser fails.
func chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is required in CI")
	}
	t.Skip("chromium not installed: apt-get install chromium to run browser tests")
	return ""
}

// newTab starts a headless Chromium with a fresh profile; the tab and the
// browser end with the test. Uncaught JavaScript errors of the page fail
// the test.
func newTab(t testing.TB) context.Context {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1000, 800),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first command starts the browser: without a timeout, which would
	// end the browser with it.
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__errors = []; window.addEventListener("error", (e) => window.__errors.push(String(e.message)));`,
	}); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

func do(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func get[T any](t testing.TB, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// results returns the links of the results shown.
func results(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results .card-title a")].map(a => a.getAttribute("href"))`))
}

// typeQuery replaces the words in the search field with q, typed.
func typeQuery(q string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Evaluate[chromedp.Void](`document.getElementById("search-q").value = ""`),
		chromedp.SendKeys(chromedp.ID("search-q"), q))
}

func poll(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(15*time.Second))
}

// TestSearchBrowser searches the test site in headless Chromium: typing
// ranks the expected brief first, the topic filter narrows, a query in the
// URL is run on load, and markup in briefs stays text.
func TestSearchBrowser(t *testing.T) {
	files := maps.Clone(briefs)
	files["content/briefs/markup.md"] = "+++\ntitle = \"Harbour <img src=x onerror=alert(1)> pilots strike\"\ndate = 2026-04-01T08:00:00Z\ntopics = [\"Ports & <b>Harbours</b>\"]\n+++\nThe harbour pilots walked out.\n"
	cfg := testConfig(t)
	s := newSite(t, cfg, files, site.Options{})
	srv := serveFiles(t, renderAll(t, newRenderer(t, cfg, nil), s))
	ctx := newTab(t)
	ready := chromedp.WaitVisible(chromedp.ID("search-q"))
	const first = `document.querySelector("#search-results .card-title a")?.getAttribute("href")`

	do(t, ctx, chromedp.Navigate(srv.URL+"/news/search/"), ready, typeQuery("port contract"),
		poll(first+` === "/news/briefs/minister-recusal/"`))
	status := get(t, ctx, chromedp.Text(chromedp.ID("search-status")))
	url := get(t, ctx, chromedp.Location())
	if !strings.Contains(status, "1 brief matches") || !strings.HasSuffix(url, "?q=port+contract") {
		t.Errorf("status %q, location %q", status, url)
	}

	// A word of a section, typed in part, finds its brief: "stopgap" is in
	// the "Why this matters" of budget-talks only.
	do(t, ctx, typeQuery("stopg"), poll(first+` === "/news/briefs/budget-talks/"`))
	// The result shows the sentence that matches, with the word marked.
	excerpt := get(t, ctx, chromedp.Evaluate[[]string](`(() => {
		const p = document.querySelector("#search-results .search-excerpt");
		return p ? [p.textContent, ...[...p.querySelectorAll("mark")].map(m => m.textContent)] : [];
	})()`))
	if want := []string{"Without a deal, a stopgap bill is likely.", "stopgap"}; !slices.Equal(excerpt, want) {
		t.Errorf("excerpt and marks = %q, want %q", excerpt, want)
	}

	// The title counts more than the text: both titles name the minister,
	// and minister-declines is the newer.
	do(t, ctx, typeQuery("minister"), poll(`document.querySelectorAll("#search-results .card").length === 2`))
	if got := results(t, ctx); len(got) != 2 || got[0] != "/news/briefs/minister-declines/" || got[1] != "/news/briefs/minister-recusal/" {
		t.Errorf("results for \"minister\" = %v", got)
	}

	// The topic filter: minister briefs filed under White House.
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const sel = document.getElementById("search-topic");
		sel.value = [...sel.options].find(o => o.textContent === "White House").value;
		sel.dispatchEvent(new Event("change"));
	})()`), poll(`document.querySelectorAll("#search-results .card").length === 1`))
	if got := results(t, ctx); len(got) != 1 || got[0] != "/news/briefs/minister-declines/" {
		t.Errorf("results for \"minister\" in White House = %v", got)
	}
	if url := get(t, ctx, chromedp.Location()); !strings.HasSuffix(url, "?q=minister&topic=white-house") {
		t.Errorf("location %q", url)
	}

	// A query in the URL runs on load; markup in a brief is shown as text.
	do(t, ctx, chromedp.Navigate(srv.URL+"/news/search/?q=pilots"), ready,
		chromedp.WaitVisible(chromedp.CSS("#search-results .card")))
	title := get(t, ctx, chromedp.Text(chromedp.CSS("#search-results .card-title")))
	topic := get(t, ctx, chromedp.TextContent(chromedp.CSS("#search-results .topic-list")))
	made := get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#search-results img, #search-results b").length`))
	if title != "Harbour <img src=x onerror=alert(1)> pilots strike" || topic != "Ports & <b>Harbours</b>" || made != 0 {
		t.Errorf("title %q, topic %q, %d elements made of brief text", title, topic, made)
	}
	if v := get(t, ctx, chromedp.Value(chromedp.ID("search-q"))); v != "pilots" {
		t.Errorf("the search field holds %q, want the query of the URL", v)
	}
	if errs := get(t, ctx, chromedp.Evaluate[[]string](`window.__errors`)); len(errs) > 0 {
		t.Errorf("JavaScript errors: %q", errs)
	}
	if shot := os.Getenv("BRIEFS_SCREENSHOT"); shot != "" {
		os.WriteFile(shot, get(t, ctx, chromedp.CaptureScreenshot()), 0o644)
	}
}

// With JavaScript off, the search page still says what it is and where
// to go instead.
func TestSearchBrowserNoScript(t *testing.T) {
	_, files := testSite(t, site.Options{})
	srv := serveFiles(t, files)
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/news/search/"), chromedp.WaitVisible(chromedp.ID("search-nojs")))
	explain := get(t, ctx, chromedp.Text(chromedp.ID("search-nojs")))
	title := get(t, ctx, chromedp.Text(chromedp.CSS("h1")))
	about := get(t, ctx, chromedp.Text(chromedp.CSS(".search-about")))
	if title != "Search" || !strings.Contains(explain, "needs JavaScript") || !strings.Contains(about, "Find briefs") {
		t.Errorf("h1 %q, about %q, explanation %q", title, about, explain)
	}
	// Scripts are off: the form stays hidden, as the HTML has it.
	formHidden := get(t, ctx, chromedp.EvaluateAsDevTools[bool](`document.getElementById("search-form").offsetParent === null`))
	if !formHidden {
		t.Errorf("the search form shows although it cannot work")
	}
	links := get(t, ctx, chromedp.EvaluateAsDevTools[[]string](`[...document.querySelectorAll("#search-nojs a")].map(a => a.href)`))
	want := []string{srv.URL + "/news/topics/", srv.URL + "/news/authors/", srv.URL + "/news/archive/"}
	if strings.Join(links, " ") != strings.Join(want, " ") {
		t.Errorf("links %v, want %v", links, want)
	}
}
