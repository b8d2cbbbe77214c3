// Package cli implements the briefs command: its subcommands, flags, messages and exit codes.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/check"
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/output"
	"github.com/briefs-dev/briefs/internal/sitefs"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitFail  = 1 // the command ran and failed: a broken build, findings
	ExitUsage = 2 // the command line was wrong
)

// command is one subcommand.
type command struct {
	name    string
	args    string // synopsis after the name
	summary string
	run     func(ctx context.Context, e *env, args []string) int
	flags   func(flags *flag.FlagSet) // registers the flags, for help
}

// env carries the streams of one run.
type env struct {
	stdout, stderr io.Writer
}

func commands() []*command {
	return []*command{
		{name: "build", args: "[flags]", summary: "build the site into the output folder", run: runBuild, flags: func(flags *flag.FlagSet) { new(buildFlags).register(flags) }},
		{name: "serve", args: "[flags]", summary: "preview the site with live reload", run: runServe, flags: func(flags *flag.FlagSet) { new(serveFlags).register(flags) }},
		{name: "check", args: "[flags] [paths...]", summary: "check briefs against the editorial and link rules", run: runCheck, flags: func(flags *flag.FlagSet) { new(checkFlags).register(flags) }},
		{name: "deploy", args: "[target] [flags]", summary: "upload the built site to a bucket of a [[deploy]] target", run: runDeploy, flags: func(flags *flag.FlagSet) { new(deployFlags).register(flags) }},
		{name: "edition", args: "YYYY-MM-DD [flags]", summary: "print the newsletter edition of a day", run: runEdition, flags: func(flags *flag.FlagSet) { new(editionFlags).register(flags) }},
		{name: "init", args: "[DIR] [flags]", summary: "start a new site, with sample briefs", run: runInit, flags: func(flags *flag.FlagSet) { new(initFlags).register(flags) }},
		{name: "next", args: "[flags]", summary: "print when the site next changes with time alone (exit 3: never)", run: runNext, flags: func(flags *flag.FlagSet) { new(nextFlags).register(flags) }},
		{name: "retire", args: "/briefs/x/ [flags]", summary: "record that a brief URL was removed on purpose", run: runRetire, flags: func(flags *flag.FlagSet) { new(retireFlags).register(flags) }},
		{name: "new", args: "brief|page \"Title\" [flags]", summary: "write a new brief or standalone page, ready to fill in", run: runNew, flags: func(flags *flag.FlagSet) { new(newFlags).register(flags) }},
		{name: "version", summary: "print the version", run: runVersion},
		{name: "help", args: "[command]", summary: "show help for a command", run: runHelp},
	}
}

func find(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

// Run runs the briefs command with args (without the program name) and
// returns its exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout)
		return ExitOK
	case "-v", "-version", "--version":
		return runVersion(ctx, e, nil)
	}
	c := find(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "briefs: unknown command %q\n\n", args[0])
		usage(stderr)
		return ExitUsage
	}
	return c.run(ctx, e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "briefs builds, previews and checks a site of news briefs.\n\nUsage:\n  briefs <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'briefs help <command>' for a command's flags.\n")
}

func commandUsage(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: briefs %s %s\n\n%s.\n", c.name, c.args, strings.ToUpper(c.summary[:1])+c.summary[1:])
	if c.flags != nil {
		flags := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.flags(flags)
		fmt.Fprintf(w, "\nFlags:\n")
		printFlags(w, flags)
	}
}

// printFlags lists flags, pairing a short name with its long one.
func printFlags(w io.Writer, flags *flag.FlagSet) {
	short := map[string]string{} // usage → short name
	var long []*flag.Flag
	flags.VisitAll(func(f *flag.Flag) {
		if len(f.Name) == 1 {
			short[f.Usage] = f.Name
			return
		}
		long = append(long, f)
	})
	sort.Slice(long, func(i, j int) bool { return long[i].Name < long[j].Name })
	for _, f := range long {
		name := "    --" + f.Name
		if s, ok := short[f.Usage]; ok {
			name = "-" + s + ", --" + f.Name
		}
		typ, usage := flag.UnquoteUsage(f)
		if typ != "" {
			name += " " + typ
		}
		def := ""
		switch {
		case f.DefValue == "" || f.DefValue == "false":
		case typ == "string":
			def = fmt.Sprintf(" (default %q)", f.DefValue)
		default:
			def = fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "  %-28s %s%s\n", name, usage, def)
	}
}

