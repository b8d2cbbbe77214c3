package serve

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// demoSite copies the repository's demo site (its config.toml and
// content/, with the default theme) into a temporary folder.
func demoSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "config.toml", string(data))
	return dir
}

// startDemo serves the demo site at a time after all its briefs.
func startDemo(t *testing.T) *testServer {
	t.Helper()
	return start(t, demoSite(t), func(o *Options) {
		o.Now = func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }
	})
}

// On a phone 390 px wide the header's Search link shows in the first
// screen, nothing scrolls sideways, and the bylines of cards are
// underlined, not told from the text by colour alone.
func TestBrowserPhoneHeader(t *testing.T) {
	s := startDemo(t)
	b := newBrowser(t)
	ctx, cancel := context.WithTimeout(b.ctx, waitBrowser)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	b.open(s.URL)
	const search = `document.querySelector('.site-nav a[href$="/search/"]')`
	b.wait("the search link", search+` !== null`)
	rect := must[map[string]float64](b, `(() => { const r = `+search+`.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; })()`)
	if rect["width"] <= 0 || rect["left"] < 0 || rect["right"] > 390 || rect["top"] < 0 || rect["bottom"] > 844 {
		t.Errorf("the Search link is at %v, outside the first screen of 390×844", rect)
	}
	if w := must[float64](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the page is %v px wide: it scrolls sideways", w)
	}
	nav := must[map[string]float64](b, `(() => { const n = document.querySelector('.nav-list'); return {scroll: n.scrollWidth, client: n.clientWidth}; })()`)
	if nav["scroll"] > nav["client"] {
		t.Errorf("the header's links scroll sideways: %v px in %v", nav["scroll"], nav["client"])
	}
	if d := must[string](b, `getComputedStyle(document.querySelector('.card-byline a')).textDecorationLine`); d != "underline" {
		t.Errorf("a card's byline link has text-decoration-line %q, want underline", d)
	}
}

// The search page's note that it needs JavaScript does not show while the
// script loads the index; it shows when the index cannot be loaded.
func TestBrowserSearchNoteDoesNotFlash(t *testing.T) {
	s := startDemo(t)
	b := newBrowser(t)
	// The index never arrives, or with ?fail, cannot be fetched.
	ctx, cancel := context.WithTimeout(b.ctx, waitBrowser)
	defer cancel()
	const fetchIndex = `(() => {
  const fetchAny = window.fetch;
  window.fetch = (url, ...rest) => {
    if (!String(url).includes("search/index.json")) return fetchAny(url, ...rest);
    return location.search.includes("fail") ? Promise.reject(new Error("offline")) : new Promise(() => {});
  };
})();`
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fetchIndex}); err != nil {
		t.Fatal(err)
	}
	const note = `document.getElementById("search-nojs")`
	const visible = `(() => { const n = ` + note + `; if (!n) return false; const r = n.getBoundingClientRect(), s = getComputedStyle(n); return r.width > 0 && r.height > 0 && s.visibility !== "hidden"; })()`

	b.open(s.URL + "search/")
	b.wait("the search script to run", `document.getElementById("search-status").textContent !== ""`)
	for range 5 {
		if must[bool](b, visible) {
			t.Fatalf("the no-script note shows while the index loads")
		}
		time.Sleep(100 * time.Millisecond)
	}

	// A failed index brings it back (after the 4 s CSS keeps it hidden).
	b.open(s.URL + "search/?fail=1")
	b.wait("the note after the index failed to load", `!`+note+`.hidden && `+visible)
}
