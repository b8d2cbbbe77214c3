package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// buildTools builds briefs-bench and briefs into a temporary folder.
func buildTools(t *testing.T) (bench, briefs string) {
	t.Helper()
	dir := t.TempDir()
	bench, briefs = filepath.Join(dir, "briefs-bench"), filepath.Join(dir, "briefs")
	for _, b := range [][]string{{bench, "."}, {briefs, "github.com/briefs-dev/briefs/cmd/briefs"}} {
		if out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", b[1], err, out)
		}
	}
	return bench, briefs
}

// compare runs briefs-bench compare on a tiny site, with env added to the
// environment, and returns its report, its log and its work folder. It
// checks that the outputs of the builds are deleted at the end and the
// generated sites kept.
func compare(t *testing.T, env []string, bench string, flags ...string) (report, log, work string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	work = t.TempDir()
	// -deletion-wait=0: the test must not wait for the deletions of a
	// comparison that someone else ran on this machine.
	args := []string{"compare", "-n", "20", "-runs", "2", "-edits", "1", "-work", work, "-deletion-wait=0"}
	cmd := exec.CommandContext(ctx, bench, append(args, flags...)...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, stderr.String())
	}
	for _, tt := range []struct {
		name string
		want bool
	}{{"out", false}, {"trash", false}, {"site-n20-seed1/config.toml", true},
		{"site-n20-seed1-custom/config.toml", true}, {"site-n20-seed1-custom/layouts/brief.html", true}} {
		if _, err := os.Stat(filepath.Join(work, filepath.FromSlash(tt.name))); (err == nil) != tt.want {
			t.Errorf("after the comparison, %s: %v; want it there: %v", tt.name, err, tt.want)
		}
	}
	return stdout.String(), stderr.String(), work
}

// cells returns the cells of the report's row named what.
func cells(t *testing.T, report, what string) []string {
	t.Helper()
	for _, line := range strings.Split(report, "\n") {
		c := strings.Split(line, "|")
		if len(c) == 9 && strings.TrimSpace(c[1]) == what {
			for i := range c {
				c[i] = strings.TrimSpace(c[i])
			}
			return c[1:8]
		}
	}
	t.Fatalf("no row %q in the report:\n%s", what, report)
	return nil
}

// TestCompareWithoutHugo runs the comparison with no hugo on PATH: it says
// how to install it and measures briefs alone.
func TestCompareWithoutHugo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries and runs builds and preview servers")
	}
	bench, briefs := buildTools(t)
	report, log, work := compare(t, []string{"PATH=" + t.TempDir()}, bench, "-briefs", briefs)
	if !strings.Contains(log, "apt-get install hugo") {
		t.Errorf("the log does not say how to install hugo:\n%s", log)
	}
	for what, want := range map[string][]string{
		"fresh build vs the floor": {"briefs", "—", "floor"},
		"fresh build vs Hugo":      {"briefs", "—", ""},
		// the customized theme's time beside the default's
		"fresh build, customized theme vs default theme": {"briefs", "", ""},
		"serve: save → reload event":                     {"briefs", "", ""},
		// writing alone: its time, and the floor's to compare with
		"writing briefs' output alone": {"briefs", "", "floor"},
	} {
		c := cells(t, report, what)
		for i, w := range want {
			if got := c[1+i]; (w == "—" || w == "") && got != w || w != "—" && w != "" && (got == "—" || got == "") {
				t.Errorf("%s: column %d = %q, want %s", what, 1+i, got, w)
			}
		}
	}
	if !strings.Contains(report, "hugo not installed") {
		t.Errorf("the report does not say hugo was missing:\n%s", report)
	}

	// The customized site builds with its templates, not the default theme's.
	public := t.TempDir()
	if out, err := exec.Command(briefs, "build", "-s", filepath.Join(work, "site-n20-seed1-custom"), "-d", public, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("briefs build of the customized site: %v\n%s", err, out)
	}
	for file, want := range map[string]string{
		"briefs/brief-10/index.html": `<h1 class="brief-title brief-title-custom">`,
		"index.html":                 `<p class="copyright">Copyright ©`,
	} {
		if b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(file))); err != nil || !strings.Contains(string(b), want) {
			t.Errorf("the customized site's %s (%v) lacks %s", file, err, want)
		}
	}
}

// TestCompareWithHugo runs the whole comparison, Hugo included.
func TestCompareWithHugo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries and runs builds and preview servers")
	}
	if _, err := exec.LookPath("hugo"); err != nil {
		t.Skip("hugo is not installed (apt-get install hugo): the comparison with Hugo is not tested")
	}
	bench, _ := buildTools(t)
	report, log, _ := compare(t, nil, bench)
	for _, what := range []string{"fresh build vs Hugo", "rebuild, nothing changed", "peak memory, fresh build", "serve: start → first page", "serve: save → page served"} {
		c := cells(t, report, what)
		if c[1] == "—" || c[2] == "—" || c[4] == "—" {
			t.Errorf("%s: briefs %q, hugo %q, ratio %q: want all measured", what, c[1], c[2], c[4])
		}
	}
	if strings.Contains(log, "printed") {
		t.Errorf("a build printed warnings on a generated site:\n%s", log)
	}
	t.Logf("report:\n%s", report)
}
