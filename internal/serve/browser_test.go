package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The browser tests drive a headless Chromium against a real server. On
// Debian: apt-get install chromium.

const (
	waitBrowser = 15 * time.Second // a change shows in the browser
	waitAction  = 10 * time.Second // one DevTools command
)

// chromium returns the path of the Chromium binary, or skips the test
// without one; in CI, where it is installed, a missing browser fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is required in CI")
	}
	t.Skip("chromium not installed: apt-get install chromium to run browser tests")
	return ""
}

// watchEvents is run in every page before its own scripts: it counts the
// live-reload messages the page receives, so a test can wait until the page
// listens before it changes a file.
const watchEvents = `(() => {
  const Native = window.EventSource;
  window.__briefs = { messages: 0, kinds: [] };
  window.EventSource = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        window.__briefs.messages++;
        try { window.__briefs.kinds.push(JSON.parse(e.data).kind); } catch {}
      });
    }
  };
})();`

// browser is a headless Chromium tab.
type browser struct {
	t      *testing.T
	ctx    context.Context
	output *logBuffer // the browser's stdout and stderr
}

// newBrowser starts Chromium with a fresh profile and opens a tab; both
// end with the test.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := chromium(t)
	profile, err := os.MkdirTemp("", "briefs-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Chromium's helpers may still write for a moment after it exits.
		for range 50 {
			if err := os.RemoveAll(profile); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("could not remove the browser profile %s", profile)
	})
	output := &logBuffer{}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1000, 800),
		chromedp.CombinedOutput(output),
	)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
		if t.Failed() {
			t.Logf("browser output:\n%s", output.relevant())
		}
	})
	// The first command starts the browser; it must not have a timeout,
	// which would stop the browser with it.
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchEvents}); err != nil {
		t.Fatalf("starting %s: %v\n%s", exe, err, output.relevant())
	}
	return &browser{t: t, ctx: ctx, output: output}
}

// with returns b reporting to t, for use in t's subtest.
func (b *browser) with(t *testing.T) *browser {
	c := *b
	c.t = t
	return &c
}

// open loads url and waits until the page listens for live-reload events.
func (b *browser) open(url string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitBrowser)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		b.t.Fatalf("opening %s: %v", url, err)
	}
	b.waitListening()
}

// waitListening waits until the page has received its first live-reload
// message (the hello), after which it hears of every change.
func (b *browser) waitListening() {
	b.t.Helper()
	b.wait("the page to connect to the live-reload events", `window.__briefs !== undefined && window.__briefs.messages > 0`)
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](b *browser, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, waitAction)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr))
}

