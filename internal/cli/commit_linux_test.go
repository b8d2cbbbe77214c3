package cli_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestBuildCommitPoint holds a build to its commit point, the swap of the
// output folder: once the new site is in place the build has succeeded,
// and an old tree it cannot remove is a warning naming the folder, which
// the next build removes, or warns about again.
//
// The build must be refused the removal of a folder of the old output, so
// it runs as a user without that right: root (as in CI) passes every
// permission check, so as root the command runs in a new user namespace,
// where it holds no capability over the files of this one.
func TestBuildCommitPoint(t *testing.T) {
	bin := goBuild(t)
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(filepath.Join("testdata", "site"))); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(site, "public")
	build := func() (code int, stderr string) {
		t.Helper()
		cmd := exec.Command(bin, "build", "-s", site)
		var errBuf bytes.Buffer
		cmd.Stderr = &errBuf
		if os.Geteuid() == 0 {
			cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER}
		}
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &exit):
			code = exit.ExitCode()
		case os.Getenv("CI") == "true":
			t.Fatalf("cannot run the build as an unprivileged user: %v", err)
		default:
			t.Skipf("cannot run the build as an unprivileged user (a new user namespace is refused here): %v", err)
		}
		return code, errBuf.String()
	}
	leftovers := func() []string {
		t.Helper()
		m, err := filepath.Glob(filepath.Join(site, ".public.*"))
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	if code, stderr := build(); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}

	// A folder of the old output whose files cannot be deleted.
	locked := filepath.Join(public, "briefs", "colon-inside")
	if err := os.Chmod(locked, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(site, func(p string, _ os.DirEntry, _ error) error { os.Chmod(p, 0o755); return nil })
	})
	brief := filepath.Join(site, "content", "briefs", "colon-outside.md")
	data, err := os.ReadFile(brief)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(brief, append(data, "\nA paragraph added later.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}

	for i := range 2 {
		code, stderr := build()
		if code != 0 {
			t.Fatalf("build %d with a locked folder in the old output: exit %d, want 0 (the new site is in place)\n%s", i+2, code, stderr)
		}
		left := leftovers()
		if len(left) != 1 {
			t.Fatalf("build %d: leftovers %q, want the one old tree that could not be removed", i+2, left)
		}
		if !strings.Contains(stderr, "warning: ") || !strings.Contains(stderr, left[0]) {
			t.Errorf("build %d: stderr does not warn about %s:\n%s", i+2, left[0], stderr)
		}
		if n := strings.Count(strings.TrimSpace(stderr), "\n") + 1; n > 2 {
			t.Errorf("build %d: %d lines of stderr, want a warning or two:\n%s", i+2, n, stderr)
		}
		page, err := os.ReadFile(filepath.Join(public, "briefs", "colon-outside", "index.html"))
		if err != nil || !bytes.Contains(page, []byte("A paragraph added later.")) {
			t.Fatalf("build %d: the new page is not live (%v)", i+2, err)
		}
	}

	// Once the folder may be deleted, the next build removes the old tree.
	for _, l := range leftovers() {
		filepath.WalkDir(l, func(p string, _ os.DirEntry, _ error) error { return os.Chmod(p, 0o755) })
	}
	if code, stderr := build(); code != 0 || stderr != "" {
		t.Fatalf("build after the folder was unlocked: exit %d, stderr:\n%s", code, stderr)
	}
	if left := leftovers(); len(left) != 0 {
		t.Errorf("leftovers %q after the folder was unlocked", left)
	}
}
