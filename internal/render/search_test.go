package render_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html/atom"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/site"
)

type searchDoc struct {
	Version int         `json:"version"`
	Base    string      `json:"base"`
	Fields  []string    `json:"fields"`
	Topics  [][2]string `json:"topics"`
	Authors [][2]string `json:"authors"`
	Briefs  [][]any     `json:"briefs"`
	Stop    []string    `json:"stop"`
}

func TestSearchIndex(t *testing.T) {
	s, files := testSite(t, site.Options{})
	var idx searchDoc
	d := json.NewDecoder(bytes.NewReader(files["search/index.json"]))
	d.DisallowUnknownFields()
	if err := d.Decode(&idx); err != nil {
		t.Fatalf("search/index.json: %v", err)
	}
	if idx.Version != 1 || idx.Base != "/news/" || strings.Join(idx.Fields, ",") != "path,title,summary,date,topics,authors,text" {
		t.Errorf("version %d, base %q, fields %v", idx.Version, idx.Base, idx.Fields)
	}
	if len(idx.Topics) != len(s.Topics) || len(idx.Authors) != len(s.Authors) || len(idx.Briefs) != len(s.Briefs) {
		t.Fatalf("%d topics, %d authors, %d briefs", len(idx.Topics), len(idx.Authors), len(idx.Briefs))
	}
	for _, terms := range [][][2]string{idx.Topics, idx.Authors} {
		for _, term := range terms {
			if term[0] == "" || files[term[1]+"index.html"] == nil {
				t.Errorf("term %v leads to no page", term)
			}
		}
	}
	stop := map[string]bool{}
	for _, w := range idx.Stop {
		stop[w] = true
	}
	for i, row := range idx.Briefs {
		b := s.Briefs[i]
		if len(row) != len(idx.Fields) {
			t.Fatalf("brief %d: %d fields", i, len(row))
		}
		p, title, summary, date, text := row[0].(string), row[1].(string), row[2].(string), row[3].(string), row[6].(string)
		if p != b.Path || title != b.Title || files[p+"index.html"] == nil {
			t.Errorf("brief %d: path %q, title %q", i, p, title)
		}
		if _, err := time.Parse("2006-01-02", date); err != nil || date != b.Date.In(s.Config.Location()).Format("2006-01-02") {
			t.Errorf("brief %d: date %q", i, date)
		}
		if utf8.RuneCountInString(summary) > 141 || !strings.HasPrefix(b.Summary, strings.TrimSuffix(summary, "…")) {
			t.Errorf("brief %d: summary %q of %q", i, summary, b.Summary)
		}
		for _, n := range row[4].([]any) {
			if k := int(n.(float64)); k < 0 || k >= len(idx.Topics) || !strings.Contains(fmt.Sprint(topicNames(b)), idx.Topics[k][0]) {
				t.Errorf("brief %d: topic %v", i, n)
			}
		}
		for _, w := range strings.Fields(text) {
			if stop[w] || strings.Contains(strings.ToLower(title), w) {
				t.Errorf("brief %d: text has %q, a stop word or a word of the title", i, w)
			}
		}
	}
	// The words of the sections, not only of the title and summary.
	if text := idx.Briefs[0][6].(string); !strings.Contains(text, "rarely") || !strings.Contains(text, "recusal") {
		t.Errorf("minister-declines text = %q, want words of its lede and sections", text)
	}
}

func topicNames(b *site.Brief) []string {
	var names []string
	for _, t := range b.Topics {
		names = append(names, t.Name)
	}
	return names
}

// Markup in a brief stays text in the index: escaped, safe to inline.
func TestSearchIndexEscaping(t *testing.T) {
	cfg := testConfig(t)
	files := maps.Clone(briefs)
	files["content/briefs/x.md"] = "+++\ntitle = \"Tags </script><b>bold</b>\"\ndate = 2026-06-01T08:00:00Z\n+++\nBody.\n"
	s := newSite(t, cfg, files, site.Options{})
	data := renderAll(t, newRenderer(t, cfg, nil), s)["search/index.json"]
	if bytes.ContainsAny(data, "<>") {
		t.Errorf("unescaped < or > in the search index")
	}
	if !bytes.Contains(data, []byte(`Tags \u003c/script\u003e\u003cb\u003ebold`)) {
		t.Errorf("the title is not in the index as escaped text")
	}
}

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
func chromium(t *testing.T) string {
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
func newTab(t *testing.T) context.Context {
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

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func get[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
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

// gzipped returns the size of data compressed as a static host would.
func gzipped(t testing.TB, data []byte) int {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	return buf.Len()
}

// generatedIndex builds a generated site of n briefs and returns its
// search index.
func generatedIndex(t testing.TB, n int) []byte {
	t.Helper()
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: n, Seed: 1, Photos: -1}); err != nil {
		t.Fatal(err)
	}
	res, err := build.New(build.Options{FS: os.DirFS(dir)}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return res.Files["search/index.json"]
}

// The index stays under 100 KB compressed per 1,000 briefs.
func TestSearchIndexSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site of 1,000 briefs")
	}
	data := generatedIndex(t, 1000)
	if gz := gzipped(t, data); gz >= 100_000 {
		t.Errorf("the index of 1,000 briefs is %d bytes compressed (%d raw), want under 100,000", gz, len(data))
	}
}

// BenchmarkSearchIndex reports the size of the search index of generated
// sites: go test ./internal/render -run '^$' -bench SearchIndex -benchtime 1x
func BenchmarkSearchIndex(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			data := generatedIndex(b, n)
			var gz int
			for b.Loop() {
				gz = gzipped(b, data)
			}
			b.ReportMetric(float64(len(data)), "raw-bytes")
			b.ReportMetric(float64(gz), "gzip-bytes")
			b.ReportMetric(float64(gz)*1000/float64(n), "gzip-bytes/1000-briefs")
		})
	}
}
