package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinkRot: build, rename a brief's folder, build again. The build
// names the old URL and the brief that probably moved; --strict fails and
// leaves the output as it was; an alias, or briefs retire, silences it.
func TestLinkRot(t *testing.T) {
	bin := briefsBinary(t)
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := os.CopyFS(src, os.DirFS(filepath.Join("testdata", "schedule"))); err != nil {
		t.Fatal(err)
	}
	// Only what this test is about may fail a strict build: not the link
	// to a brief under embargo.
	vote := filepath.Join(src, "content", "briefs", "budget-vote.md")
	replaceIn(t, vote, "[[go_deeper]]\ntitle = \"Quarry tender details\"\nref = \"quarry-tender\"\n", "")
	const at = "2026-11-20T12:00:00Z"
	build := func(args ...string) (string, int) {
		t.Helper()
		_, stderr, code := runBin(t, bin, append([]string{"build", "-s", src, "-d", out, "--at", at}, args...)...)
		return stderr, code
	}
	if stderr, code := build(); code != 0 || strings.Contains(stderr, "link-rot") {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}

	// The folder renamed: the slug and the URL change.
	briefs := filepath.Join(src, "content", "briefs")
	if err := os.Rename(filepath.Join(briefs, "harbour-plan"), filepath.Join(briefs, "harbour-dredging")); err != nil {
		t.Fatal(err)
	}
	replaceIn(t, vote, `ref = "harbour-plan"`, `ref = "harbour-dredging"`)
	const warning = `warning: link-rot: /briefs/harbour-plan/ was published and would be gone: content/briefs/harbour-dredging/index.md (same title) is now at /briefs/harbour-dredging/: add aliases = ["/briefs/harbour-plan/"] to its front matter; if the removal is deliberate, run briefs retire /briefs/harbour-plan/`
	before := readTree(t, out)
	stderr, code := build("--strict")
	if code != 1 || !strings.Contains(stderr, strings.Replace(warning, "warning: ", "", 1)) {
		t.Errorf("--strict: exit %d, stderr:\n%s\nwant exit 1 and\n%s", code, stderr, warning)
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Errorf("--strict changed the output: %d files, then %d", len(before), len(after))
	}
	for p, data := range before {
		if !bytes.Equal(after[p], data) {
			t.Errorf("--strict changed %s", p)
		}
	}
	// Without --strict, a warning, on every build until it is resolved.
	for range 2 {
		if stderr, code := build(); code != 0 || !strings.Contains(stderr, warning) {
			t.Errorf("exit %d, stderr:\n%s\nwant the warning\n%s", code, stderr, warning)
		}
	}

	// briefs check reads the output folder's record too: an error there.
	// (The test builds into a folder of its own: check reads the config's.)
	if _, stderr, code := runBin(t, bin, "build", "-s", src, "--at", at); code != 0 {
		t.Fatalf("build into public: exit %d\n%s", code, stderr)
	}
	replaceIn(t, filepath.Join(briefs, "budget-vote.md"), "date = 2026-11-18T22:00:00-05:00", "date = 2026-11-18T22:00:00-05:00\nslug = \"budget-passes\"")
	stdout, _, code := runBin(t, bin, "check", "-s", src)
	if want := `content/briefs/budget-vote.md:7:1: error link-rot: /briefs/budget-vote/ was published and would be gone: content/briefs/budget-vote.md (same file) is now at /briefs/budget-passes/: add aliases = ["/briefs/budget-vote/"]`; code != 1 || !strings.Contains(stdout, want) {
		t.Errorf("briefs check: exit %d, stdout:\n%s\nwant exit 1 and %q", code, stdout, want)
	}
	replaceIn(t, filepath.Join(briefs, "budget-vote.md"), "\nslug = \"budget-passes\"", "")

	// An alias covers the old URL: silence, even with --strict.
	index := filepath.Join(briefs, "harbour-dredging", "index.md")
	text, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	aliased := bytes.Replace(text, []byte("topics = [\"budget\"]\n"), []byte("topics = [\"budget\"]\naliases = [\"/briefs/harbour-plan/\"]\n"), 1)
	if err := os.WriteFile(index, aliased, 0o644); err != nil {
		t.Fatal(err)
	}
	if stderr, code := build("--strict"); code != 0 || strings.Contains(stderr, "link-rot") {
		t.Errorf("with the alias: exit %d, stderr:\n%s", code, stderr)
	}

	// Deleted, then retired: a decision, not an accident.
	if err := os.Remove(filepath.Join(briefs, "storm-warning.md")); err != nil {
		t.Fatal(err)
	}
	stderr, code = build()
	if want := "warning: link-rot: /briefs/storm-warning/ was published and would be gone: no brief has its file or its title now"; code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("deleted: exit %d, stderr:\n%s\nwant %q", code, stderr, want)
	}
	stdout, stderr, code = runBin(t, bin, "retire", "/briefs/storm-warning/", "-s", src, "--reason", "Legal asked us to.")
	if code != 0 || !strings.Contains(stdout, "Retired /briefs/storm-warning/") {
		t.Fatalf("briefs retire: exit %d\n%s%s", code, stdout, stderr)
	}
	cfg, err := os.ReadFile(filepath.Join(src, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(cfg), "\n[[retired]]\npath = \"/briefs/storm-warning/\"\nreason = \"Legal asked us to.\"\n") {
		t.Errorf("config.toml after briefs retire:\n%s", cfg)
	}
	if stderr, code := build("--strict"); code != 0 || strings.Contains(stderr, "link-rot") {
		t.Errorf("retired: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestRetireUsage: what briefs retire refuses; config.toml stays as it was.
func TestRetireUsage(t *testing.T) {
	bin := briefsBinary(t)
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS(filepath.Join("testdata", "schedule"))); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(src, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"retire", "-s", src}, 2, "give the one path to retire"},
		{[]string{"retire", "-s", src, "/a/", "/b/"}, 2, "give the one path to retire"},
		{[]string{"retire", "-s", filepath.Join(src, "nope"), "/a/"}, 2, "site folder"},
		{[]string{"retire", "-s", src, "https://schedule.example/briefs/x/"}, 1, `retired: path "https://schedule.example/briefs/x/" is a URL`},
		{[]string{"retire", "-s", src, "briefs/x/"}, 1, `retired: path "briefs/x/" is not a path of a brief`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[3:], " "), func(t *testing.T) {
			_, stderr, code := runBin(t, bin, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
	after, err := os.ReadFile(filepath.Join(src, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(after, before) {
		t.Errorf("config.toml changed:\n%s", after)
	}
}

// replaceIn replaces the one occurrence of old in the file name.
func replaceIn(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), old); n != 1 {
		t.Fatalf("%s holds %q %d times, want once", name, old, n)
	}
	if err := os.WriteFile(name, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEmbargoAfterPublication: a brief the output published whose
// publish_at then moves into the future is reported (an embargo cannot be
// set after publication), and the output forgets it meanwhile.
func TestEmbargoAfterPublication(t *testing.T) {
	bin := briefsBinary(t)
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := os.CopyFS(src, os.DirFS(filepath.Join("testdata", "schedule"))); err != nil {
		t.Fatal(err)
	}
	const at = "2026-11-20T13:00:00Z"
	if _, stderr, code := runBin(t, bin, "build", "-s", src, "-d", out, "--at", at); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	replaceIn(t, filepath.Join(src, "content", "briefs", "harbour-plan", "index.md"), "publish_at = 2026-11-20T07:00:00-05:00", "publish_at = 2026-11-21T07:00:00-05:00")
	_, stderr, code := runBin(t, bin, "build", "-s", src, "-d", out, "--at", at)
	const want = "warning: link-rot: /briefs/harbour-plan/ was published, and content/briefs/harbour-plan/index.md now goes live only at 2026-11-21T12:00:00Z: an embargo cannot be set after publication; set publish_at back"
	if code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, want)
	}
	for p, data := range readTree(t, out) {
		if strings.Contains(p, "harbour-plan") || bytes.Contains(data, []byte("harbour-plan")) {
			t.Errorf("%s names the brief before its new time", p)
		}
	}
}