// must is eval that fails the test on error.
func must[T any](b *browser, expr string) T {
	b.t.Helper()
	v, err := eval[T](b, expr)
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// wait evaluates expr until it is true. The page may reload meanwhile:
// errors from evaluating in a page that is going away are retried.
func (b *browser) wait(what, expr string) {
	b.t.Helper()
	deadline := time.Now().Add(waitBrowser)
	for {
		ok, err := eval[bool](b, "!!("+expr+")")
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			text, _ := eval[string](b, `document.documentElement ? document.documentElement.innerText : ""`)
			b.t.Fatalf("gave up waiting %v for %s (last error: %v); the page shows:\n%s", waitBrowser, what, err, text)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// relevant returns the browser's output without the complaints of a
// machine without D-Bus, which every container has.
func (l *logBuffer) relevant() string {
	var out []string
	for _, line := range strings.Split(l.String(), "\n") {
		if !strings.Contains(line, "dbus") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// js quotes s as a JavaScript string literal.
func js(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
}

func bodyHas(text string) string {
	return `document.body !== null && document.body.innerText.includes(` + js(text) + `)`
}

const overlayVisible = `(() => {
  const o = document.getElementById("briefs-error-overlay");
  if (!o) return false;
  const r = o.getBoundingClientRect(), s = getComputedStyle(o);
  return r.width > 0 && r.height > 0 && s.display !== "none" && s.visibility !== "hidden";
})()`

// TestBrowserLiveReload edits, breaks and fixes a brief while its page is
// open: the page follows, shows the error over the last good page, and
// drops it once the brief is fixed.
func TestBrowserLiveReload(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, nil)
	b := newBrowser(t)
	b.open(s.URL + "briefs/alpha/")
	if !must[bool](b, bodyHas("Alpha sentence one.")) {
		t.Fatalf("the page does not show the brief")
	}

	// An edit: the page reloads with the new text.
	alpha := replace(t, readFile(t, dir, "content/briefs/alpha.md"), "Alpha sentence one.", "Alpha sentence two.")
	saveFile(t, dir, "content/briefs/alpha.md", alpha)
	b.wait("the edited text", bodyHas("Alpha sentence two."))
	b.waitListening()

	// A typo in the front matter: the overlay names the file, line and
	// column and shows the line, over the last good page.
	must[int](b, `window.__marker = 1`)
	saveFile(t, dir, "content/briefs/alpha.md", breakAlpha(t, alpha, "Broken sentence."))
	b.wait("the error overlay", overlayVisible)
	overlay := must[string](b, `document.getElementById("briefs-error-overlay").innerText`)
	for _, want := range []string{brokenPos, `unknown front matter key "titel"`, brokenLine, "Build failed: 1 error"} {
		if !strings.Contains(overlay, want) {
			t.Errorf("the overlay does not show %q:\n%s", want, overlay)
		}
	}
	if !must[bool](b, `document.querySelector(".brief-body").textContent.includes("Alpha sentence two.")`) {
		t.Errorf("the last good text is gone from under the overlay")
	}
	if must[bool](b, bodyHas("Broken sentence.")) {
		t.Errorf("the page shows text from the broken brief")
	}
	if must[int](b, `window.__marker`) != 1 {
		t.Errorf("the page reloaded on a build error")
	}
	if role := must[string](b, `document.getElementById("briefs-error-overlay").getAttribute("role")`); role != "alertdialog" {
		t.Errorf("the overlay's role is %q, want alertdialog", role)
	}
	shot, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot: %v", err)
	} else {
		name := filepath.Join(t.ArtifactDir(), "error-overlay.png")
		if err := os.WriteFile(name, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot of the error overlay: %s (kept with go test -artifacts)", name)
	}

	// Fixed as it was: nothing to reload, the overlay just goes.
	saveFile(t, dir, "content/briefs/alpha.md", alpha)
	b.wait("the overlay to go", `document.getElementById("briefs-error-overlay") === null`)
	if must[int](b, `window.__marker`) != 1 {
		t.Errorf("the page reloaded although the fixed brief is the same as the last good one")
	}

	// Broken and fixed with new text: the overlay goes and the page shows
	// the new text.
	saveFile(t, dir, "content/briefs/alpha.md", breakAlpha(t, alpha, "Broken again."))
	b.wait("the error overlay", overlayVisible)
	saveFile(t, dir, "content/briefs/alpha.md", replace(t, alpha, "Alpha sentence two.", "Alpha sentence three."))
	b.wait("the fixed text without the overlay", `document.getElementById("briefs-error-overlay") === null && `+bodyHas("Alpha sentence three."))

	// Escape dismisses the overlay.
	b.waitListening()
	saveFile(t, dir, "content/briefs/alpha.md", breakAlpha(t, alpha, "Broken once more."))
	b.wait("the error overlay", overlayVisible)
	ctx, cancel := context.WithTimeout(b.ctx, waitAction)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\x1b")); err != nil {
		t.Fatalf("pressing Escape: %v", err)
	}
	b.wait("Escape to dismiss the overlay", `document.getElementById("briefs-error-overlay") === null`)
}

// TestBrowserFirstBuildFails opens the preview of a site that has never
// built: the error page shows the overlay and becomes the site once fixed.
func TestBrowserFirstBuildFails(t *testing.T) {
	dir := newSite(t)
	alpha := readFile(t, dir, "content/briefs/alpha.md")
	writeFile(t, dir, "content/briefs/alpha.md", breakAlpha(t, alpha, "Broken."))
	s := start(t, dir, nil)
	b := newBrowser(t)
	b.open(s.URL + "briefs/alpha/")
	b.wait("the error overlay", overlayVisible)
	if overlay := must[string](b, `document.getElementById("briefs-error-overlay").innerText`); !strings.Contains(overlay, brokenPos) {
		t.Errorf("the overlay does not name %s:\n%s", brokenPos, overlay)
	}
	saveFile(t, dir, "content/briefs/alpha.md", alpha)
	b.wait("the brief's page", `document.getElementById("briefs-error-overlay") === null && `+bodyHas("Alpha sentence one."))
}

// TestBrowserStylesheets changes stylesheets while a page is open: the page
// restyles without reloading.
func TestBrowserStylesheets(t *testing.T) {
	dir := newSite(t)
	themeCSS := themeFile(t, "assets/style.css")
	writeFile(t, dir, "themes/default/assets/style.css", themeCSS+"\n.brief-title { color: rgb(10, 20, 30) !important; }\n")
	// A site stylesheet from static/, linked by an override of the theme's
	// head partial.
	writeFile(t, dir, "layouts/partials/head.html", themeFile(t, "layouts/partials/head.html")+"\n"+`<link rel="stylesheet" href="{{url "css/extra.css"}}">`+"\n")
	writeFile(t, dir, "static/css/extra.css", ".brief-title { background-color: rgb(1, 2, 3) !important; }\n")
	s := start(t, dir, nil)
	b := newBrowser(t)
	b.open(s.URL + "briefs/alpha/")

	const title = `getComputedStyle(document.querySelector(".brief-title"))`
	b.wait("the first styles", title+`.color === "rgb(10, 20, 30)" && `+title+`.backgroundColor === "rgb(1, 2, 3)"`)
	must[int](b, `window.__marker = 1`)

	t.Run("theme stylesheet", func(t *testing.T) {
		b := b.with(t)
		writeFile(t, dir, "themes/default/assets/style.css", themeCSS+"\n.brief-title { color: rgb(200, 0, 0) !important; }\n")
		b.wait("the new text color", title+`.color === "rgb(200, 0, 0)"`)
		if must[int](b, `window.__marker`) != 1 {
			t.Errorf("the page reloaded for a stylesheet change")
		}
		if href := must[string](b, `document.querySelector('link[href*="assets/style.css"]').href`); !strings.Contains(href, "?v=") {
			t.Errorf("the theme stylesheet's link is %q, want a fresh ?v= URL", href)
		}
	})
	t.Run("static stylesheet", func(t *testing.T) {
		b := b.with(t)
		saveFile(t, dir, "static/css/extra.css", ".brief-title { background-color: rgb(4, 5, 6) !important; }\n")
		b.wait("the new background color", title+`.backgroundColor === "rgb(4, 5, 6)"`)
		if must[int](b, `window.__marker`) != 1 {
			t.Errorf("the page reloaded for a stylesheet change")
		}
		if got := must[string](b, title+`.color`); got != "rgb(200, 0, 0)" {
			t.Errorf("the theme's color is %q after the static stylesheet changed, want rgb(200, 0, 0)", got)
		}
	})
}

// TestBrowserChangeBeforeEventStream changes a brief after a page was
// served but before the page's event stream connected (a slow connection,
// a busy browser): the page must end up showing the change when it is its
// own, and stay as it is when another page changed.
func TestBrowserChangeBeforeEventStream(t *testing.T) {
	tests := []struct {
		name       string
		file       string
		old, new   string
		wantReload bool
	}{
		{name: "this page", file: "content/briefs/alpha.md", old: "Alpha sentence one.", new: "Alpha sentence two.", wantReload: true},
		{name: "another page", file: "content/briefs/beta.md", old: "Tuesday", new: "Thursday"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newSite(t)
			s := start(t, dir, nil)
			b := newBrowser(t)

			// Hold the page's event stream request until the change is served.
			ctx, cancel := context.WithTimeout(b.ctx, 2*waitBrowser)
			defer cancel()
			paused := chromedp.Events(ctx, fetch.RequestPaused)
			if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/__briefs/events*"}}}); err != nil {
				t.Fatalf("Fetch.enable: %v", err)
			}
			var navErr error
			var wg sync.WaitGroup
			wg.Go(func() { navErr = chromedp.Do(ctx, chromedp.Navigate(s.URL+"briefs/alpha/")) })
			var held fetch.RequestID
			for ev, err := range paused {
				if err != nil {
					t.Fatalf("waiting for the event stream request: %v", err)
				}
				held = ev.RequestID
				break
			}
			wg.Wait()
			if navErr != nil {
				t.Fatalf("opening the page: %v", navErr)
			}
			if !must[bool](b, bodyHas("Alpha sentence one.")) {
				t.Fatalf("the page does not show the brief")
			}
			must[int](b, `window.__marker = 1`)

			saveFile(t, dir, tt.file, replace(t, readFile(t, dir, tt.file), tt.old, tt.new))
			s.waitForPage(strings.TrimSuffix(strings.TrimPrefix(tt.file, "content/"), ".md")+"/", tt.new)
			if _, err := chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: held}); err != nil {
				t.Fatalf("Fetch.continueRequest: %v", err)
			}
			if _, err := chromedp.Call(ctx, fetch.Disable, cdp.Empty{}); err != nil {
				t.Fatalf("Fetch.disable: %v", err)
			}
			if tt.wantReload {
				b.wait("the change made before the page listened", bodyHas(tt.new))
				return
			}
			b.waitListening()
			time.Sleep(waitQuiet)
			if marker, err := eval[int](b, `window.__marker`); err != nil || marker != 1 {
				t.Errorf("the page reloaded (marker %d, %v) although only another page changed", marker, err)
			}
		})
	}
}

