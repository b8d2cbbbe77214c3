package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

// checkSite is a site whose briefs break a few rules. Its file names hold
// characters that workflow commands escape.
var checkSite = map[string]string{
	"config.toml": "title = \"Check\"\nbase_url = \"https://check.example/\"\n",
	"content/briefs/good.md": `+++
title = "Good"
date = 2026-03-01T09:00:00Z
authors = ["Test Desk"]
+++
Lede.

**Why this matters:** Because.
`,
	"content/briefs/a,b:c.md": `+++
title = "Odd name"
date = 2026-03-01T09:00:00Z
authors = ["Test Desk"]
+++
Links to [100%](https://example.org/100%) and [nothing](nothing.md).

**Why this matters:** Because.
`,
	"content/briefs/quotes.md": `+++
title = "Quotes"
date = 2026-03-01T09:00:00Z
authors = ["Test Desk"]
+++
She said "yes.

**Why it maters:** Because.
`,
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runCheckIn runs briefs check in dir and returns its exit code and streams.
func runCheckIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), append([]string{"check"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestCheckText(t *testing.T) {
	code, stdout, stderr := runCheckIn(t, writeSite(t, checkSite))
	if code != ExitFail {
		t.Errorf("briefs check exited %d, want %d", code, ExitFail)
	}
	wantOut := `content/briefs/a,b:c.md:6:11: error link-url: link to "https://example.org/100%" is malformed: invalid URL escape "%"
content/briefs/a,b:c.md:6:48: error internal-link: link to "nothing.md": there is no brief content/briefs/nothing.md

content/briefs/quotes.md:6:1: error required-section: the required section "Why this matters" is missing
content/briefs/quotes.md:6:10: warning unbalanced-quotes: this quotation mark opens a quote that the paragraph never closes
content/briefs/quotes.md:8:3: warning section-label: the bold lead-in "Why it maters" is no section: did you mean "Why it matters"?
`
	if stdout != wantOut {
		t.Errorf("stdout =\n%s\nwant\n%s", stdout, wantOut)
	}
	if want := "checked 3 briefs: 3 errors, 2 warnings\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
}

func TestCheckJSON(t *testing.T) {
	code, stdout, _ := runCheckIn(t, writeSite(t, checkSite), "--format", "json")
	if code != ExitFail {
		t.Errorf("briefs check exited %d, want %d", code, ExitFail)
	}
	var got []jsonFinding
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not a JSON array of findings: %v\n%s", err, stdout)
	}
	want := []jsonFinding{
		{"content/briefs/a,b:c.md", 6, 11, "error", "link-url", `link to "https://example.org/100%" is malformed: invalid URL escape "%"`},
		{"content/briefs/a,b:c.md", 6, 48, "error", "internal-link", `link to "nothing.md": there is no brief content/briefs/nothing.md`},
		{"content/briefs/quotes.md", 6, 1, "error", "required-section", `the required section "Why this matters" is missing`},
		{"content/briefs/quotes.md", 6, 10, "warning", "unbalanced-quotes", "this quotation mark opens a quote that the paragraph never closes"},
		{"content/briefs/quotes.md", 8, 3, "warning", "section-label", `the bold lead-in "Why it maters" is no section: did you mean "Why it matters"?`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings =\n%+v\nwant\n%+v", got, want)
	}
	// One finding a line, for grep and for tools that read lines.
	if lines := strings.Count(stdout, "\n"); lines != len(want)+2 {
		t.Errorf("stdout has %d lines, want %d:\n%s", lines, len(want)+2, stdout)
	}

	// A clean run is an empty array.
	code, stdout, _ = runCheckIn(t, writeSite(t, map[string]string{"content/briefs/good.md": checkSite["content/briefs/good.md"]}), "--format", "json")
	if code != ExitOK || stdout != "[]\n" {
		t.Errorf("clean check: exit %d, stdout %q; want 0 and []", code, stdout)
	}
}

// workflowCommand is the syntax of a GitHub Actions annotation:
// ::severity file=F,line=L,col=C,title=T::message, with %, CR and LF
// escaped everywhere and ':' and ',' in property values too.
var workflowCommand = regexp.MustCompile(`^::(error|warning) file=(?:[^%,:\r\n]|%25|%2C|%3A|%0D|%0A)+,line=[1-9][0-9]*,col=[1-9][0-9]*,title=[a-z-]+::(?:[^%\r\n]|%25|%0D|%0A)*$`)

func TestCheckGitHub(t *testing.T) {
	code, stdout, _ := runCheckIn(t, writeSite(t, checkSite), "--format", "github", "--strict")
	if code != ExitFail {
		t.Errorf("briefs check exited %d, want %d", code, ExitFail)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("stdout has %d lines, want 5:\n%s", len(lines), stdout)
	}
	for _, l := range lines {
		if !workflowCommand.MatchString(l) {
			t.Errorf("not a workflow command: %q", l)
		}
		if strings.HasPrefix(l, "::warning") {
			t.Errorf("--strict printed a warning: %q", l)
		}
	}
	want := `::error file=content/briefs/a%2Cb%3Ac.md,line=6,col=11,title=link-url::link to "https://example.org/100%25" is malformed: invalid URL escape "%25"`
	if lines[0] != want {
		t.Errorf("first annotation =\n%s\nwant\n%s", lines[0], want)
	}
}

func TestEscapeWorkflowCommand(t *testing.T) {
	tests := []struct{ in, data, property string }{
		{"plain text", "plain text", "plain text"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"%0A", "%250A", "%250A"}, // escaped once, not taken for an escape
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.property {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.property)
		}
	}
}

// TestCheckExternal fetches external links only with --external, and only
// from a test server on the loopback interface.
func TestCheckExternal(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Path != "/ok" {
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()
	dir := writeSite(t, map[string]string{
		"content/briefs/links.md": "+++\ntitle = \"Links\"\ndate = 2026-03-01T09:00:00Z\nauthors = [\"Test Desk\"]\n\n[[go_deeper]]\ntitle = \"Gone\"\nurl = \"" + srv.URL + "/gone\"\n+++\n" +
			"Lede with [a live link](" + srv.URL + "/ok).\n\n**Why this matters:** Because.\n",
	})

	code, stdout, _ := runCheckIn(t, dir)
	if code != ExitOK || stdout != "" || requests.Load() != 0 {
		t.Errorf("without --external: exit %d, stdout %q, %d requests; want 0, nothing, none", code, stdout, requests.Load())
	}

	code, stdout, _ = runCheckIn(t, dir, "--external", "--timeout", "5s")
	want := "content/briefs/links.md:8:1: warning external-link: " + srv.URL + "/gone answers 404 Not Found\n"
	if code != ExitOK || stdout != want {
		t.Errorf("--external: exit %d, stdout\n%s\nwant exit 0 and\n%s", code, stdout, want)
	}
	if n := requests.Load(); n != 3 { // HEAD /ok; HEAD and GET /gone
		t.Errorf("--external made %d requests, want 3", n)
	}

	if code, _, _ := runCheckIn(t, dir, "--external", "--strict"); code != ExitFail {
		t.Errorf("--external --strict exited %d, want %d", code, ExitFail)
	}
}
