package cli_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/fingerprint"
	"github.com/briefs-dev/briefs/internal/output"
)

// scheduleBrief is a brief of testdata/schedule and the words that only it
// puts in the output: none may appear while it is not live.
type scheduleBrief struct {
	slug  string
	title string
	words []string // its own topics, authors, photo and the links to it
}

var scheduleBriefs = []scheduleBrief{
	{"budget-vote", "Council passes the budget after a long night", []string{"Ada Lovelace", "budget-night"}},
	{"quarry-tender", "Marmalade quarry tender goes to a newcomer", []string{"Zebulon", "quarries", "Quarry tender details", "gravel-deal"}},
	{"harbour-plan", "Pelican harbour plan will dredge the bay", []string{"bay.svg", "Pelican", "Harbour dredging figures"}},
	{"road-closure", "Turnip street closes for the parade weekend", []string{"traffic", "Turnip"}},
	{"storm-warning", "Walrus storm warning for the coast tonight", []string{"weather", "Walrus"}},
	{"new-year", "Gazebo lights switch on for the new year", []string{"city-life", "Gazebo"}},
}

// scheduleTimes are the moments the schedule tests look at the site, in
// an order that also goes back in time, with what is live and what has
// expired then, and what briefs next says.
var scheduleTimes = []struct {
	at      string
	live    []string
	expired []string
	next    string // "" for none (exit 3)
	what    string // the first line of what changes then
}{
	{"2026-11-20T12:00:00Z", []string{"budget-vote", "storm-warning", "harbour-plan"}, []string{"road-closure"},
		"2026-11-20T15:00:00Z", "publish briefs/quarry-tender/ (content/briefs/quarry-tender.md)"},
	{"2026-11-20T11:59:59Z", []string{"budget-vote", "storm-warning"}, []string{"road-closure"},
		"2026-11-20T12:00:00Z", "publish briefs/harbour-plan/ (content/briefs/harbour-plan/index.md)"},
	{"2026-11-20T15:00:00Z", []string{"budget-vote", "storm-warning", "harbour-plan", "quarry-tender"}, []string{"road-closure"},
		"2026-11-21T01:00:00Z", "expire briefs/storm-warning/ (content/briefs/storm-warning.md)"},
	{"2026-11-21T01:00:00Z", []string{"budget-vote", "harbour-plan", "quarry-tender"}, []string{"road-closure", "storm-warning"},
		"2026-11-21T03:00:00Z", "a brief leaves the news sitemap"},
	{"2026-11-16T00:00:00Z", nil, nil,
		"2026-11-17T13:00:00Z", ""}, // road-closure's date: nothing to publish before
	{"2027-01-10T00:00:00Z", []string{"budget-vote", "harbour-plan", "quarry-tender", "new-year"}, []string{"road-closure", "storm-warning"},
		"", ""},
}

// TestScheduleBuild builds testdata/schedule at several moments into one
// output folder and reads every file it wrote, the manifest included: a
// brief that is not live leaves no trace, not its title, slug, topic,
// author, photo nor a link to it; an expired brief's URL says it is no
// longer available without its headline.
func TestScheduleBuild(t *testing.T) {
	bin := briefsBinary(t)
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := os.CopyFS(src, os.DirFS(filepath.Join("testdata", "schedule"))); err != nil {
		t.Fatal(err)
	}
	for _, tt := range scheduleTimes {
		t.Run(tt.at, func(t *testing.T) {
			cmd := exec.Command(bin, "build", "-s", src, "-d", out, "--at", tt.at)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("briefs build --at %s: %v\n%s", tt.at, err, msg)
			}
			files := readTree(t, out)
			// A live brief's alias leads to it, as a page and in _redirects.
			if slices.Contains(tt.live, "budget-vote") && (!bytes.Contains(files["briefs/budget-night/index.html"], []byte(`<link rel="canonical" href="https://schedule.example/briefs/budget-vote/">`)) ||
				!bytes.Contains(files["_redirects"], []byte("/briefs/budget-night/ /briefs/budget-vote/ 301\n"))) {
				t.Errorf("budget-vote's alias: page\n%s\n_redirects\n%s", files["briefs/budget-night/index.html"], files["_redirects"])
			}
			// The manifest records the next change, as briefs next gives it.
			memo, err := output.ReadMemo(out)
			if err != nil {
				t.Fatal(err)
			}
			m, ok := fingerprint.ParseMemo(memo)
			if want := tt.next; !ok || (want == "" && !m.Next.IsZero()) || (want != "" && m.Next.UTC().Format(time.RFC3339) != want) {
				t.Errorf("the manifest's memo %q records next %v, want %q", memo, m.Next, want)
			}
			for _, b := range scheduleBriefs {
				page := "briefs/" + b.slug + "/index.html"
				switch {
				case slices.Contains(tt.live, b.slug):
					if !bytes.Contains(files[page], []byte(b.title)) {
						t.Errorf("%s: live, but %s does not show its title", b.slug, page)
					}
				case slices.Contains(tt.expired, b.slug):
					if !bytes.Contains(files[page], []byte("no longer available")) {
						t.Errorf("%s: expired, but %s does not say it is no longer available:\n%s", b.slug, page, files[page])
					}
					// Its URL stays, as its page and in the manifest's list
					// of files; nothing else names it.
					assertAbsent(t, files, b.title, b.words, b.slug, func(p string) bool { return p == ".briefs-manifest" })
				default:
					assertAbsent(t, files, b.title, b.words, b.slug, nil)
				}
			}
		})
	}
}

