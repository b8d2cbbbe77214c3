package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/deploy"
)

type deployFlags struct {
	source     string
	dest       string
	dryRun     bool
	maxDeletes int
	force      bool
	insecure   bool
	verify     bool
	format     string
}

func (f *deployFlags) register(flags *flag.FlagSet) {
	flags.StringVar(&f.source, "s", ".", "the site's folder")
	flags.StringVar(&f.source, "source", ".", "the site's folder")
	flags.StringVar(&f.dest, "d", "", "the output folder to deploy (default: the config's build.destination, \"public\")")
	flags.StringVar(&f.dest, "destination", "", "the output folder to deploy (default: the config's build.destination, \"public\")")
	flags.BoolVar(&f.dryRun, "dry-run", false, "print what would be uploaded and deleted, and change nothing")
	flags.IntVar(&f.maxDeletes, "max-deletes", deploy.DefaultMaxDeletes, "stop before changing anything if more objects would be deleted")
	flags.BoolVar(&f.force, "force", false, "delete beyond --max-deletes, and objects under the prefix that briefs did not write")
	flags.BoolVar(&f.insecure, "insecure", false, "allow an http endpoint that is not on this machine")
	flags.BoolVar(&f.verify, "verify", false, "compare with a listing of the bucket, not the state the last deploy left in it (after changing the bucket by other means)")
	flags.StringVar(&f.format, "format", "text", "the summary's format: text or json")
}

func runDeploy(ctx context.Context, e *env, args []string) int {
	c := find("deploy")
	var f deployFlags
	flags := flag.NewFlagSet("deploy", flag.ContinueOnError)
	f.register(flags)
	words, code, ok := parseInterspersed(e, c, flags, args)
	if !ok {
		return code
	}
	switch {
	case len(words) > 1:
		return usageError(e, c, "unexpected argument %q", words[1])
	case f.format != "text" && f.format != "json":
		return usageError(e, c, "--format %q: use text or json", f.format)
	case f.maxDeletes < 0:
		return usageError(e, c, "--max-deletes %d: must not be negative", f.maxDeletes)
	}
	site := siteFlags{source: f.source}
	if err := site.check(); err != nil {
		return usageError(e, c, "%v", err)
	}
	cfg, err := config.Load(os.DirFS(f.source), config.FileName)
	if err != nil {
		fmt.Fprintf(e.stderr, "%v\nbriefs deploy: %s has errors\n", err, config.FileName)
		return ExitFail
	}
	name := ""
	if len(words) == 1 {
		name = words[0]
	}
	target, err := cfg.Target(name)
	if err != nil {
		return usageError(e, c, "%v", err)
	}
	dest := f.dest
	if dest == "" {
		dest = filepath.FromSlash(cfg.Build.Destination)
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(f.source, dest)
		}
	}
	max := f.maxDeletes
	if max == 0 {
		max = -1 // deploy's zero is its default; 0 here means none
	}
	opts := deploy.Options{
		Dir:           dest,
		Now:           time.Now(),
		Target:        target,
		Insecure:      f.insecure,
		DryRun:        f.dryRun,
		MaxDeletes:    max,
		Force:         f.force,
		Verify:        f.verify,
		PostDeployDir: f.source,
		Stdout:        e.stderr,
		Progress:      progressPrinter(e.stderr),
	}
	sum, err := deploy.Run(ctx, opts)
	if err != nil && ctx.Err() != nil {
		fmt.Fprintf(e.stderr, "briefs deploy: interrupted after %d uploads and %d deletes: the bucket serves a working site; deploy again to finish\n", sum.Uploaded, sum.Deleted)
		return ExitFail
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs deploy: %v\n", err)
		var tooMany *deploy.TooManyDeletesError
		if f.format == "json" && errors.As(err, &tooMany) {
			printDeployJSON(e.stdout, sum)
		}
		return ExitFail
	}
	if f.format == "json" {
		printDeployJSON(e.stdout, sum)
		return ExitOK
	}
	if f.dryRun {
		for _, p := range sum.Uploads {
			fmt.Fprintf(e.stdout, "upload %s\n", p)
		}
		for _, p := range sum.Deletes {
			fmt.Fprintf(e.stdout, "delete %s\n", p)
		}
		fmt.Fprintf(e.stdout, "Dry run of %s: would upload %d files (%s) and delete %d; %d unchanged, %d not written by briefs left alone\n",
			sum.Target, sum.Uploaded, bytesText(sum.Bytes), sum.Deleted, sum.Unchanged, sum.Kept)
		return ExitOK
	}
	fmt.Fprintf(e.stdout, "Deployed to %s: %d uploaded (%s), %d deleted, %d unchanged, %d not written by briefs left alone, in %s\n",
		sum.Target, sum.Uploaded, bytesText(sum.Bytes), sum.Deleted, sum.Unchanged, sum.Kept, sum.Duration.Round(time.Millisecond))
	if sum.Listed != "" {
		fmt.Fprintf(e.stdout, "Compared with a listing of the bucket: %s\n", sum.Listed)
	}
	return ExitOK
}

func printDeployJSON(w io.Writer, sum deploy.Summary) {
	if sum.Uploads == nil {
		sum.Uploads = []string{}
	}
	if sum.Deletes == nil {
		sum.Deletes = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(sum)
}

// progressPrinter shows a deploy's progress on w: a bar redrawn in place on
// a terminal, else a line as each stage starts (for CI logs).
func progressPrinter(w io.Writer) func(deploy.Progress) {
	f, ok := w.(*os.File)
	terminal := false
	if ok && os.Getenv("CI") == "" {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			terminal = true
		}
	}
	var last time.Time
	return func(p deploy.Progress) {
		if !terminal {
			if p.StageStarts {
				fmt.Fprintf(w, "%s: %d files\n", p.Stage, p.StageFiles)
			}
			return
		}
		done := p.Files == p.TotalFiles
		if !done && !p.StageStarts && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		const width = 30
		n := width
		if p.TotalFiles > 0 {
			n = width * p.Files / p.TotalFiles
		}
		bar := make([]byte, width)
		for i := range bar {
			bar[i] = ' '
			if i < n {
				bar[i] = '='
			}
		}
		fmt.Fprintf(w, "\r[%s] %d/%d files, %s/%s  %-28s", bar, p.Files, p.TotalFiles, bytesText(p.Bytes), bytesText(p.TotalBytes), p.Stage)
		if done {
			fmt.Fprintln(w)
		}
	}
}

// bytesText writes a count of bytes for people: "812 B", "1.4 MB".
func bytesText(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1000/1000)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1000/1000/1000)
}
