package cli_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/corpus"
)

// TestBuildDiskFull builds into a small tmpfs that holds the site once but
// not a second, rewritten copy: the build must fail with one short
// message naming the output folder and saying the old site is untouched,
// and leave the old site byte for byte as it was.
//
// Mounting a tmpfs takes root, or a user namespace that maps the user to
// root; the mount is made in a mount namespace of its own, so that it
// vanishes with the script and the machine's mounts are never touched.
func TestBuildDiskFull(t *testing.T) {
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		skipUnlessCI(t, "no unshare command to mount a tmpfs in a namespace of its own: %v", err)
	}
	bin := goBuild(t)
	work := t.TempDir()
	site := filepath.Join(work, "site")
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := corpus.Write(site, corpus.Options{Briefs: 100, Seed: 1, Photos: -1}); err != nil {
		t.Fatal(err)
	}
	// How much one copy of the output takes, to size the tmpfs.
	ref := filepath.Join(work, "ref")
	runBuild(t, bin, site, "-d", ref)
	size := diskUsage(t, ref)

	mnt := filepath.Join(work, "mnt")
	if err := os.Mkdir(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	script := `set -e
mount -t tmpfs -o size=${SIZE}k tmpfs "$MNT" || exit 97
"$BIN" build --quiet -s "$SITE" -d "$MNT/public"
cp -a "$MNT/public" "$OUT/before"
# A new title changes every page: the new output needs a second copy.
sed -i 's/^title = .*/title = "A title that changes every page"/' "$SITE/config.toml"
set +e
"$BIN" build --quiet -s "$SITE" -d "$MNT/public" 2>"$OUT/stderr"
echo $? >"$OUT/code"
cp -a "$MNT/public" "$OUT/after"
ls -A "$MNT" >"$OUT/listing"
`
	args := []string{"--mount", "--propagation", "private"}
	if os.Geteuid() != 0 {
		args = append([]string{"--map-root-user"}, args...)
	}
	cmd := exec.Command(unshare, append(args, "sh", "-c", script)...)
	cmd.Env = append(os.Environ(), "SIZE="+fmt.Sprint(size*3/2), "MNT="+mnt, "BIN="+bin, "SITE="+site, "OUT="+work)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.ExitCode() != 97:
		t.Fatalf("the script failed: %v\n%s", err, out)
	default:
		skipUnlessCI(t, "cannot mount a tmpfs in a namespace of its own here: %v\n%s", err, out)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(work, name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(data))
	}
	if code := read("code"); code != "1" {
		t.Fatalf("build into a full disk: exit %s, want 1\n%s", code, read("stderr"))
	}
	stderr := read("stderr")
	lines := strings.Split(stderr, "\n")
	if len(lines) > 3 || !strings.Contains(stderr, filepath.Join(mnt, "public")) || !strings.Contains(stderr, "untouched") {
		t.Errorf("stderr has %d lines; want at most 3, naming %s and saying the old site is untouched:\n%s", len(lines), filepath.Join(mnt, "public"), stderr)
	}
	t.Logf("stderr:\n%s", stderr)
	if d := diffFiles(t, filepath.Join(work, "before"), filepath.Join(work, "after")); d != "" {
		t.Errorf("the old site changed: %s", d)
	}
	if left := read("listing"); left != "public" {
		t.Errorf("the tmpfs holds %q after the failed build, want only public", left)
	}
}

// skipUnlessCI skips the test with the message, but fails it in CI, which
// must run every test.
func skipUnlessCI(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// diskUsage returns the KiB that the files below dir take, counted in
// whole pages as tmpfs counts them.
func diskUsage(t *testing.T, dir string) int64 {
	t.Helper()
	var kib int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		kib += (info.Size() + 4095) / 4096 * 4
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return kib
}

// diffFiles compares two trees byte for byte, every file included, and
// describes the first difference, or returns "".
func diffFiles(t *testing.T, a, b string) string {
	t.Helper()
	read := func(dir string) map[string][]byte {
		files := map[string][]byte{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[rel] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	fa, fb := read(a), read(b)
	if len(fa) != len(fb) {
		return fmt.Sprintf("%d files, then %d", len(fa), len(fb))
	}
	for p, data := range fa {
		if other, ok := fb[p]; !ok || !bytes.Equal(data, other) {
			return p + " differs or is gone"
		}
	}
	return ""
}
