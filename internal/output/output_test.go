package output

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// site is a small output: a page, a nested page, a feed and an asset.
func site() map[string][]byte {
	return map[string][]byte{
		"index.html":          []byte("<h1>home</h1>\n"),
		"briefs/a/index.html": []byte("<h1>a</h1>\n"),
		"briefs/b/index.html": []byte("<h1>b</h1>\n"),
		"feed.xml":            []byte("<rss/>\n"),
		"assets/style.css":    []byte("body{}\n"),
	}
}

// snapshot describes every entry below dir: its path, type, mode and a hash
// of its bytes, one line each, so that two snapshots are equal only when the
// trees are byte for byte the same.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v", filepath.ToSlash(rel), info.Mode())
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatalf("snapshot %s: %v", dir, err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// readTree returns the files below dir by slash path, without the manifest.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == ManifestName {
			return nil
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return files
}

func sameFiles(t *testing.T, dir string, want map[string][]byte) {
	t.Helper()
	got := readTree(t, dir)
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: missing", p)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s = %q, want %q", p, g, w)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: unexpected file", p)
		}
	}
}

// noLeftovers fails if a temporary folder of Write is left beside dest.
func noLeftovers(t *testing.T, dest string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(dest) {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

func write(t *testing.T, dest string, files map[string][]byte, opts Options) Stats {
	t.Helper()
	st, err := Write(dest, files, opts)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return st
}

func TestFirstWrite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := site()
	st := write(t, dest, files, Options{})
	if want := (Stats{Files: 5, Written: 5}); st != want {
		t.Errorf("Write stats = %+v, want %+v", st, want)
	}
	sameFiles(t, dest, files)
	if _, err := os.Stat(filepath.Join(dest, ManifestName)); err != nil {
		t.Errorf("no manifest: %v", err)
	}
	info, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm&0o055 != 0o055 {
		t.Errorf("output folder mode = %v, want readable by all", perm)
	}
	noLeftovers(t, dest)
}

func TestWriteIntoEmptyFolder(t *testing.T) {
	dest := t.TempDir()
	write(t, dest, site(), Options{})
	sameFiles(t, dest, site())
}

func TestRewriteUnchanged(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, site(), Options{})
	before := map[string]os.FileInfo{}
	for p := range site() {
		info, err := os.Stat(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		before[p] = info
	}

	st := write(t, dest, site(), Options{})
	if want := (Stats{Files: 5, Unchanged: 5}); st != want {
		t.Errorf("second Write stats = %+v, want %+v", st, want)
	}
	sameFiles(t, dest, site())
	for p, old := range before {
		info, err := os.Stat(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		if !os.SameFile(old, info) {
			t.Errorf("%s: not the same file as before (want a hard link to the previous output)", p)
		}
	}
	noLeftovers(t, dest)
}

func TestRewriteChangedAndStale(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, site(), Options{})
	oldB, err := os.Stat(filepath.Join(dest, "briefs/b/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	oldCSS, err := os.Stat(filepath.Join(dest, "assets/style.css"))
	if err != nil {
		t.Fatal(err)
	}

	next := site()
	next["index.html"] = []byte("<h1>home, updated</h1>\n")
	delete(next, "briefs/a/index.html")
	delete(next, "feed.xml")
	next["briefs/c/index.html"] = []byte("<h1>c</h1>\n")
	st := write(t, dest, next, Options{})
	if want := (Stats{Files: 4, Written: 2, Unchanged: 2, Removed: 2}); st != want {
		t.Errorf("Write stats = %+v, want %+v", st, want)
	}
	sameFiles(t, dest, next)
	if _, err := os.Stat(filepath.Join(dest, "briefs/a")); err == nil {
		t.Errorf("briefs/a/ of a removed brief is still there")
	}
	for p, old := range map[string]os.FileInfo{"briefs/b/index.html": oldB, "assets/style.css": oldCSS} {
		info, err := os.Stat(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		if !os.SameFile(old, info) {
			t.Errorf("%s: unchanged, but written again", p)
		}
	}
	noLeftovers(t, dest)
}

// A file whose content changes back and forth must be rewritten each time,
// never linked from a stale manifest entry.
func TestRewriteAfterRevert(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	v1, v2 := site(), site()
	v2["index.html"] = []byte("<h1>v2</h1>\n")
	for i, files := range []map[string][]byte{v1, v2, v1, v2} {
		write(t, dest, files, Options{})
		if got := readTree(t, dest)["index.html"]; !bytes.Equal(got, files["index.html"]) {
			t.Errorf("write %d: index.html = %q, want %q", i, got, files["index.html"])
		}
	}
}

func TestRefuseForeignFolder(t *testing.T) {
	dest := t.TempDir()
	mine := filepath.Join(dest, "notes.txt")
	if err := os.WriteFile(mine, []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dest)
	_, err := Write(dest, site(), Options{})
	if err == nil {
		t.Fatalf("Write into a folder briefs did not write: no error")
	}
	if !strings.Contains(err.Error(), "not written by briefs") {
		t.Errorf("Write error = %q, want it to say the folder was not written by briefs", err)
	}
	if after := snapshot(t, dest); after != before {
		t.Errorf("refused Write changed the folder:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	noLeftovers(t, dest)

	st := write(t, dest, site(), Options{Force: true})
	if st.Written != 5 {
		t.Errorf("forced Write stats = %+v, want 5 written", st)
	}
	sameFiles(t, dest, site())
	// Once written, the folder is ours: no force needed.
	write(t, dest, site(), Options{})
}

func TestRefuseFileAsDestination(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(dest, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dest, site(), Options{}); err == nil {
		t.Errorf("Write to a path that is a file: no error")
	}
	if data, err := os.ReadFile(dest); err != nil || string(data) != "x" {
		t.Errorf("file at the destination changed: %q, %v", data, err)
	}
}

// A Write that fails leaves the previous output exactly as it was.
func TestFailedWriteKeepsPrevious(t *testing.T) {
	tests := []struct {
		name  string
		files map[string][]byte
	}{
		{"file and folder collide", map[string][]byte{"briefs": []byte("x"), "briefs/a/index.html": []byte("y")}},
		{"file is a folder of another", map[string][]byte{"a/b": []byte("x"), "a/b/c": []byte("y")}},
		{"parent escape", map[string][]byte{"../x": []byte("x")}},
		{"escape in the middle", map[string][]byte{"a/../../x": []byte("x")}},
		{"absolute", map[string][]byte{"/abs": []byte("x")}},
		{"empty element", map[string][]byte{"a//b": []byte("x")}},
		{"dot element", map[string][]byte{"./a": []byte("x")}},
		{"trailing slash", map[string][]byte{"a/": []byte("x")}},
		{"empty", map[string][]byte{"": []byte("x")}},
		{"backslash", map[string][]byte{`..\x`: []byte("x")}},
		{"manifest", map[string][]byte{ManifestName: []byte("x")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			write(t, dest, site(), Options{})
			before := snapshot(t, dest)
			files := site()
			for p, data := range tt.files {
				files[p] = data
			}
			if _, err := Write(dest, files, Options{}); err == nil {
				t.Fatalf("Write with %q: no error", keys(tt.files))
			}
			if after := snapshot(t, dest); after != before {
				t.Errorf("failed Write changed the output:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			noLeftovers(t, dest)
			// Nothing was written outside the output folder either.
			if _, err := os.Stat(filepath.Join(filepath.Dir(dest), "x")); err == nil {
				t.Errorf("a file escaped the output folder")
			}
		})
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestCheckPath(t *testing.T) {
	tests := []struct {
		path string
		ok   bool
	}{
		{"index.html", true},
		{"briefs/x/index.html", true},
		{".well-known/security.txt", true},
		{"a..b/c", true},
		{"", false},
		{"/x", false},
		{"../x", false},
		{"a/../x", false},
		{"a/..", false},
		{"..", false},
		{".", false},
		{"./x", false},
		{"a//b", false},
		{"a/", false},
		{`a\b`, false},
		{ManifestName, false},
		{"a\nb", false},
	}
	for _, tt := range tests {
		err := checkPath(tt.path)
		if (err == nil) != tt.ok {
			t.Errorf("checkPath(%q) = %v, want ok %v", tt.path, err, tt.ok)
		}
	}
}

// Temporary folders of a build that was killed are removed by the next one,
// and folders of other names are left alone.
func TestLeftoversCleaned(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	write(t, dest, site(), Options{})
	for _, name := range []string{".public.tmp-123", ".public.tmp-456.old", ".public.old-789"} {
		if err := os.MkdirAll(filepath.Join(parent, name, "briefs"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(parent, name, "briefs", "x.html"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	keep := filepath.Join(parent, ".other.tmp-1")
	if err := os.Mkdir(keep, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, dest, site(), Options{})
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if want := []string{".other.tmp-1", "public"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("after Write the parent holds %q, want %q", got, want)
	}
	sameFiles(t, dest, site())
}

// A manifest that lists a file the output no longer has (removed by hand)
// must not make Write fail or lose the file.
func TestManifestFileMissing(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, site(), Options{})
	if err := os.Remove(filepath.Join(dest, "feed.xml")); err != nil {
		t.Fatal(err)
	}
	st := write(t, dest, site(), Options{})
	if st.Written != 1 || st.Unchanged != 4 {
		t.Errorf("Write stats = %+v, want 1 written, 4 unchanged", st)
	}
	sameFiles(t, dest, site())
}

func TestSwapByRename(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	write(t, dest, site(), Options{})
	tmp := filepath.Join(parent, ".public.tmp-1")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "new.html"), []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	old, err := swapByRename(tmp, dest)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, dest, map[string][]byte{"new.html": []byte("new")})
	sameFiles(t, old, site()) // for the caller to remove
	os.RemoveAll(old)
	noLeftovers(t, dest)

	// First build: nothing to move away.
	dest2 := filepath.Join(parent, "fresh")
	tmp2 := filepath.Join(parent, ".fresh.tmp-1")
	if err := os.Mkdir(tmp2, 0o755); err != nil {
		t.Fatal(err)
	}
	if old, err := swapByRename(tmp2, dest2); err != nil || old != "" {
		t.Fatalf("swapByRename into a new folder = %q, %v; want \"\", nil", old, err)
	}
	if _, err := os.Stat(dest2); err != nil {
		t.Error(err)
	}
}

func TestSum(t *testing.T) {
	if sum([]byte("a")) == sum([]byte("b")) {
		t.Errorf("sum of different data is equal")
	}
	if sum(nil) != sum([]byte{}) {
		t.Errorf("sum of nil and empty differ")
	}
	if strings.ContainsAny(sum([]byte("a b\n")).String(), " \n") {
		t.Errorf("sum holds a space or newline, which the manifest format cannot")
	}
	for _, data := range []string{"", "a", strings.Repeat("brief ", 1000)} {
		s := sum([]byte(data))
		if got, ok := parseSum(s.String()); !ok || got != s {
			t.Errorf("parseSum(%q) = %v, %v; want %v", s.String(), got, ok, s)
		}
	}
	bad := []string{
		"", "-", "00-1", "zz" + strings.Repeat("0", 30) + "-1", strings.Repeat("0", 32),
		strings.Repeat("0", 32) + "-", strings.Repeat("0", 32) + "-x", strings.Repeat("0", 32) + "--1",
		strings.Repeat("0", 34) + "-1",
	}
	for _, text := range bad {
		if got, ok := parseSum(text); ok {
			t.Errorf("parseSum(%q) = %v, true; want false", text, got)
		}
	}
}

// An output folder that is a symlink keeps being one: the new output goes
// to its target.
func TestSymlinkedDestination(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "www")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(parent, "public")
	if err := os.Symlink("www", link); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	for i, files := range []map[string][]byte{site(), {"index.html": []byte("v2")}} {
		write(t, link, files, Options{})
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("write %d: %s is no longer a symlink (%v)", i, link, err)
		}
		sameFiles(t, target, files)
	}
}

// A rebuild that changes nothing leaves the output folder alone: no new
// folder is swapped in, so nothing is written at all.
func TestNothingChangedLeavesOutputAlone(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, site(), Options{})
	before, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	st := write(t, dest, site(), Options{})
	if want := (Stats{Files: 5, Unchanged: 5}); st != want {
		t.Errorf("Write stats = %+v, want %+v", st, want)
	}
	after, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Errorf("the output folder was replaced although nothing changed")
	}
	noLeftovers(t, dest)
}

// open starts a Writer or fails the test.
func open(t *testing.T, dest string) *Writer {
	t.Helper()
	w, err := Open(dest, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return w
}

func commit(t *testing.T, w *Writer) Stats {
	t.Helper()
	st, err := w.Commit()
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	return st
}

// A file added with a key can be reused by the next Writer under the same
// key, without its bytes, as long as the file is still in place.
func TestReuse(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	w := open(t, dest)
	for p, data := range site() {
		if err := w.Add(p, 7, data); err != nil {
			t.Fatal(err)
		}
	}
	commit(t, w)
	if err := os.Remove(filepath.Join(dest, "feed.xml")); err != nil {
		t.Fatal(err)
	}

	w = open(t, dest)
	tests := []struct {
		path string
		key  uint64
		want bool
	}{
		{"briefs/a/index.html", 8, false}, // another key
		{"briefs/a/index.html", 0, false}, // no key
		{"briefs/a/index.html", 7, true},
		{"briefs/a/index.html", 7, false}, // already in the new output
		{"briefs/z/index.html", 7, false}, // not in the previous output
		{"feed.xml", 7, false},            // removed by hand
	}
	for _, tt := range tests {
		if got := w.Reuse(tt.path, tt.key); got != tt.want {
			t.Errorf("Reuse(%q, %d) = %v, want %v", tt.path, tt.key, got, tt.want)
		}
	}
	next := site()
	for p, data := range next {
		if p == "briefs/a/index.html" {
			continue // reused
		}
		if err := w.Add(p, 7, data); err != nil {
			t.Fatal(err)
		}
	}
	st := commit(t, w)
	if want := (Stats{Files: 5, Written: 1, Unchanged: 4}); st != want {
		t.Errorf("Commit stats = %+v, want %+v", st, want)
	}
	sameFiles(t, dest, next)
	noLeftovers(t, dest)
}

// Keys given to unchanged files are kept for the next build, even when no
// byte of the output changed.
func TestKeysRecordedWhenNothingChanged(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, site(), Options{}) // no keys
	w := open(t, dest)
	if err := w.Add("index.html", 42, site()["index.html"]); err != nil {
		t.Fatal(err)
	}
	for p, data := range site() {
		if p != "index.html" {
			if err := w.Add(p, 0, data); err != nil {
				t.Fatal(err)
			}
		}
	}
	commit(t, w)
	w = open(t, dest)
	defer w.Abort()
	if !w.Reuse("index.html", 42) {
		t.Errorf("the key of an unchanged file was not recorded")
	}
}

// A manifest from before keys were recorded still lets unchanged files be
// kept by their hash.
func TestManifestWithoutKeys(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, site(), Options{})
	m, err := os.ReadFile(filepath.Join(dest, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var old strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(m)), "\n")[1:] {
		f := strings.SplitN(line, " ", 3)
		fmt.Fprintf(&old, "%s %s\n", f[0], f[2])
	}
	if err := os.WriteFile(filepath.Join(dest, ManifestName), []byte(old.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	st := write(t, dest, site(), Options{})
	if want := (Stats{Files: 5, Unchanged: 5}); st != want {
		t.Errorf("Write stats = %+v, want %+v", st, want)
	}
}

func TestWriterMisuse(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	w := open(t, dest)
	if err := w.Add("a.html", 0, []byte("a")); err != nil {
		t.Fatal(err)
	}
	if err := w.Add("a.html", 0, []byte("b")); err == nil || !strings.Contains(err.Error(), "produced twice") {
		t.Errorf("second Add of a path: err = %v, want produced twice", err)
	}
	if err := w.Add("A.html", 0, []byte("A")); err == nil || !strings.Contains(err.Error(), "differ only in case") {
		t.Errorf("Add of A.html beside a.html: err = %v, want differ only in case", err)
	}
	if w.Reuse("A.HTML", 1) {
		t.Errorf("Reuse of A.HTML beside a.html: true")
	}
	if err := w.Add("../x", 0, []byte("x")); err == nil {
		t.Errorf("Add of ../x: no error")
	}
	commit(t, w)
	if err := w.Add("b.html", 0, nil); err == nil {
		t.Errorf("Add after Commit: no error")
	}
	if _, err := w.Commit(); err == nil {
		t.Errorf("second Commit: no error")
	}
	sameFiles(t, dest, map[string][]byte{"a.html": []byte("a")})
}

// An aborted Writer leaves the previous output as it was, and nothing
// beside it.
func TestAbort(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, site(), Options{})
	before := snapshot(t, dest)
	w := open(t, dest)
	if err := w.Add("index.html", 0, []byte("new")); err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if after := snapshot(t, dest); after != before {
		t.Errorf("Abort changed the output:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	noLeftovers(t, dest)
}

// Two Writers for the same output run one after the other: the second
// waits for the first, and does not take its temporary folder for a
// leftover of a killed build.
func TestConcurrentWritersWait(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first := open(t, dest)
	if err := first.Add("index.html", 0, []byte("first")); err != nil {
		t.Fatal(err)
	}
	opened := make(chan *Writer)
	go func() {
		w, err := Open(dest, Options{})
		if err != nil {
			t.Error(err)
		}
		opened <- w
	}()
	select {
	case <-opened:
		t.Fatal("a second Writer opened while the first was writing")
	case <-time.After(100 * time.Millisecond):
	}
	commit(t, first)
	second := <-opened
	if second == nil {
		return
	}
	if err := second.Add("index.html", 0, []byte("second")); err != nil {
		t.Fatal(err)
	}
	commit(t, second)
	sameFiles(t, dest, map[string][]byte{"index.html": []byte("second")})
	noLeftovers(t, dest)
}

// Two paths that differ only in case are refused in either order, mixed
// case or not; paths that differ otherwise are not.
func TestCaseClash(t *testing.T) {
	tests := []struct {
		first, second string
		clash         bool
	}{
		{"a.html", "A.html", true},
		{"A.html", "a.html", true},
		{"A.html", "A.HTML", true},
		{"Topics/x/index.html", "topics/X/index.html", true},
		{"topics/x/index.html", "Topics/x/index.html", true},
		{"A.html", "B.html", false},
		{"a.html", "b.html", false},
		{"Straße.html", "straße.html", true},
	}
	for _, tt := range tests {
		t.Run(tt.first+" then "+tt.second, func(t *testing.T) {
			w := open(t, filepath.Join(t.TempDir(), "public"))
			defer w.Abort()
			if err := w.Add(tt.first, 0, []byte("1")); err != nil {
				t.Fatal(err)
			}
			err := w.Add(tt.second, 0, []byte("2"))
			if got := err != nil && strings.Contains(err.Error(), "differ only in case"); got != tt.clash {
				t.Errorf("Add(%q) after %q: err = %v, want a clash %v", tt.second, tt.first, err, tt.clash)
			}
		})
	}
}
