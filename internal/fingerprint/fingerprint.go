// Package fingerprint identifies what a build reads, so that a build can
// tell that nothing changed since the last one: a digest of the program,
// the options and every input file, and the memo a build leaves beside its
// output with that digest and the time until which it holds.
package fingerprint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
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
// next one: the digest of its inputs, the time it was built at and the time
// from which the same inputs may give other output, the next moment its
// output changes with time alone, the brief URLs published so far, and
// what the build reported.
type Memo struct {
	Digest    string
	From      time.Time // the build's time: with --at, not the wall clock's
	Until     time.Time // Next, or sooner
	Next      time.Time // zero when nothing is scheduled
	Briefs    int
	Pages     int
	Published []Published
	Warnings  []string
}

// Published is a brief URL that a build published: its site path, the
// file of the brief and a hash of its title, which tell where the brief
// went if the URL disappears. The title itself is not kept: the output
// folder holds nothing of a brief that has expired.
type Published struct {
	Path   string // "briefs/x/"
	Title  uint64 // TitleHash of its title
	Source string // "content/briefs/x.md"
}

// TitleHash is the hash of a brief's title that Published keeps: titles
// that differ only in case or spacing hash alike.
func TitleHash(title string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.ToLower(strings.Join(strings.Fields(title), " "))))
	return h.Sum64()
}

// Holds reports whether the output m was made for holds at now.
func (m Memo) Holds(now time.Time) bool {
	return !now.Before(m.From) && now.Before(m.Until)
}

// String encodes m as lines: a head line, one line per published URL,
// then one line per warning.
func (m Memo) String() string {
	var sb strings.Builder
	digest := m.Digest
	if digest == "" {
		digest = "-"
	}
	fmt.Fprintf(&sb, "inputs %s from %d until %d next %d briefs %d pages %d published %d",
		digest, unix(m.From), unix(m.Until), unix(m.Next), m.Briefs, m.Pages, len(m.Published))
	for _, p := range m.Published {
		fmt.Fprintf(&sb, "\n%s %x %s", p.Path, p.Title, strings.ReplaceAll(p.Source, "\n", " "))
	}
	for _, w := range m.Warnings {
		sb.WriteString("\n" + strings.ReplaceAll(w, "\n", " "))
	}
	return sb.String()
}

// unix is t in seconds since 1970, 0 for the zero time.
func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// ParseMemo decodes what Memo.String wrote; ok is false for anything else.
func ParseMemo(s string) (m Memo, ok bool) {
	lines := strings.Split(s, "\n")
	f := strings.Fields(lines[0])
	if len(f) != 14 || f[0] != "inputs" || f[2] != "from" || f[4] != "until" || f[6] != "next" || f[8] != "briefs" || f[10] != "pages" || f[12] != "published" {
		return Memo{}, false
	}
	var n [6]int64
	for i, field := range []string{f[3], f[5], f[7], f[9], f[11], f[13]} {
		var err error
		if n[i], err = strconv.ParseInt(field, 10, 64); err != nil || n[i] < 0 {
			return Memo{}, false
		}
	}
	moment := func(sec int64) time.Time {
		if sec == 0 {
			return time.Time{}
		}
		return time.Unix(sec, 0)
	}
	m = Memo{Digest: f[1], From: moment(n[0]), Until: moment(n[1]), Next: moment(n[2]), Briefs: int(n[3]), Pages: int(n[4])}
	if m.Digest == "-" {
		m.Digest = ""
	}
	rest := lines[1:]
	if n[5] > int64(len(rest)) {
		return Memo{}, false
	}
	for _, l := range rest[:n[5]] {
		path, after, ok1 := strings.Cut(l, " ")
		hash, source, ok2 := strings.Cut(after, " ")
		title, err := strconv.ParseUint(hash, 16, 64)
		if !ok1 || !ok2 || err != nil {
			return Memo{}, false
		}
		m.Published = append(m.Published, Published{Path: path, Title: title, Source: source})
	}
	if rest = rest[n[5]:]; len(rest) > 0 {
		m.Warnings = rest
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
// that changes with every write (see StatKey), as Git knows its index:
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
			if stat, _ := StatKey(info, now); stat != "" {
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
