package render_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// tool returns the file named by the environment variable env (the Nu
// HTML checker's vnu.jar, axe-core's axe.min.js), or skips the test
// without it; in CI, which installs them (.ci/run), a missing one fails.
func tool(t *testing.T, env, install string) string {
	t.Helper()
	p := os.Getenv(env)
	if p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s must name an installed file in CI (%s)", env, install)
	}
	t.Skipf("%s is not set: %s, and set it, to run this test", env, install)
	return ""
}

// TestDemoNuHTML checks every page of the demo site with the Nu HTML
// checker (vnu.jar, from npm's vnu-jar, run by Java): no errors, and no
// warnings but on the newsletter editions, whose HTML is written for
// email clients.
func TestDemoNuHTML(t *testing.T) {
	jar := tool(t, "VNU_JAR", "npm install vnu-jar; apt-get install default-jre-headless")
	java, err := exec.LookPath("java")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("java is required in CI")
		}
		t.Skip("java not installed: apt-get install default-jre-headless to run this test")
	}
	res := buildDemo(t)
	dir := t.TempDir()
	for p, data := range res.Files {
		file := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(java, "-jar", jar, "--skip-non-html", "--format", "json", "--exit-zero-always", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("vnu: %v\n%s", err, out)
	}
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("vnu's report: %v\n%s", err, out)
	}
	checked := 0
	for _, m := range report.Messages {
		page := strings.TrimPrefix(strings.TrimPrefix(m.URL, "file:"), filepath.ToSlash(dir)+"/")
		switch {
		case m.Type == "error", m.Type == "non-document-error":
			t.Errorf("%s:%d: %s", page, m.LastLine, m.Message)
		case m.SubType == "warning" && !strings.HasPrefix(page, "editions/"):
			t.Errorf("%s:%d: warning: %s", page, m.LastLine, m.Message)
		}
		checked++
	}
	t.Logf("%d messages from the Nu checker", checked)
}

// TestDemoAxe runs axe-core (npm's axe-core, injected into the page) in
// headless Chromium on the demo's home page, a brief, a topic, an author
// and the search page: no accessibility violations.
func TestDemoAxe(t *testing.T) {
	axe := tool(t, "AXE_JS", "npm install axe-core")
	script, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	res := buildDemo(t)
	srv := serveRoot(t, res.Files)
	ctx := newTab(t)
	brief, topic, author := "/"+res.Site.Briefs[0].Path, "/"+res.Site.Topics[0].Path, "/"+res.Site.Authors[0].Path
	for _, page := range []string{"/", brief, topic, author, "/search/?q=minister", "/" + res.Site.Pages[0].Path} {
		do(t, ctx, chromedp.Navigate(srv.URL+page), chromedp.WaitReady(chromedp.CSS("footer")),
			chromedp.Evaluate[chromedp.Void](string(script)),
			chromedp.Evaluate[chromedp.Void](`window.__axe = null; axe.run(document).then(r => {
				window.__axe = r.violations.flatMap(v => v.nodes.map(n => ({
					id: v.id, help: v.help, target: n.target.join(" "),
				})));
			})`),
			poll(`window.__axe !== null`))
		type violation struct {
			ID, Help, Target string
		}
		for _, v := range get(t, ctx, chromedp.Evaluate[[]violation](`window.__axe`)) {
			t.Errorf("%s: %s: %s: %s", page, v.ID, v.Help, v.Target)
		}
	}
}
