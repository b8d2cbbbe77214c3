package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/themes"
)

// compareOptions are the flags of briefs-bench compare.
type compareOptions struct {
	n      int
	seed   uint64
	runs   int
	edits  int
	work   string
	briefs string
	hugo   string
	scale  bool

	deletionWait time.Duration
}

// runCompare runs the comparison and prints its report.
func runCompare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o compareOptions
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.IntVar(&o.n, "n", 10000, "number of briefs of the generated site")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed of the generated site")
	fs.IntVar(&o.runs, "runs", 5, "runs of each measurement; the report gives medians")
	fs.IntVar(&o.edits, "edits", 3, "saves measured in each preview server session")
	fs.StringVar(&o.work, "work", "", "folder that keeps the generated sites between runs (default: a temporary folder)")
	fs.StringVar(&o.briefs, "briefs", "", "the briefs binary (default: go build ./cmd/briefs)")
	fs.StringVar(&o.hugo, "hugo", "", "the hugo binary (default: hugo on PATH)")
	fs.BoolVar(&o.scale, "scale", false, "also build a site 10 times larger with briefs (slow)")
	fs.DurationVar(&o.deletionWait, "deletion-wait", deletionShadow,
		"how old the last large deletion of a comparison on this machine must be before timing starts: ext4 creates files slowly for minutes after one")
	if _, err := parseFlags(fs, args, stdout, 0); err != nil {
		return err
	}
	if o.n < 1 || o.runs < 1 || o.edits < 1 {
		return usagef("-n, -runs and -edits must be at least 1")
	}
	c, err := newComparison(ctx, o, stderr)
	if err != nil {
		return err
	}
	defer c.close()
	res, err := c.run(ctx)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, c.report(res))
	return nil
}

// comparison holds the programs and folders of one run of compare.
type comparison struct {
	o       compareOptions
	log     io.Writer // progress
	work    string
	out     *outputs
	cleanup []string // folders to remove at the end
	mark    string   // see deletionMark

	briefs, hugo, self string // binaries; hugo is "" when missing
	hugoVersion        string
	briefsVersion      string
	site, hugoSite     string
	customSite         string // the site with the customized theme: see custom.go
	scaleSite          string // with -scale

	noticed map[string]bool // programs whose output was reported
	notes   []string        // for the report
}

func newComparison(ctx context.Context, o compareOptions, log io.Writer) (*comparison, error) {
	c := &comparison{o: o, log: log, noticed: map[string]bool{}, mark: deletionMark()}
	ok := false
	defer func() {
		if !ok {
			c.close()
		}
	}()
	var err error
	if c.work = o.work; c.work == "" {
		if c.work, err = os.MkdirTemp("", "briefs-bench-"); err != nil {
			return nil, err
		}
		c.cleanup = append(c.cleanup, c.work)
	}
	if c.work, err = filepath.Abs(c.work); err != nil {
		return nil, err
	}
	if c.out, err = newOutputs(c.work); err != nil {
		return nil, err
	}
	if c.self, err = os.Executable(); err != nil {
		return nil, err
	}
	if err := c.findBriefs(ctx); err != nil {
		return nil, err
	}
	c.findHugo(ctx)
	if c.site, err = c.ensureSite(o.n); err != nil {
		return nil, err
	}
	c.customSite = c.site + "-custom"
	err = c.ensure(c.customSite, func(tmp string) error {
		fmt.Fprintf(c.log, "Copying the site into %s for the customized theme\n", c.customSite)
		return os.CopyFS(tmp, os.DirFS(c.site))
	})
	if err != nil {
		return nil, err
	}
	// Written on every run: the default theme may have changed since the
	// site was kept.
	if err := writeCustomLayouts(c.customSite, themes.Default()); err != nil {
		return nil, err
	}
	if o.scale {
		if c.scaleSite, err = c.ensureSite(10 * o.n); err != nil {
			return nil, err
		}
	}
	if c.hugo != "" {
		c.hugoSite = filepath.Join(c.work, fmt.Sprintf("hugo-n%d-seed%d", o.n, o.seed))
		err := c.ensure(c.hugoSite, func(tmp string) error {
			fmt.Fprintf(c.log, "Converting to a Hugo site in %s\n", c.hugoSite)
			_, err := writeHugoSite(c.site, tmp, c.hugoVersion)
			return err
		})
		if err != nil {
			return nil, err
		}
		// The templates and config may have changed since the site was kept.
		if err := writeHugoTheme(c.hugoSite, c.hugoVersion); err != nil {
			return nil, err
		}
	}
	ok = true
	return c, nil
}