// TestRetraction: a retracted brief's URL is a notice with its headline,
// the date and the reason, and nothing else of it; no other file names it.
func TestRetraction(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, stderr, code := runBin(t, briefsBinary(t), "build", "-s", filepath.Join("testdata", "schedule"), "-d", out, "--at", "2026-11-20T12:00:00Z"); code != 0 {
		t.Fatalf("briefs build: exit %d\n%s", code, stderr)
	}
	files := readTree(t, out)
	const page = "briefs/mayor-claim/index.html"
	notice := string(files[page])
	for _, want := range []string{
		"Mayor denies the ferry contract was rigged",
		"The document this brief relied on was a forgery.",
		`<time datetime="2026-11-19T17:30:00-05:00">`,
		`"creativeWorkStatus":"Retracted"`,
	} {
		if !strings.Contains(notice, want) {
			t.Errorf("%s lacks %q:\n%s", page, want, notice)
		}
	}
	for p, data := range files {
		if bytes.Contains(data, []byte("octopus")) || bytes.Contains(data, []byte("ferries")) {
			t.Errorf("%s holds the retracted brief's body or topic", p)
		}
		if p != page && p != ".briefs-manifest" && (bytes.Contains(data, []byte("mayor-claim")) || bytes.Contains(data, []byte("Mayor denies"))) {
			t.Errorf("%s names the retracted brief", p)
		}
	}
}

// assertAbsent fails when any file but those allowed holds one of words or
// slug, or any file holds title.
func assertAbsent(t *testing.T, files map[string][]byte, title string, words []string, slug string, allowSlug func(string) bool) {
	t.Helper()
	for p, data := range files {
		if strings.Contains(p, slug) && (allowSlug == nil || !strings.HasPrefix(p, "briefs/"+slug+"/")) {
			t.Errorf("the output has a file %s", p)
		}
		if bytes.Contains(data, []byte(title)) {
			t.Errorf("%s holds the title %q", p, title)
		}
		for _, w := range words {
			if bytes.Contains(data, []byte(w)) {
				t.Errorf("%s holds %q", p, w)
			}
		}
		if bytes.Contains(data, []byte(slug)) && (allowSlug == nil || !allowSlug(p)) {
			t.Errorf("%s holds the slug %q", p, slug)
		}
	}
}

// readTree returns every file below dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestNext runs briefs next on testdata/schedule at each moment, as text
// and as JSON.
func TestNext(t *testing.T) {
	bin := briefsBinary(t)
	src := filepath.Join("testdata", "schedule")
	for _, tt := range scheduleTimes {
		t.Run(tt.at, func(t *testing.T) {
			wantCode := 0
			if tt.next == "" {
				wantCode = 3
			}
			stdout, stderr, code := runBin(t, bin, "next", "-s", src, "--at", tt.at)
			if code != wantCode {
				t.Fatalf("briefs next --at %s: exit %d, want %d; stderr:\n%s", tt.at, code, wantCode, stderr)
			}
			if tt.next == "" {
				if stdout != "" || !strings.Contains(stderr, "nothing is scheduled") {
					t.Errorf("with nothing scheduled: stdout %q, stderr %q", stdout, stderr)
				}
			} else {
				lines := strings.Split(strings.TrimSpace(stdout), "\n")
				if lines[0] != tt.next || (tt.what != "" && (len(lines) < 2 || strings.TrimSpace(lines[1]) != tt.what)) {
					t.Errorf("stdout:\n%s\nwant %s, then %q", stdout, tt.next, tt.what)
				}
			}

			stdout, stderr, code = runBin(t, bin, "next", "-s", src, "--at", tt.at, "--format", "json")
			if code != wantCode {
				t.Fatalf("--format json: exit %d, want %d; stderr:\n%s", code, wantCode, stderr)
			}
			var got struct {
				Next    *time.Time `json:"next"`
				Changes []string   `json:"changes"`
			}
			dec := json.NewDecoder(strings.NewReader(stdout))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("decoding %q: %v", stdout, err)
			}
			switch {
			case tt.next == "" && (got.Next != nil || got.Changes == nil || len(got.Changes) != 0):
				t.Errorf("JSON %s, want a null next and no changes", stdout)
			case tt.next != "" && (got.Next == nil || got.Next.Format(time.RFC3339) != tt.next):
				t.Errorf("JSON next = %v, want %s", got.Next, tt.next)
			case tt.what != "" && (len(got.Changes) == 0 || got.Changes[0] != tt.what):
				t.Errorf("JSON changes = %q, want first %q", got.Changes, tt.what)
			}
		})
	}
}

