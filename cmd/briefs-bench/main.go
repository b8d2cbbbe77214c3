// Command briefs-bench measures the briefs binary against Hugo and against
// a bare floor program on the same generated site, as issue 6 asks.
//
// Usage:
//
//	briefs-bench corpus [-n 10000] [-seed 1] [-photos 0.5] DIR
//	briefs-bench hugo-site SITE DIR
//	briefs-bench floor [-write=true] [-quiet] SITE OUT
//	briefs-bench compare [-n 10000] [-seed 1] [-runs 5] [-edits 3] [-work DIR] [-briefs PATH] [-hugo PATH] [-scale] [-deletion-wait 5m]
//	briefs-bench writeout SRC DST
//
// corpus writes a generated site of briefs (internal/corpus). hugo-site
// converts a site to a Hugo site with equivalent templates. floor is the
// floor of the issue: a bare program that decodes each brief's front
// matter, converts its Markdown with goldmark and writes one file per
// brief, on every core. compare runs the whole comparison and prints a
// markdown table of the targets, and of a fresh build with a
// customized theme against one with the default theme. writeout times
// writing a built site again with briefs' writer, without rendering it
// (see writeout.go).
//
// How compare measures: every program runs as a child process; its wall
// time and peak resident memory (getrusage's ru_maxrss) are taken from the
// outside. Each measurement is taken -runs times, the programs taking
// turns in an order that rotates from one round to the next, so that the
// noise of a busy machine hits them alike; the report gives medians. A
// fresh build writes into a new folder of its own, and the file system is
// synced before every timed step. No output is deleted until the
// comparison ends, because ext4 creates files slowly for minutes after a
// large deletion (see outputs.go): the disk must hold every output of the
// comparison, under 2 GB a round at 10,000 briefs. A rebuild runs again
// into the output of the same round's fresh build.
// The customized theme is a copy of the generated site whose layouts/
// holds the default theme's brief.html and partials/footer.html, each with
// one line changed (see custom.go), so that briefs renders them from the
// site, not from the theme it embeds. Its fresh build by briefs takes its
// turn in the same rounds as the other programs, as "briefs-custom".
// A preview server is timed from its start to the first 200 of the home
// page, then one brief is saved -edits times with a new word appended and
// each save is timed to the first response of the brief's page that holds
// the word, fetched every 2 ms; for briefs also to its live-reload event.
// The generated sites, and the copy with the customized theme, stay in
// -work between runs; the copy's two templates are written again on every
// run, from the default theme briefs-bench was built with.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError reports a wrong command line; run prints the usage with it.
type usageError string

func (e usageError) Error() string { return string(e) }

func usagef(format string, args ...any) error { return usageError(fmt.Sprintf(format, args...)) }

const usage = `briefs-bench measures briefs against Hugo on a generated site.

Usage:
  briefs-bench corpus [-n 10000] [-seed 1] [-photos 0.5] DIR
  briefs-bench hugo-site SITE DIR
  briefs-bench floor [-write=true] [-quiet] SITE OUT
  briefs-bench compare [flags]
  briefs-bench writeout SRC DST

Run 'briefs-bench <command> -h' for a command's flags.
`

// run runs briefs-bench with args (without the program name) and returns
// its exit code: 0, 1 when the command failed, 2 for a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	commands := map[string]func(context.Context, []string, io.Writer, io.Writer) error{
		"corpus":    runCorpus,
		"hugo-site": runHugoSite,
		"floor":     runFloor,
		"compare":   runCompare,
		"writeout":  runWriteOut,
	}
	cmd, ok := commands[args[0]]
	if !ok {
		if args[0] == "-h" || args[0] == "-help" || args[0] == "help" {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "briefs-bench: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd(ctx, args[1:], stdout, stderr)
	var ue usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "briefs-bench %s: %v\n\n%s", args[0], err, usage)
		return 2
	default:
		fmt.Fprintf(stderr, "briefs-bench %s: %v\n", args[0], err)
		return 1
	}
}

// parseFlags parses a command's flags and checks that want positional
// arguments follow; for -h it prints the flags to stdout.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer, want int) ([]string, error) {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fmt.Fprintf(stdout, "Flags of briefs-bench %s:\n", fs.Name())
			fs.PrintDefaults()
			return nil, err
		}
		return nil, usageError(err.Error())
	}
	if fs.NArg() != want {
		return nil, usagef("want %s after the flags, have %d", plural(want, "argument"), fs.NArg())
	}
	return fs.Args(), nil
}
