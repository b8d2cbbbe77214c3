package cli_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/output"
)

// TestBuildKilled interrupts `briefs build` of a large site at many points,
// with SIGKILL and with Ctrl-C, and checks after each that public/ is byte
// for byte the complete output of the build before or of the interrupted
// one, never a mix and never missing a file; and that the next build
// succeeds and leaves no temporary folder behind.
//
// It runs the real command, built with go build, since a test binary built
// with -race would be many times slower than what users run.
func TestBuildKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site of 3000 briefs a dozen times, a minute or more: skipped with -short")
	}
	start := time.Now()
	bin := goBuild(t)
	t.Logf("go build: %v", time.Since(start).Round(time.Millisecond))
	site := t.TempDir()
	if _, err := corpus.Write(site, corpus.Options{Briefs: 3000, Seed: 1, Photos: -1}); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(site, "public")
	v := newVersions(t, site)

	// The two complete outputs: A built into public/, B into a folder
	// of its own.
	v.set(t, 0)
	start = time.Now()
	runBuild(t, bin, site)
	t.Logf("first build: %v", time.Since(start).Round(time.Millisecond))
	want := [2]map[string]string{treeOf(t, public)}
	v.set(t, 1)
	ref := filepath.Join(t.TempDir(), "ref")
	runBuild(t, bin, site, "-d", ref)
	want[1] = treeOf(t, ref)
	if len(want[0]) < 1000 || diffTrees(want[0], want[1]) == "" {
		t.Fatalf("the two versions give %d and %d files that do not differ: nothing to test", len(want[0]), len(want[1]))
	}
	os.RemoveAll(ref)

	// An uninterrupted rebuild A → B into public/ times the kills below.
	began := time.Now()
	runBuild(t, bin, site)
	took := time.Since(began)
	if d := diffTrees(treeOf(t, public), want[1]); d != "" {
		t.Fatalf("a rebuild into public/ differs from the same build elsewhere: %s", d)
	}
	t.Logf("a rebuild takes %v", took.Round(time.Millisecond))

	state := 1 // the version public/ holds
	type attempt struct {
		sig   syscall.Signal
		after time.Duration
	}
	// Early kills, while the build loads and renders; then most of them
	// near the end of the build, when it writes the output and swaps it
	// in; the last, after it may have finished. Ctrl-C twice.
	attempts := []attempt{
		{syscall.SIGKILL, 50 * time.Millisecond},
		{syscall.SIGKILL, 200 * time.Millisecond},
		{syscall.SIGKILL, 500 * time.Millisecond},
	}
	for _, f := range []float64{0.7, 0.85, 0.95, 1.05} {
		attempts = append(attempts, attempt{syscall.SIGKILL, time.Duration(f * float64(took))})
	}
	for _, f := range []float64{0.5, 0.9} {
		attempts = append(attempts, attempt{syscall.SIGINT, time.Duration(f * float64(took))})
	}
	for _, a := range attempts {
		target := 1 - state
		v.set(t, target)
		cmd := exec.Command(bin, "build", "-s", site)
		var stderr tail
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(a.after)
		cmd.Process.Signal(a.sig)
		err := cmd.Wait()
		finished := err == nil
		var exit *exec.ExitError
		switch {
		case finished:
		case !errors.As(err, &exit):
			t.Fatalf("%v after %v: %v", a.sig, a.after, err)
		case a.sig == syscall.SIGINT && exit.ExitCode() != 1 && !exit.Exited():
			// Ctrl-C stops the build; whether it fails or finishes, the
			// command exits by itself.
			t.Errorf("%v after %v: %v; briefs did not exit by itself:\n%s", a.sig, a.after, err, stderr.String())
		}

		got := treeOf(t, public)
		dOld, dNew := diffTrees(got, want[state]), diffTrees(got, want[target])
		switch {
		case dNew == "":
			state = target
		case dOld == "":
		default:
			t.Fatalf("%v after %v: public/ is neither the old output (%s) nor the new one (%s)", a.sig, a.after, dOld, dNew)
		}
		if finished && state != target {
			t.Errorf("%v after %v: the build finished but public/ holds the old output", a.sig, a.after)
		}
		left := leftovers(t, site)
		t.Logf("%v after %v: exit %v, public/ holds the %s output, %d leftover folders", a.sig, a.after, err,
			map[bool]string{true: "new", false: "old"}[state == target], len(left))
		if a.sig == syscall.SIGINT && len(left) > 0 {
			t.Errorf("%v after %v: the build stopped but left %q beside public/", a.sig, a.after, left)
		}
	}

	// The next build finishes, and cleans up what the killed ones left.
	v.set(t, 1-state)
	runBuild(t, bin, site)
	if d := diffTrees(treeOf(t, public), want[1-state]); d != "" {
		t.Errorf("the build after the kills: %s", d)
	}
	if left := leftovers(t, site); len(left) > 0 {
		t.Errorf("the build after the kills left %q beside public/", left)
	}
}

