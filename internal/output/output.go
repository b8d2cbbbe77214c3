// Package output writes a build's files to the output folder atomically, skipping unchanged files and dropping stale ones.
package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// ManifestName is the file in the output folder that lists the content hash
// of every file the last build wrote. It marks the folder as ours, so a
// build may replace it, and lets the next build keep unchanged files.
const ManifestName = ".briefs-manifest"

// Stats counts what Write did.
type Stats struct {
	Files     int // files in the new output
	Written   int // files whose bytes were written
	Unchanged int // files kept from the previous output
	Removed   int // files of the previous output no longer produced
}

// Options controls Write.
type Options struct {
	// Force allows replacing a non-empty folder that no build created.
	Force bool
}

// Write makes dest hold exactly files (slash path → content). The new
// output is assembled in a temporary folder beside dest and swapped in at
// the end, so readers and later builds see either the old or the new
// output, never a mix, and a failed Write leaves dest as it was.
func Write(dest string, files map[string][]byte, opts Options) (Stats, error) {
	var st Stats
	dest, err := filepath.Abs(dest)
	if err != nil {
		return st, err
	}
	// A symlinked output folder (public -> /var/www/site) is replaced at its
	// target; swapping the link itself would leave the target stale.
	if real, err := filepath.EvalSymlinks(dest); err == nil {
		dest = real
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return st, err
	}
	removeLeftovers(parent, base)
	old, err := readManifest(dest, opts.Force)
	if err != nil {
		return st, err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return st, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return st, err
	}

	paths := make([]string, 0, len(files))
	for p := range files {
		if err := checkPath(p); err != nil {
			return st, err
		}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	sums := make([]string, len(paths))
	// Make the folders first, in order, so that workers need not.
	made := map[string]bool{}
	for _, p := range paths {
		dir := filepath.Dir(filepath.Join(tmp, filepath.FromSlash(p)))
		if !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return st, err
			}
			made[dir] = true
		}
	}
	var (
		mu        sync.Mutex
		firstErr  error
		written   int
		unchanged int
		wg        sync.WaitGroup
		next      = make(chan int)
	)
	for w := 0; w < 2*runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := paths[i]
				data := files[p]
				sums[i] = sum(data)
				to := filepath.Join(tmp, filepath.FromSlash(p))
				kept := false
				if old[p] == sums[i] {
					// Unchanged: link the previous file instead of writing it.
					kept = os.Link(filepath.Join(dest, filepath.FromSlash(p)), to) == nil
				}
				var err error
				if !kept {
					err = os.WriteFile(to, data, 0o644)
				}
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if kept {
					unchanged++
				} else {
					written++
				}
				mu.Unlock()
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return st, firstErr
	}
	var m bytes.Buffer
	for i, p := range paths {
		fmt.Fprintf(&m, "%s %s\n", sums[i], p)
	}
	if err := os.WriteFile(filepath.Join(tmp, ManifestName), m.Bytes(), 0o644); err != nil {
		return st, err
	}
	if err := swap(tmp, dest); err != nil {
		return st, err
	}
	ok = true
	st.Files, st.Written, st.Unchanged = len(paths), written, unchanged
	for p := range old {
		if _, still := files[p]; !still {
			st.Removed++
		}
	}
	return st, nil
}

// sum is the content hash kept in the manifest.
func sum(data []byte) string {
	h := fnv.New128a()
	h.Write(data)
	return fmt.Sprintf("%x-%d", h.Sum(nil), len(data))
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

// readManifest returns the previous build's hashes by path. A folder that
// does not exist or is empty has none; a non-empty folder without a manifest
// was not made by a build and is refused unless force is set.
func readManifest(dest string, force bool) (map[string]string, error) {
	entries, err := os.ReadDir(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(dest, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		if len(entries) > 0 && !force {
			return nil, fmt.Errorf("%s is not empty and was not written by briefs: refusing to replace it (choose another destination, empty it, or force)", dest)
		}
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if h, p, ok := strings.Cut(sc.Text(), " "); ok {
			m[p] = h
		}
	}
	return m, sc.Err()
}

// removeLeftovers deletes temporary folders of builds that were killed.
func removeLeftovers(parent, base string) {
	for _, pattern := range []string{"." + base + ".tmp-*", "." + base + ".old-*"} {
		matches, _ := filepath.Glob(filepath.Join(parent, pattern))
		for _, m := range matches {
			os.RemoveAll(m)
		}
	}
}