// parse parses a command's flags; on a usage error it prints what was wrong
// and the usage, and returns false.
func parse(e *env, c *command, flags *flag.FlagSet, args []string) ([]string, int, bool) {
	flags.SetOutput(io.Discard)
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			commandUsage(e.stdout, c)
			return nil, ExitOK, false
		}
		fmt.Fprintf(e.stderr, "briefs %s: %v\n\n", c.name, err)
		commandUsage(e.stderr, c)
		return nil, ExitUsage, false
	}
	return flags.Args(), 0, true
}

// parseInterspersed is parse for commands whose flags may follow their
// words, as in `briefs edition 2026-06-07 --text`: it returns the words.
func parseInterspersed(e *env, c *command, flags *flag.FlagSet, args []string) ([]string, int, bool) {
	var words []string
	for len(args) > 0 {
		rest, code, ok := parse(e, c, flags, args)
		if !ok {
			return nil, code, false
		}
		if len(rest) == 0 {
			break
		}
		words, args = append(words, rest[0]), rest[1:]
	}
	return words, 0, true
}

// parseSiteCommand parses the flags of a command that takes no other
// arguments and checks its site folder; on a usage error it has printed it.
func parseSiteCommand(e *env, c *command, flags *flag.FlagSet, args []string, site *siteFlags) (int, bool) {
	rest, code, ok := parse(e, c, flags, args)
	switch {
	case !ok:
		return code, false
	case len(rest) > 0:
		return usageError(e, c, "unexpected argument %q", rest[0]), false
	}
	if err := site.check(); err != nil {
		return usageError(e, c, "%v", err), false
	}
	if err := notASite(site.source); err != nil {
		fmt.Fprintf(e.stderr, "briefs %s: %v\n", c.name, err)
		return ExitFail, false
	}
	return 0, true
}

// checkBaseURL reports a --base-url that is not an absolute http(s) URL.
func checkBaseURL(u string) error {
	if u == "" {
		return nil
	}
	cfg := config.Default()
	cfg.BaseURL = u
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("--base-url: %s", strings.TrimPrefix(err.Error(), "base_url: "))
	}
	return nil
}

func usageError(e *env, c *command, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "briefs %s: %s\n\n", c.name, fmt.Sprintf(format, args...))
	commandUsage(e.stderr, c)
	return ExitUsage
}

// siteFlags are the flags every command that loads a site has.
type siteFlags struct {
	source string
	drafts bool
	future bool
}

func (f *siteFlags) register(flags *flag.FlagSet) {
	flags.StringVar(&f.source, "s", ".", "the site's folder")
	flags.StringVar(&f.source, "source", ".", "the site's folder")
	flags.BoolVar(&f.drafts, "drafts", false, "include briefs marked draft")
	flags.BoolVar(&f.future, "future", false, "include briefs dated in the future")
}

func (f *siteFlags) check() error {
	st, err := os.Stat(f.source)
	if err != nil {
		return fmt.Errorf("site folder %s: %w", f.source, errors.Unwrap(err))
	}
	if !st.IsDir() {
		return fmt.Errorf("site folder %s is not a folder", f.source)
	}
	return nil
}

type buildFlags struct {
	siteFlags
	baseURL string
	dest    string
	quiet   bool
	force   bool
	sync    bool
	strict  bool
	noCheck bool
	at      atFlag
	// Profiles of the build, for go tool pprof.
	cpuProfile string
	memProfile string
	cacheDir   string
}

