package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/parallel"
	"github.com/briefs-dev/briefs/internal/render"
	"github.com/briefs-dev/briefs/internal/walk"
)

// A build into a Sink leaves a memo beside its output: a digest of every
// file the build read and of the options, the time until which the same
// inputs give the same output, and what the build reported. The next build
// that finds the same digest before that time has nothing to do: the
// previous output is its output, kept as it is.

// memo is what a build remembers of itself for the next one.
type memo struct {
	digest   string
	until    time.Time // the output may change with time alone from here
	briefs   int
	pages    int
	warnings []string
}

// String encodes m as lines: a head line, then one line per warning.
func (m memo) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "inputs %s until %d briefs %d pages %d", m.digest, m.until.Unix(), m.briefs, m.pages)
	for _, w := range m.warnings {
		sb.WriteString("\n" + strings.ReplaceAll(w, "\n", " "))
	}
	return sb.String()
}

// parseMemo decodes what memo.String wrote.
func parseMemo(s string) (memo, bool) {
	head, rest, _ := strings.Cut(s, "\n")
	f := strings.Fields(head)
	if len(f) != 8 || f[0] != "inputs" || f[2] != "until" || f[4] != "briefs" || f[6] != "pages" {
		return memo{}, false
	}
	until, err1 := strconv.ParseInt(f[3], 10, 64)
	briefs, err2 := strconv.Atoi(f[5])
	pages, err3 := strconv.Atoi(f[7])
	if err1 != nil || err2 != nil || err3 != nil {
		return memo{}, false
	}
	m := memo{digest: f[1], until: time.Unix(until, 0), briefs: briefs, pages: pages}
	if rest != "" {
		m.warnings = strings.Split(rest, "\n")
	}
	return m, true
}

// unchanged returns the result of the previous build into the sink when
// its memo shows that nothing changed since, and keeps its output.
func (b *Builder) unchanged(start time.Time) (*Result, bool) {
	digest, ok := b.digest()
	if !ok {
		return nil, false
	}
	b.inputs = digest
	m, ok := parseMemo(b.sink.Memo())
	if !ok || m.digest != digest || !b.opts.Now().Before(m.until) || !b.sink.KeepAll() {
		return nil, false
	}
	return &Result{Config: b.cfg, Briefs: m.briefs, Pages: m.pages, Warnings: m.warnings, Duration: time.Since(start)}, true
}

// siteFolders are the folders of a site that a build reads, besides
// config.toml.
var siteFolders = []string{"content", StaticDir, "layouts", "themes"}

// digest hashes every input of a build: the program, the options, and the
// path and contents of config.toml and of every file in the folders a
// build reads. ok is false when a file cannot be read; the build then
// reads it itself and reports the error.
//
// A file's contents are known by its status where the system gives one
// that changes with every write (see statKey), as Git knows its index:
// a build with nothing to do then reads no file.
func (b *Builder) digest() (string, bool) {
	type input struct {
		path  string
		entry fs.DirEntry // as the walk found it; nil for config.toml
		info  fs.FileInfo // config.toml's
	}
	var inputs []input
	var mu sync.Mutex // walk.Dir calls on several goroutines
	for _, dir := range siteFolders {
		err := walk.Dir(b.opts.FS, dir, func(p string, d fs.DirEntry) error {
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
	info, _ := fs.Stat(b.opts.FS, config.FileName)
	inputs = append(inputs, input{path: config.FileName, info: info})
	// Each file's status, or the sum of its bytes, on several goroutines:
	// a large site has hundreds of thousands of files to look at.
	now := statClock()
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
		data, err := fs.ReadFile(b.opts.FS, in.path)
		sum := sha256.Sum256(data)
		sums[i], failed[i] = hex.EncodeToString(sum[:]), err != nil
	})
	h := sha256.New()
	fmt.Fprintf(h, "%s|%x|%v|%v|%d\n", program(), b.cfgKey, b.opts.Check, b.opts.Strict, len(inputs))
	for i, in := range inputs {
		if failed[i] {
			return "", false
		}
		fmt.Fprintf(h, "%s\x00%s\n", in.path, sums[i])
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// statClock is the clock statKey measures files against.
var statClock = time.Now

// racyWindow is how recent a change must be for a file's status not to be
// trusted: within it, a second write of the same size can leave the same
// times on a file system whose clock ticks coarsely.
const racyWindow = 2 * time.Second

// validUntil returns the first time after now at which the output of the
// same inputs can change: a brief falls due or leaves the Google News
// sitemap's window, a date crosses a check rule's threshold. While a brief
// waits in the future, the check's warnings count the days to it, so the
// memo lasts an hour at most.
func (b *Builder) validUntil(now time.Time) time.Time {
	until := now.Add(30 * 24 * time.Hour)
	consider := func(t time.Time) {
		if t.After(now) && t.Before(until) {
			until = t
		}
	}
	schedule := time.Duration(b.cfg.Check.ScheduleDays) * 24 * time.Hour
	for _, e := range b.briefs {
		if e.brief == nil {
			continue
		}
		br := e.brief
		for _, t := range []time.Time{br.Date, br.Updated} {
			consider(t)
			consider(t.Add(render.NewsWindow))
			consider(t.Add(-schedule))
		}
		for _, c := range br.Corrections {
			consider(c.Date)
			consider(c.Date.Add(render.NewsWindow))
		}
		if br.Date.After(now) {
			consider(now.Add(time.Hour))
		}
	}
	return until
}