// close deletes the outputs, the trash and the temporary folders, and
// marks the deletion when it was large: see outputs.go.
func (c *comparison) close() {
	n := 0
	if c.out != nil {
		k, err := c.out.close()
		if err != nil {
			fmt.Fprintf(c.log, "Deleting the outputs: %v\n", err)
		}
		n += k
	}
	for _, d := range c.cleanup {
		k, err := removeAll(d)
		if err != nil {
			fmt.Fprintf(c.log, "Deleting %s: %v\n", d, err)
		}
		n += k
	}
	if n >= manyFiles {
		if err := markDeletion(c.mark); err != nil {
			fmt.Fprintf(c.log, "Deleted %d files and folders, but could not mark it for the next comparison: %v\n", n, err)
		}
	}
}

// waitForDeletions waits until the last large deletion of a comparison
// on this machine is -deletion-wait old, so that no build is timed in its
// shadow: see outputs.go.
func (c *comparison) waitForDeletions(ctx context.Context) error {
	fi, err := os.Stat(c.mark)
	if err != nil {
		return nil
	}
	left := shadowLeft(fi.ModTime(), time.Now(), c.o.deletionWait)
	if left == 0 {
		return nil
	}
	fmt.Fprintf(c.log, "A comparison deleted many files %s ago: waiting %s before timing, as ext4 creates files slowly for minutes after a deletion (-deletion-wait)\n",
		time.Since(fi.ModTime()).Round(time.Second), left.Round(time.Second))
	t := time.NewTimer(left)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ensureSite returns the folder of the generated site of n briefs,
// generating it unless it is kept in the work folder.
func (c *comparison) ensureSite(n int) (string, error) {
	dir := filepath.Join(c.work, fmt.Sprintf("site-n%d-seed%d", n, c.o.seed))
	return dir, c.ensure(dir, func(tmp string) error {
		fmt.Fprintf(c.log, "Generating %s briefs in %s\n", count(n), dir)
		_, err := corpus.Write(tmp, corpus.Options{Briefs: n, Seed: c.o.seed, Photos: -1})
		return err
	})
}

// ensure makes folder dir with write unless it exists. write writes into a
// temporary folder that becomes dir once complete, so that an interrupted
// run leaves no half-written folder to be taken for a whole one; such a
// folder goes to the trash, not deleted before builds are timed.
func (c *comparison) ensure(dir string, write func(tmp string) error) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	tmp := dir + ".tmp"
	if err := c.out.discard(tmp); err != nil {
		return err
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	if err := write(tmp); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}

// A builder is a program that builds a site into an output folder.
type builder struct {
	name string                    // "briefs", "briefs-custom", "hugo", "floor" or "floor-read"
	argv func(out string) []string // the command line of a build into out
}

func (c *comparison) builders() []builder {
	bs := []builder{
		{"briefs", func(out string) []string { return []string{c.briefs, "build", "-s", c.site, "-d", out, "--quiet"} }},
		{"briefs-custom", func(out string) []string {
			return []string{c.briefs, "build", "-s", c.customSite, "-d", out, "--quiet"}
		}},
	}
	if c.hugo != "" {
		bs = append(bs, builder{"hugo", func(out string) []string {
			return []string{c.hugo, "--source", c.hugoSite, "--destination", out, "--quiet"}
		}})
	}
	return append(bs,
		builder{"floor", func(out string) []string { return []string{c.self, "floor", "-quiet", c.site, out} }},
		builder{"floor-read", func(out string) []string { return []string{c.self, "floor", "-quiet", "-write=false", c.site, out} }},
	)
}

// rotate returns list turned by k places, so that each program of a round
// runs at another place in the next one and noise hits them all alike.
func rotate[T any](list []T, k int) []T {
	k %= len(list)
	return append(append([]T(nil), list[k:]...), list[:k]...)
}

// run takes every measurement.
func (c *comparison) run(ctx context.Context) (*results, error) {
	res := newResults(c.o.n, c.o.seed, c.o.runs)
	if err := c.waitForDeletions(ctx); err != nil {
		return nil, err
	}
	if err := c.builds(ctx, res, c.builders()); err != nil {
		return nil, err
	}
	if err := c.serve(ctx, res); err != nil {
		return nil, err
	}
	if c.o.scale {
		if err := c.scale(ctx, res); err != nil {
			return nil, err
		}
	}
	if err := c.writeOuts(ctx, res); err != nil {
		return nil, err
	}
	return res, nil
}

// builds measures the builds of bs in -runs rounds: in each, a fresh
// build of every builder into a new folder of its own, then a rebuild of
// briefs and of hugo into the folder of their fresh build of the round.
// No output is deleted before the comparison ends: see outputs.go.
func (c *comparison) builds(ctx context.Context, res *results, bs []builder) error {
	for r := range c.o.runs {
		order := rotate(bs, r)
		outs := map[string]string{}
		for _, b := range order {
			out := c.out.folder(fmt.Sprintf("%s-%d", b.name, r+1))
			s, err := c.timeBuild(ctx, b.name, b.argv(out))
			if err != nil {
				return err
			}
			outs[b.name] = out
			c.notice(b.name, s.output)
			c.progress(r, b.name+" fresh build", s)
			if b.name == "floor-read" {
				res.floorRead = append(res.floorRead, s.wall)
				continue
			}
			res.fresh[b.name] = append(res.fresh[b.name], s.wall)
			res.rss[b.name] = append(res.rss[b.name], s.maxRSS)
		}
		for _, b := range order {
			if b.name != "briefs" && b.name != "hugo" {
				continue
			}
			quiesce()
			s, err := runTimed(ctx, b.argv(outs[b.name]))
			if err != nil {
				return err
			}
			c.notice(b.name, s.output)
			c.progress(r, b.name+" rebuild", s)
			res.rebuild[b.name] = append(res.rebuild[b.name], s.wall)
		}
	}
	return nil
}

// timeBuild times argv, a fresh build of kind into a new folder, once the
// disk is known to have room for it and is quiet.
func (c *comparison) timeBuild(ctx context.Context, kind string, argv []string) (sample, error) {
	if err := c.out.checkSpace(kind); err != nil {
		return sample{}, err
	}
	quiesce()
	before, _ := freeSpace(c.out.dir)
	s, err := runTimed(ctx, argv)
	if after, ok := freeSpace(c.out.dir); ok && err == nil {
		c.out.record(kind, before, after)
	}
	return s, err
}

// serve measures the preview servers: start to first page, and saves of
// one brief to its page served with the edit.
func (c *comparison) serve(ctx context.Context, res *results) error {
	file, page, err := editTarget(c.site, c.o.n/2)
	if err != nil {
		return err
	}
	type server struct {
		name string
		argv func(port int) []string
		file string
	}
	servers := []server{{"briefs", func(port int) []string {
		return []string{c.briefs, "serve", "-s", c.site, "--port", strconv.Itoa(port)}
	}, filepath.Join(c.site, file)}}
	if c.hugo != "" {
		// hugo server as editors run it: with its default fast render,
		// which re-renders after a save only the pages a browser has
		// visited lately. --disableFastRender would re-render every page,
		// as briefs does for the pages a brief is on, and take seconds.
		servers = append(servers, server{"hugo", func(port int) []string {
			return []string{c.hugo, "server", "--source", c.hugoSite, "--port", strconv.Itoa(port), "--bind", "127.0.0.1"}
		}, filepath.Join(c.hugoSite, file)})
	}
	for r := range c.o.runs {
		for _, s := range rotate(servers, r) {
			port, err := freePort()
			if err != nil {
				return err
			}
			quiesce()
			sr, err := serveSession(ctx, s.argv(port), port, s.file, page, c.o.edits, s.name == "briefs")
			if err != nil {
				return fmt.Errorf("%s serve: %w", s.name, err)
			}
			res.start[s.name] = append(res.start[s.name], sr.start)
			res.served[s.name] = append(res.served[s.name], sr.served...)
			res.reload = append(res.reload, sr.reload...)
			fmt.Fprintf(c.log, "run %d: %s serve: first page %s, saves served %s", r+1, s.name, dur(stat{sr.start.Seconds(), true}), durs(sr.served))
			if len(sr.reload) > 0 {
				fmt.Fprintf(c.log, ", reload events %s", durs(sr.reload))
			}
			fmt.Fprintln(c.log)
		}
	}
	return nil
}

// editTarget returns the file of brief i of a generated site, relative to
// the site, and the URL path of its page.
func editTarget(site string, i int) (file, page string, err error) {
	for _, f := range []string{
		fmt.Sprintf("content/briefs/brief-%d.md", i),
		fmt.Sprintf("content/briefs/brief-%d/index.md", i),
	} {
		if _, err := os.Stat(filepath.Join(site, f)); err == nil {
			return f, fmt.Sprintf("/briefs/brief-%d/", i), nil
		}
	}
	return "", "", fmt.Errorf("%s: no brief-%d to edit", site, i)
}

// scale measures fresh builds of a site ten times larger with briefs alone:
// Hugo would take minutes and gigabytes.
func (c *comparison) scale(ctx context.Context, res *results) error {
	n := 10 * c.o.n
	res.scaleN = n
	for r := range c.o.runs {
		out := c.out.folder(fmt.Sprintf("briefs-scale-%d", r+1))
		s, err := c.timeBuild(ctx, "briefs-scale", []string{c.briefs, "build", "-s", c.scaleSite, "-d", out, "--quiet"})
		if err != nil {
			return err
		}
		c.notice("briefs", s.output)
		c.progress(r, fmt.Sprintf("briefs fresh build of %s briefs", count(n)), s)
		res.scaleFresh = append(res.scaleFresh, s.wall)
		res.scaleRSS = append(res.scaleRSS, s.maxRSS)
	}
	return nil
}

// writeOuts times writing the output of briefs' first fresh build again,
// without rendering it (briefs-bench writeout), -runs times; with -scale,
// also that of the larger site. It is the part of a fresh build that
// depends on the file system alone.
func (c *comparison) writeOuts(ctx context.Context, res *results) error {
	type source struct {
		name, from string
		n          int
		into       *[]time.Duration
	}
	sources := []source{{"writeout", "briefs-1", c.o.n, &res.writeOut}}
	if c.o.scale {
		sources = append(sources, source{"writeout-scale", "briefs-scale-1", 10 * c.o.n, &res.scaleWriteOut})
	}
	for _, src := range sources {
		for r := range c.o.runs {
			out := c.out.folder(fmt.Sprintf("%s-%d", src.name, r+1))
			s, err := c.timeBuild(ctx, src.name, []string{c.self, "writeout", c.out.folder(src.from), out})
			if err != nil {
				return err
			}
			took, err := parseWriteOut(s.output)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.log, "run %d: writing the output of %s briefs again: %s\n", r+1, count(src.n), dur(stat{took.Seconds(), true}))
			*src.into = append(*src.into, took)
		}
	}
	return nil
}