// TestNextUsage: what briefs next refuses, and its errors.
func TestNextUsage(t *testing.T) {
	bin := briefsBinary(t)
	broken := t.TempDir()
	if err := os.CopyFS(broken, os.DirFS(filepath.Join("testdata", "schedule"))); err != nil {
		t.Fatal(err)
	}
	bad := "+++\ntitle = \"Late\"\ndate = 2026-11-19T09:00:00-05:00\npublish_at = 2026-11-20T10:00:00\n+++\nText.\n"
	if err := os.WriteFile(filepath.Join(broken, "content", "briefs", "late.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join("testdata", "schedule")
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"next", "-s", src, "--at", "2026-11-20T12:00:00"}, 2, `invalid value "2026-11-20T12:00:00" for flag -at: "2026-11-20T12:00:00" is not a time with its offset`},
		{[]string{"next", "-s", src, "--format", "xml"}, 2, `--format "xml": use text or json`},
		{[]string{"next", "-s", src, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"next", "-s", filepath.Join(src, "nope")}, 2, "site folder"},
		{[]string{"next", "-s", broken}, 1, "content/briefs/late.md:4:1: publish_at needs an offset"},
		{[]string{"build", "-s", src, "--at", "tomorrow"}, 2, `is not a time with its offset`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, stderr, code := runBin(t, bin, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
}

// runBin runs the briefs binary and returns its output and exit code.
func runBin(t *testing.T, bin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// TestScheduleServe: the preview at a fixed moment serves what a build
// then writes, and nothing of a brief before its time; with --future it
// shows scheduled briefs, marked as such.
func TestScheduleServe(t *testing.T) {
	const at = "2026-11-20T12:00:00Z" // quarry-tender and new-year are not live
	built := filepath.Join(t.TempDir(), "public")
	if _, stderr, code := runBin(t, briefsBinary(t), "build", "-s", filepath.Join("testdata", "schedule"), "-d", built, "--at", at); code != 0 {
		t.Fatalf("briefs build: exit %d\n%s", code, stderr)
	}
	var paths []string
	for p := range readTree(t, built) {
		if !strings.HasPrefix(p, ".") {
			paths = append(paths, strings.TrimSuffix(p, "index.html"))
		}
	}
	hidden := []scheduleBrief{scheduleBriefs[1], scheduleBriefs[5]}
	for _, future := range []bool{false, true} {
		t.Run(fmt.Sprintf("future=%v", future), func(t *testing.T) {
			args := []string{"--port", "0", "--at", at}
			if future {
				args = append(args, "--future")
			}
			_, url, stderr := startServeOf(t, "schedule", args...)
			url = strings.TrimSuffix(url, "/")
			served := map[string][]byte{}
			for _, p := range paths {
				code, body := get(t, url+"/"+p)
				if code != http.StatusOK {
					t.Errorf("GET /%s = %d; stderr:\n%s", p, code, stderr)
				}
				served[p] = body
			}
			for _, b := range hidden {
				code, body := get(t, url+"/briefs/"+b.slug+"/")
				switch {
				case !future && code != http.StatusNotFound:
					t.Errorf("GET /briefs/%s/ before its time = %d, want 404", b.slug, code)
				case future && (code != http.StatusOK || !bytes.Contains(body, []byte("badge-future"))):
					t.Errorf("GET /briefs/%s/ with --future = %d, want 200 marked Scheduled:\n%s", b.slug, code, body)
				}
				if !future {
					assertAbsent(t, served, b.title, b.words, b.slug, nil)
				}
			}
		})
	}
}

// get fetches url and returns its status and body.
func get(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// TestAliasConflictBuild: an alias that takes another brief's URL fails
// the build with its position, and the last good output stays.
func TestAliasConflictBuild(t *testing.T) {
	bin := briefsBinary(t)
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := os.CopyFS(src, os.DirFS(filepath.Join("testdata", "schedule"))); err != nil {
		t.Fatal(err)
	}
	const at = "2026-11-20T12:00:00Z"
	if _, stderr, code := runBin(t, bin, "build", "-s", src, "-d", out, "--at", at); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	before := readTree(t, out)
	p := filepath.Join(src, "content", "briefs", "storm-warning.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("topics = [\"weather\"]\n"), []byte("topics = [\"weather\"]\naliases = [\"/briefs/budget-night/\", \"/briefs/harbour-plan\"]\n"), 1)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runBin(t, bin, "build", "-s", src, "-d", out, "--at", at)
	for _, want := range []string{
		`content/briefs/storm-warning.md:7:1: alias "/briefs/budget-night/" is already claimed by content/briefs/budget-vote.md:6:1`,
		`content/briefs/storm-warning.md:7:1: alias "/briefs/harbour-plan/" is the URL of content/briefs/harbour-plan/index.md: a brief cannot take another's URL`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("the output changed: %d files, then %d", len(before), len(after))
	}
	for p, data := range before {
		if !bytes.Equal(after[p], data) {
			t.Errorf("%s changed", p)
		}
	}
}