func (f *buildFlags) register(flags *flag.FlagSet) {
	f.siteFlags.register(flags)
	flags.StringVar(&f.baseURL, "base-url", "", "the site's absolute URL, overriding base_url")
	flags.StringVar(&f.dest, "d", "", "the output folder (default: the config's build.destination, \"public\")")
	flags.StringVar(&f.dest, "destination", "", "the output folder (default: the config's build.destination, \"public\")")
	flags.BoolVar(&f.quiet, "quiet", false, "print only errors")
	flags.BoolVar(&f.force, "force", false, "replace a non-empty output folder that briefs did not write")
	flags.BoolVar(&f.sync, "sync", false, "write the output to the disk before exiting, so that it survives a power loss (also [build] sync)")
	flags.BoolVar(&f.strict, "strict", false, "fail on any finding of the briefs check rules")
	flags.BoolVar(&f.noCheck, "no-check", false, "build without the briefs check rules, even a brief they would refuse")
	registerAt(flags, &f.at)
	flags.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the build to `file`, for go tool pprof")
	flags.StringVar(&f.memProfile, "memprofile", "", "write a profile of the memory in use at the end of the build to `file`")
	flags.StringVar(&f.cacheDir, "cache-dir", "", "keep processed photos in `folder` (default: [images] cache_dir, else the user's cache folder)")
}

func runBuild(ctx context.Context, e *env, args []string) int {
	began := time.Now()
	c := find("build")
	var f buildFlags
	flags := flag.NewFlagSet("build", flag.ContinueOnError)
	f.register(flags)
	if code, ok := parseSiteCommand(e, c, flags, args, &f.siteFlags); !ok {
		return code
	}
	if err := checkBaseURL(f.baseURL); err != nil {
		return usageError(e, c, "%v", err)
	}
	// The files go to the output folder as they are rendered, and take its
	// place only when the build succeeds.
	var (
		dest string
		w    *output.Writer
	)
	fsys, closeFS, err := siteFS(f.source)
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs build: %v\n", err)
		return ExitFail
	}
	defer closeFS()
	if f.noCheck && f.strict {
		return usageError(e, c, "--no-check and --strict contradict each other: give one")
	}
	var checker build.Checker = check.InBuild{Strict: f.strict}
	if f.noCheck {
		checker = nil
		fmt.Fprintln(e.stderr, "briefs build: --no-check: the check rules do not run, so a brief they would refuse is published")
	}
	sized, restoreLimit := limitMemory()
	defer restoreLimit()
	b := build.New(build.Options{
		FS:       fsys,
		Drafts:   f.drafts,
		Future:   f.future,
		BaseURL:  f.baseURL,
		Check:    checker,
		Strict:   f.strict,
		Sized:    sized,
		Now:      f.at.now,
		SiteDir:  f.source,
		CacheDir: f.cacheDir,
		Output: func(cfg *config.Config) (build.Sink, error) {
			dest = f.dest
			if dest == "" {
				dest = filepath.FromSlash(cfg.Build.Destination)
				if !filepath.IsAbs(dest) {
					dest = filepath.Join(f.source, dest)
				}
			}
			if err := checkDestination(f.source, dest); err != nil {
				return nil, err
			}
			var err error
			if w, err = output.Open(dest, output.Options{Force: f.force, Sync: f.sync || cfg.Build.Sync}); err != nil {
				return nil, fmt.Errorf("writing %s: %w", dest, err)
			}
			return w, nil
		},
	})
	stopProfile, err := startCPUProfile(f.cpuProfile)
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs build: %v\n", err)
		return ExitFail
	}
	res, err := b.Build(ctx, nil)
	stopProfile()
	if err == nil && f.memProfile != "" {
		err = writeHeapProfile(f.memProfile)
	}
	if err != nil {
		if w != nil {
			w.Abort()
		}
		reportErrors(e.stderr, err)
		if errors.Is(err, check.ErrRefused) {
			fmt.Fprintln(e.stderr, "The check rules refuse to publish these briefs: fix them (briefs check lists the same errors), or build anyway with --no-check.")
		}
		return ExitFail
	}
	if !f.quiet {
		for _, w := range res.Warnings {
			fmt.Fprintln(e.stderr, w)
		}
	}
	// A CNAME that GitHub Pages' settings wrote into the folder stays.
	if err := w.KeepIfAbsent("CNAME"); err != nil {
		w.Abort()
		fmt.Fprintf(e.stderr, "briefs build: writing %s: %v\n", dest, err)
		return ExitFail
	}
	if !f.quiet {
		listReplaced(e.stderr, dest, w.Replaced())
	}
	st, err := w.Commit()
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs build: writing %s: %v\n", dest, err)
		return ExitFail
	}
	for _, msg := range w.Warnings() {
		fmt.Fprintf(e.stderr, "warning: %s\n", msg)
	}
	if !f.quiet {
		fmt.Fprintf(e.stdout, "Built %s into %s: %d pages, %d files (%d written, %d unchanged, %d removed) in %s\n",
			plural(res.Briefs, "brief"), dest, res.Pages, st.Files, st.Written, st.Unchanged, st.Removed, time.Since(began).Round(time.Millisecond))
	}
	return ExitOK
}