func (c *comparison) progress(r int, what string, s sample) {
	fmt.Fprintf(c.log, "run %d: %s: %s, %s\n", r+1, what, dur(stat{s.wall.Seconds(), true}), mem(stat{float64(s.maxRSS), true}))
}

// notice reports, once per program, what a quiet build printed: warnings
// that a generated site should not have.
func (c *comparison) notice(name, output string) {
	output = strings.TrimSpace(output)
	if output == "" || c.noticed[name] {
		return
	}
	c.noticed[name] = true
	lines := strings.Split(output, "\n")
	fmt.Fprintf(c.log, "%s printed %d lines, the first: %s\n", name, len(lines), lines[0])
	c.notes = append(c.notes, fmt.Sprintf("%s printed %d lines on a build, the first: `%s`", name, len(lines), lines[0]))
}

func durs(ds []time.Duration) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = dur(stat{d.Seconds(), true})
	}
	return strings.Join(s, " ")
}

// report formats the results: a markdown table and what it was measured on.
func (c *comparison) report(res *results) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n## briefs vs Hugo: %s generated briefs (seed %d), medians of %s\n\n", count(res.n), res.seed, plural(res.runs, "run"))
	b.WriteString(table(res.rows()))
	hugo := c.hugoVersion
	if hugo == "" {
		hugo = "hugo not installed"
	}
	fmt.Fprintf(&b, "\nMachine: %s, %d cores, %s %s/%s; %s; %s.\n", cpuModel(), runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, c.briefsVersion, hugo)
	fmt.Fprintf(&b, "Floor: decode front matter, goldmark, one file per brief (briefs-bench floor); without writing: %s.\n", dur(durStat(res.floorRead)))
	fmt.Fprintf(&b, "Serve: %s in each of %s; page served = first 200 with the edit, polled every %v.\n", plural(c.o.edits, "save"), plural(res.runs, "session"), pollEvery)
	fmt.Fprintf(&b, "Customized theme: the same site with %s in layouts/, the default theme's with one line changed each.\n", customFiles())
	b.WriteString("Disk: each fresh build into a new folder, synced before; no output deleted until the end.\n")
	if res.scaleN > 0 {
		fmt.Fprintf(&b, "At %s briefs only briefs is measured.\n", count(res.scaleN))
	}
	b.WriteString("Writing alone: the files of briefs' first fresh build, read into memory, then written into a new folder with briefs' writer (briefs-bench writeout), as a build writes them.\n")
	for _, n := range c.notes {
		fmt.Fprintf(&b, "Note: %s.\n", n)
	}
	return b.String()
}

// cpuModel returns the model name of the first CPU in /proc/cpuinfo.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

// plural returns "1 run" or "5 runs".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