// TestBrowserNoLiveReload opens a page of the preview with live reload off:
// nothing of live reload reaches the page.
func TestBrowserNoLiveReload(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, func(o *Options) { o.LiveReload = false })
	b := newBrowser(t)
	ctx, cancel := context.WithTimeout(b.ctx, waitBrowser)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"briefs/alpha/")); err != nil {
		t.Fatal(err)
	}
	if n := must[int](b, `document.querySelectorAll('script[src*="__briefs"]').length`); n != 0 {
		t.Errorf("%d live-reload scripts in the page with live reload off", n)
	}
	if r := s.get("briefs/alpha/"); r.status != http.StatusOK || bytes.Contains(r.body, scriptTag) {
		t.Errorf("GET briefs/alpha/: %d, script: %v", r.status, bytes.Contains(r.body, scriptTag))
	}
}

// TestBrowserRetriesWhenStreamsAreFull opens a page while the server has as
// many event streams open as it allows: the browser's EventSource gives up
// on the 503, and the script connects again once a slot is free.
func TestBrowserRetriesWhenStreamsAreFull(t *testing.T) {
	dir := newSite(t)
	s := start(t, dir, func(o *Options) { o.Limits.EventStreams = 1 })
	resp, release := s.openEvents(nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the first stream: %s", resp.Status)
	}
	waitFor(t, waitEvent, "the only slot to be taken", func() (bool, string) {
		return s.broker.Clients() == 1, fmt.Sprintf("%d clients", s.broker.Clients())
	})

	b := newBrowser(t)
	ctx, cancel := context.WithTimeout(b.ctx, waitBrowser)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"briefs/alpha/")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // the page's first attempt is refused
	if n := must[int](b, `window.__briefs.messages`); n != 0 {
		t.Fatalf("the page got %d live-reload messages with every stream slot taken", n)
	}
	release()
	b.waitListening()
	saveFile(t, dir, "content/briefs/alpha.md", replace(t, readFile(t, dir, "content/briefs/alpha.md"), "Alpha sentence one.", "Heard after a retry."))
	b.wait("the edited text", bodyHas("Heard after a retry."))
}
