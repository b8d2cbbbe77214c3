// Package fingerprint identifies what a build reads, so that a build can
// tell that nothing changed since the last one: a digest of the program,
// the options and every input file, and the memo a build leaves beside its
// output with that digest and the time until which it holds.
package fingerprint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/briefs-dev/briefs/internal/parallel"
	"github.com/briefs-dev/briefs/internal/walk"
)

// Memo is what a build into an output folder remembers of itself for the
// next one: the digest of its inputs, the time from which the same inputs
// may give other output, and what the build reported.
type Memo struct {
	Digest   string
	Until    time.Time
	Briefs   int
	Pages    int
	Warnings []string
}

// String encodes m as lines: a head line, then one line per warning.
func (m Memo) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "inputs %s until %d briefs %d pages %d", m.Digest, m.Until.Unix(), m.Briefs, m.Pages)
	for _, w := range m.Warnings {
		sb.WriteString("\n" + strings.ReplaceAll(w, "\n", " "))
	}
	return sb.String()
}

// ParseMemo decodes what Memo.String wrote; ok is false for anything else.
func ParseMemo(s string) (m Memo, ok bool) {
	head, rest, _ := strings.Cut(s, "\n")
	f := strings.Fields(head)
	if len(f) != 8 || f[0] != "inputs" || f[2] != "until" || f[4] != "briefs" || f[6] != "pages" {
		return Memo{}, false
	}
	until, err1 := strconv.ParseInt(f[3], 10, 64)
	briefs, err2 := strconv.Atoi(f[5])
	pages, err3 := strconv.Atoi(f[7])
	if err1 != nil || err2 != nil || err3 != nil {
		return Memo{}, false
	}
	m = Memo{Digest: f[1], Until: time.Unix(until, 0), Briefs: briefs, Pages: pages}
	if rest != "" {
		m.Warnings = strings.Split(rest, "\n")
	}
	return m, true
}

// Digest hashes every input of a build: the program, what the caller
// passes in extra (its options), and the path and contents of each file
// below the folders dirs and of the files named in files. ok is false when
// a file cannot be read; the build then reads it itself and reports the
// error.
//
// A file's contents are known by its status where the system gives one
// that changes with every write (see statKey), as Git knows its index:
// a build with nothing to do then reads no file. now is the clock that
// status is judged against: a file written within racyWindow of it is read.
func Digest(fsys fs.FS, dirs, files []string, extra string, now time.Time) (digest string, ok bool) {
	type input struct {
		path  string
		entry fs.DirEntry // as the walk found it; nil for files
		info  fs.FileInfo // a file's
	}
	var inputs []input
	var mu sync.Mutex // walk.Dir calls on several goroutines
	for _, dir := range dirs {
		err := walk.Dir(fsys, dir, func(p string, d fs.DirEntry) error {
			if !d.IsDir() {
				mu.Lock()
				inputs = append(inputs, input{path: p, entry: d})
				mu.Unlock()
			}
			return nil
		})
		if err != nil {
			return "", false
		}
	}
	// The walk lists in no set order; the digest hashes in path order.
	slices.SortFunc(inputs, func(a, b input) int { return strings.Compare(a.path, b.path) })
	for _, name := range files {
		info, _ := fs.Stat(fsys, name)
		inputs = append(inputs, input{path: name, info: info})
	}
	// Each file's status, or the sum of its bytes, on several goroutines:
	// a large site has hundreds of thousands of files to look at.
	sums := make([]string, len(inputs))
	failed := make([]bool, len(inputs))
	parallel.ForN(4, len(inputs), func(i int) {
		in := inputs[i]
		info := in.info
		if in.entry != nil && in.entry.Type().IsRegular() { // a link's status is not its target's
			info, _ = in.entry.Info()
		}
		if info != nil {
			if stat, _ := statKey(info, now); stat != "" {
				sums[i] = stat
				return
			}
		}
		data, err := fs.ReadFile(fsys, in.path)
		sum := sha256.Sum256(data)
		sums[i], failed[i] = hex.EncodeToString(sum[:]), err != nil
	})
	h := sha256.New()
	fmt.Fprintf(h, "%s|%s|%d\n", Program(), extra, len(inputs))
	for i, in := range inputs {
		if failed[i] {
			return "", false
		}
		fmt.Fprintf(h, "%s\x00%s\n", in.path, sums[i])
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// racyWindow is how recent a change must be for a file's status not to be
// trusted: within it, a second write of the same size can leave the same
// times on a file system whose clock ticks coarsely.
const racyWindow = 2 * time.Second

// Program identifies the running program's code, which keys of files kept
// between runs must cover: a new version of briefs may render a file with
// the same inputs differently. A release is named by its VCS revision; any
// other build, by a hash of its executable.
var Program = sync.OnceValue(func() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" && modified == "false" {
			return rev
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(h.Sum(nil))
})