// goBuild builds cmd/briefs into a temporary folder.
func goBuild(t *testing.T) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "briefs")
	cmd := exec.Command(goCmd, "build", "-o", bin, "./cmd/briefs")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/briefs: %v\n%s", err, out)
	}
	return bin
}

// runBuild runs a build that must succeed.
func runBuild(t *testing.T, bin, site string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"build", "-s", site}, args...)...)
	var stderr tail
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("briefs build %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
}

// versions switches the site between two versions: 0 as generated, 1 with
// some briefs edited.
type versions struct {
	site  string
	files map[string][2][]byte // slash path → its text in each version
}

func newVersions(t *testing.T, site string) *versions {
	t.Helper()
	v := &versions{site: site, files: map[string][2][]byte{}}
	for i := 0; i < 3000; i += 150 {
		p := fmt.Sprintf("content/briefs/brief-%d.md", i)
		if _, err := os.Stat(filepath.Join(site, p)); err != nil {
			p = fmt.Sprintf("content/briefs/brief-%d/index.md", i)
		}
		old, err := os.ReadFile(filepath.Join(site, p))
		if err != nil {
			t.Fatal(err)
		}
		edited := append(bytes.TrimRight(old, "\n"), fmt.Sprintf("\n\nA paragraph added to brief %d.\n", i)...)
		if i%600 == 0 {
			// A new title changes the lists the brief is on.
			edited = bytes.Replace(edited, []byte(`title = "`), []byte(`title = "Updated: `), 1)
		}
		v.files[p] = [2][]byte{old, edited}
	}
	return v
}

func (v *versions) set(t *testing.T, version int) {
	t.Helper()
	for p, texts := range v.files {
		if err := os.WriteFile(filepath.Join(v.site, filepath.FromSlash(p)), texts[version], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// treeOf returns a hash of every file below dir by slash path, the
// manifest's as if empty; a missing dir has no files.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == output.ManifestName {
			// The manifest also holds what the build remembers for the next
			// one, which differs with the builds before; it must be there.
			data = nil
		}
		tree[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// diffTrees describes how got differs from want, or returns "".
func diffTrees(got, want map[string]string) string {
	var missing, extra, changed []string
	for p, h := range want {
		switch g, ok := got[p]; {
		case !ok:
			missing = append(missing, p)
		case g != h:
			changed = append(changed, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			extra = append(extra, p)
		}
	}
	if len(missing)+len(extra)+len(changed) == 0 {
		return ""
	}
	first := func(ps []string) string {
		sort.Strings(ps)
		if len(ps) > 3 {
			ps = append(ps[:3:3], "...")
		}
		return strings.Join(ps, " ")
	}
	return fmt.Sprintf("%d of %d files missing [%s], %d extra [%s], %d different [%s]",
		len(missing), len(want), first(missing), len(extra), first(extra), len(changed), first(changed))
}

// leftovers returns what a build left beside public/: its temporary
// folders are named .public.*.
func leftovers(t *testing.T, site string) []string {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(site, ".public*"))
	if err != nil {
		t.Fatal(err)
	}
	return left
}

// tail keeps the last 4 KB written to it: a build of the test site warns a
// lot, and only the end explains a failure.
type tail struct{ b []byte }

func (w *tail) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	if len(w.b) > 8<<10 {
		w.b = append([]byte(nil), w.b[len(w.b)-4<<10:]...)
	}
	return len(p), nil
}

func (w *tail) String() string { return string(w.b) }