// maxListed is how many of the files --force replaces a build names.
const maxListed = 20

// listReplaced names the files of a folder that briefs did not write and
// that --force is about to replace, before the build puts its output in
// their place.
func listReplaced(w io.Writer, dest string, files []string) {
	if len(files) == 0 {
		return
	}
	fmt.Fprintf(w, "briefs build: --force: %s was not written by briefs; removing or replacing %s in it:\n", dest, plural(len(files), "file"))
	for i, p := range files {
		if i == maxListed {
			fmt.Fprintf(w, "  and %d more\n", len(files)-maxListed)
			break
		}
		fmt.Fprintf(w, "  %s\n", filepath.FromSlash(p))
	}
}

// siteFS opens the site's folder such that the system refuses every path
// that would leave it, symbolic links included.
func siteFS(dir string) (fsys fs.FS, closeFS func(), err error) {
	fsys, closeDir, err := sitefs.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	return fsys, func() { closeDir() }, nil
}

// startCPUProfile starts a CPU profile into the named file, if any, and
// returns the function that ends it.
func startCPUProfile(name string) (stop func(), err error) {
	if name == "" {
		return func() {}, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeHeapProfile writes a profile of the memory in use to the named file.
func writeHeapProfile(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	runtime.GC() // the profile shows the heap as of the last collection
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// checkDestination refuses output folders that would overwrite the site.
func checkDestination(source, dest string) error {
	src, err1 := filepath.Abs(source)
	dst, err2 := filepath.Abs(dest)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	// Compare real paths: a symlinked output folder may point into the site.
	if real, err := filepath.EvalSymlinks(src); err == nil {
		src = real
	}
	if real, err := filepath.EvalSymlinks(dst); err == nil {
		dst = real
	}
	if dst == src || strings.HasPrefix(src, dst+string(filepath.Separator)) {
		return fmt.Errorf("the output folder %s would replace the site itself", dest)
	}
	for _, d := range []string{"content", "static", "layouts", "themes"} {
		inside := filepath.Join(src, d)
		if dst == inside || strings.HasPrefix(dst, inside+string(filepath.Separator)) {
			return fmt.Errorf("the output folder %s is inside the site's %s/ folder", dest, d)
		}
	}
	// Another site's folder is refused even with --force, which is for
	// output folders that a build did not make.
	for _, name := range []string{config.FileName, "content"} {
		if _, err := os.Lstat(filepath.Join(dst, name)); err == nil {
			return fmt.Errorf("the output folder %s holds a site (it has %s): refusing to replace it", dest, name)
		}
	}
	if info, err := os.Stat(dst); err == nil && !info.IsDir() {
		return fmt.Errorf("the output folder %s is a file", dest)
	}
	return nil
}

// reportErrors prints every error of a failed build, one per line, and a
// count.
func reportErrors(w io.Writer, err error) {
	var list diag.List
	if !errors.As(err, &list) {
		fmt.Fprintf(w, "%v\nbuild failed\n", err)
		return
	}
	list.Sort()
	for _, e := range list {
		fmt.Fprintln(w, e.Error())
	}
	n := "1 error"
	if len(list) != 1 {
		n = fmt.Sprintf("%d errors", len(list))
	}
	fmt.Fprintf(w, "build failed: %s\n", n)
}

func runVersion(_ context.Context, e *env, args []string) int {
	v := "(devel)"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		v = info.Main.Version
	}
	fmt.Fprintf(e.stdout, "briefs %s\n", v)
	return ExitOK
}

func runHelp(_ context.Context, e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stdout)
		return ExitOK
	}
	c := find(args[0])
	if c == nil {
		fmt.Fprintf(e.stderr, "briefs help: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return ExitUsage
	}
	commandUsage(e.stdout, c)
	return ExitOK
}
