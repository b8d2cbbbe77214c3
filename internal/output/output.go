// Package output is where a build's files go: the output folder, written atomically (skipping unchanged files, dropping stale ones), or memory for the preview.
package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/briefs-dev/briefs/internal/parallel"
)

// ManifestName is the file in the output folder that lists the content hash
// of every file the last build wrote. It marks the folder as ours, so a
// build may replace it, and lets the next build keep unchanged files.
const ManifestName = ".briefs-manifest"

// manifestHeader opens a manifest whose lines carry keys.
const manifestHeader = "# briefs manifest 2"

// memoPrefix starts each line of the memo in a manifest.
const memoPrefix = "# memo "

// Stats counts what a Writer did.
type Stats struct {
	Files     int // files in the new output
	Written   int // files whose bytes were written
	Unchanged int // files kept from the previous output
	Removed   int // files of the previous output no longer produced
}

// Options controls Open and Write.
type Options struct {
	// Force allows replacing a non-empty folder that no build created.
	Force bool
	// Sync writes the new output to the disk before Commit swaps it in,
	// and the swap after: see sync.go.
	Sync bool
}

// Write makes dest hold exactly files (slash path → content): Open, Add
// every file, Commit.
func Write(dest string, files map[string][]byte, opts Options) (Stats, error) {
	w, err := Open(dest, opts)
	if err != nil {
		return Stats{}, err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	errs := make([]error, len(paths))
	parallel.ForN(writers(), len(paths), func(i int) { errs[i] = w.Add(paths[i], 0, files[paths[i]]) })
	if err := errors.Join(errs...); err != nil {
		w.Abort()
		return Stats{}, err
	}
	return w.Commit()
}

// A Writer assembles a new output for dest file by file and puts it in
// place of the old one on Commit. Files are written to a temporary folder
// beside dest as they are added, so a build need not hold its output in
// memory; readers and later builds see the old or the new output, never a
// mix, and a Writer that fails or is aborted leaves dest as it was.
//
// A file whose bytes equal the previous output's is not written again: it
// is linked from there on Commit, and when nothing at all changed, dest is
// left alone. Its methods are safe for concurrent use.
type Writer struct {
	dest    string            // the output folder, symlinks resolved
	tmp     string            // the new output, swapped in by Commit
	old     map[string]record // the previous output's manifest
	oldMemo string            // and its memo
	unlock  func()            // releases the lock taken by Open
	sync    bool              // Options.Sync
	// warnings are old outputs that could not be removed, by Open (of
	// earlier builds) or after the swap; see Warnings.
	warnings []string
	// foreign are the files of a folder that no build wrote, which
	// Options.Force lets Commit replace; see Replaced.
	foreign []string

	mu    sync.Mutex
	files map[string]record // the new output
	// folded holds the paths of the new output that have upper-case
	// letters, by their lower case, to catch paths that differ only in case.
	folded  map[string]string
	kept    []string        // paths to link from the previous output
	dirs    map[string]bool // folders made in tmp
	written int
	bytes   int64       // of the files written
	full    *SpaceError // once the disk is full; see full.go
	done    bool
	memo    string
}

// record is what the manifest keeps of one file: the sum of its bytes and
// the key its producer gave it (0 for none). It holds no pointer, so that
// the records of a large output cost the garbage collector nothing.
type record struct {
	sum fileSum
	key uint64
}

// Open starts a new output for dest. It refuses a non-empty folder that no
// build created, unless opts.Force is set.
func Open(dest string, opts Options) (*Writer, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	// A symlinked output folder (public -> /var/www/site) is replaced at its
	// target; swapping the link itself would leave the target stale.
	if real, err := filepath.EvalSymlinks(dest); err == nil {
		dest = real
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	// Held until Commit or Abort, so that another build into dest waits.
	unlock, err := lockFolder(parent)
	if err != nil {
		return nil, err
	}
	w, err := openLocked(dest, opts)
	if err != nil {
		unlock()
		return nil, err
	}
	w.unlock = unlock
	w.sync = opts.Sync
	return w, nil
}

func openLocked(dest string, opts Options) (*Writer, error) {
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	warnings := removeLeftovers(parent, base)
	old, memo, err := readManifest(dest, opts.Force)
	if err != nil {
		return nil, err
	}
	var foreign []string
	if old == nil && opts.Force {
		if foreign, err = foreignFiles(dest); err != nil {
			return nil, err
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Writer{dest: dest, tmp: tmp, old: old, oldMemo: memo, warnings: warnings, foreign: foreign, files: map[string]record{}, folded: map[string]string{}, dirs: map[string]bool{}}, nil
}

// Warnings returns, after Commit, what went wrong without failing: each
// old output that could not be removed, by this build or an earlier one,
// naming the folder it stays in. A later Writer for dest tries again.
func (w *Writer) Warnings() []string { return w.warnings }

// Memo returns the text the previous output was committed with, or "".
func (w *Writer) Memo() string { return w.oldMemo }

// SetMemo sets a text to keep with the new output, for the next Writer's
// Memo: what the output was made from, say.
func (w *Writer) SetMemo(s string) {
	w.mu.Lock()
	w.memo = s
	w.mu.Unlock()
}

// KeepAll keeps every file of the previous output, if each is still in
// place, and reports whether it did; the memo is kept too. It is meant
// for a Writer that has been given nothing yet.
func (w *Writer) KeepAll() bool {
	var missing atomic.Bool
	paths := make([]string, 0, len(w.old))
	for p := range w.old {
		paths = append(paths, p)
	}
	parallel.ForN(writers(), len(paths), func(i int) {
		if !missing.Load() && !w.intact(paths[i], w.old[paths[i]].sum) {
			missing.Store(true)
		}
	})
	w.mu.Lock()
	defer w.mu.Unlock()
	if missing.Load() || len(w.files) > 0 || w.done || w.old == nil {
		return false
	}
	for p, r := range w.old {
		w.claim(p, r)
	}
	w.kept = paths
	w.memo = w.oldMemo
	return true
}

// Reuse reports whether the previous output has path under the same
// non-zero key, its file still in place; if so the file is kept as it is,
// and the caller need not make its bytes.
func (w *Writer) Reuse(path string, key uint64) bool {
	prev, ok := w.old[path]
	if key == 0 || !ok || prev.key != key || !w.intact(path, prev.sum) {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, dup := w.files[path]; dup || w.done || w.caseClash(path) != "" {
		return false
	}
	w.claim(path, prev)
	w.kept = append(w.kept, path)
	return true
}

// Add puts a file with the given bytes in the new output. key is the
// producer's summary of the file's inputs, for Reuse by the next build, or 0.
func (w *Writer) Add(path string, key uint64, data []byte) error {
	if err := checkPath(path); err != nil {
		return err
	}
	rec := record{sum(data), key}
	w.mu.Lock()
	_, dup := w.files[path]
	other := w.caseClash(path)
	done := w.done
	if !dup && other == "" && !done {
		w.claim(path, rec)
	}
	w.mu.Unlock()
	switch {
	case dup:
		return fmt.Errorf("output path %q is produced twice", path)
	case other != "":
		// macOS, Windows and many static hosts would make them one file.
		return fmt.Errorf("output paths %q and %q differ only in case", other, path)
	case done:
		return errors.New("output: Add after Commit or Abort")
	}
	if prev, ok := w.old[path]; ok && prev.sum == rec.sum && w.intact(path, prev.sum) {
		w.mu.Lock()
		w.kept = append(w.kept, path)
		w.mu.Unlock()
		return nil
	}
	w.mu.Lock()
	full := w.full != nil
	w.mu.Unlock()
	if full {
		w.filled(len(data), nil) // only counted: Commit reports it
		return nil
	}
	to := filepath.Join(w.tmp, filepath.FromSlash(path))
	err := w.mkdir(filepath.Dir(to))
	if err == nil {
		err = writeFile(to, data)
	}
	if diskFull(err) {
		os.Remove(to)
		w.filled(len(data), err)
		return nil
	}
	if err != nil {
		return err
	}
	w.mu.Lock()
	w.written++
	w.bytes += int64(len(data))
	w.mu.Unlock()
	return nil
}

// caseClash returns the path of the new output that differs from path
// only in case, or "". The caller holds w.mu.
func (w *Writer) caseClash(path string) string {
	fold := strings.ToLower(path)
	if other := w.folded[fold]; other != "" && other != path {
		return other
	}
	if _, ok := w.files[fold]; ok && fold != path {
		return fold
	}
	return ""
}

// claim puts path in the new output. The caller holds w.mu.
func (w *Writer) claim(path string, rec record) {
	w.files[path] = rec
	if fold := strings.ToLower(path); fold != path {
		w.folded[fold] = path
	}
}

// intact reports whether the previous output's file at path is still a
// regular file of the size the manifest gives, so that it can be kept. A
// file removed or truncated by hand is made again.
func (w *Writer) intact(path string, sum fileSum) bool {
	info, err := os.Lstat(filepath.Join(w.dest, filepath.FromSlash(path)))
	return err == nil && info.Mode().IsRegular() && info.Size() == sum.size
}

// mkdir makes a folder of the new output, and the folders above it, once.
// Unlike os.MkdirAll it does not look before it makes each.
func (w *Writer) mkdir(dir string) error {
	w.mu.Lock()
	made := w.dirs[dir]
	w.mu.Unlock()
	if made {
		return nil
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) && dir != w.tmp {
		if err := w.mkdir(filepath.Dir(dir)); err != nil {
			return err
		}
		err = os.Mkdir(dir, 0o755)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.mu.Lock()
	w.dirs[dir] = true
	w.mu.Unlock()
	return nil
}

// Abort drops the new output and leaves dest as it was.
func (w *Writer) Abort() {
	w.mu.Lock()
	done := w.done
	w.done = true
	w.mu.Unlock()
	if !done {
		os.RemoveAll(w.tmp)
		w.unlock()
	}
}

// Commit puts the new output in place of dest. Files of the previous
// output that were not added again are gone from it.
func (w *Writer) Commit() (Stats, error) {
	w.mu.Lock()
	if w.done {
		w.mu.Unlock()
		return Stats{}, errors.New("output: Commit after Commit or Abort")
	}
	w.done = true
	w.mu.Unlock()
	defer w.unlock()
	st := Stats{Files: len(w.files), Written: w.written, Unchanged: len(w.kept)}
	if w.full != nil {
		os.RemoveAll(w.tmp)
		w.full.Needed += w.bytes
		return st, w.full
	}
	for p := range w.old {
		if _, still := w.files[p]; !still {
			st.Removed++
		}
	}
	manifest := w.manifest()
	if st.Written == 0 && st.Removed == 0 && len(w.files) == len(w.old) {
		// Nothing changed: leave the output alone, but for keys the next
		// build may reuse.
		os.RemoveAll(w.tmp)
		if !w.sameKeys() || w.memo != w.oldMemo {
			if err := replaceFile(filepath.Join(w.dest, ManifestName), manifest); err != nil {
				return st, err
			}
		}
		return st, nil
	}
	if err := w.linkKept(); err != nil {
		os.RemoveAll(w.tmp)
		return st, w.spaceError(err)
	}
	if err := os.WriteFile(filepath.Join(w.tmp, ManifestName), manifest, 0o644); err != nil {
		os.RemoveAll(w.tmp)
		return st, w.spaceError(err)
	}
	if w.sync {
		// The new tree and its entry in the parent, before it goes live.
		if err := syncTree(w.tmp); err != nil {
			os.RemoveAll(w.tmp)
			return st, w.spaceError(fmt.Errorf("writing the new output to the disk: %w", err))
		}
	}
	old, err := swap(w.tmp, w.dest)
	if err != nil {
		os.RemoveAll(w.tmp)
		return st, err
	}
	if w.sync {
		// The swap itself. It happened: a failure to sync it is no
		// failure of the build, but the user asked for durability.
		if err := syncPath(filepath.Dir(w.dest)); err != nil {
			w.warnings = append(w.warnings, fmt.Sprintf("the new output is in place, but the swap could not be written to the disk: %v", err))
		}
	}
	// The swap is the commit point: the new output is in place and the
	// build has succeeded, whatever becomes of the old one.
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			w.warnings = append(w.warnings, leftoverWarning(old, err))
		}
	}
	return st, nil
}

// linkKept hard-links the kept files of the previous output into the new
// one, which costs no copy and leaves the previous output untouched.
func (w *Writer) linkKept() error {
	sort.Strings(w.kept) // folders are made in order
	errs := make([]error, len(w.kept))
	parallel.ForN(writers(), len(w.kept), func(i int) {
		p := filepath.FromSlash(w.kept[i])
		to := filepath.Join(w.tmp, p)
		if errs[i] = w.mkdir(filepath.Dir(to)); errs[i] == nil {
			errs[i] = os.Link(filepath.Join(w.dest, p), to)
		}
	})
	return errors.Join(errs...)
}

func (w *Writer) sameKeys() bool {
	for p, r := range w.files {
		if w.old[p] != r {
			return false
		}
	}
	return true
}

// manifest returns the manifest of the new output: a header, then one
// line per file with its hash, its key and its path, sorted by path.
func (w *Writer) manifest() []byte {
	paths := make([]string, 0, len(w.files))
	for p := range w.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var m bytes.Buffer
	m.WriteString(manifestHeader + "\n")
	if w.memo != "" {
		for _, line := range strings.Split(w.memo, "\n") {
			m.WriteString(memoPrefix + line + "\n")
		}
	}
	for _, p := range paths {
		r := w.files[p]
		fmt.Fprintf(&m, "%s %x %s\n", r.sum, r.key, p)
	}
	return m.Bytes()
}

// replaceFile writes a file by renaming a complete temporary one over it.
func replaceFile(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// writers is how many goroutines write files. File system calls block,
// so there are more of them than CPUs, but not many more: on a busy disk,
// more writers only wait on each other.
func writers() int { return 2 * runtime.GOMAXPROCS(0) }

// fileSum tells a file's bytes from others: the first bytes of their
// SHA-256, and their count. The manifest writes it as "hex-size".
type fileSum struct {
	hash [sumBytes]byte
	size int64
}

// sumBytes is how many bytes of the SHA-256 of a file the manifest keeps.
const sumBytes = 16

// sum returns the fileSum of data. SHA-256 runs in hardware on current
// CPUs, many times faster than a byte-at-a-time hash; half of it is plenty
// to tell two outputs apart.
func sum(data []byte) fileSum {
	h := sha256.Sum256(data)
	s := fileSum{size: int64(len(data))}
	copy(s.hash[:], h[:])
	return s
}

func (s fileSum) String() string {
	return hex.EncodeToString(s.hash[:]) + "-" + strconv.FormatInt(s.size, 10)
}

// parseSum reads what fileSum.String wrote.
func parseSum(text string) (fileSum, bool) {
	h, n, ok := strings.Cut(text, "-")
	var s fileSum
	if !ok || hex.DecodedLen(len(h)) != sumBytes {
		return s, false
	}
	if _, err := hex.Decode(s.hash[:], []byte(h)); err != nil {
		return s, false
	}
	size, err := strconv.ParseInt(n, 10, 64)
	s.size = size
	return s, err == nil && size >= 0
}

// checkPath refuses output paths that could leave the output folder, and
// control characters, which would break the manifest's one line per file.
func checkPath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) || p == ManifestName ||
		strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return fmt.Errorf("output path %q is not allowed", p)
	}
	for _, el := range strings.Split(p, "/") {
		if el == "" || el == "." || el == ".." {
			return fmt.Errorf("output path %q is not allowed", p)
		}
	}
	return nil
}
