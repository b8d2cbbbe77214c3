package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/check"
	"github.com/briefs-dev/briefs/internal/load"
	"github.com/briefs-dev/briefs/internal/site"
)

// ExitNone is the exit code of briefs next when nothing is scheduled: the
// site's output will not change with time alone.
const ExitNone = 3

// atFlag is --at: the moment a command sees the site at, in place of now.
// It must carry its offset, as publish_at must.
type atFlag struct{ t time.Time }

func (a *atFlag) String() string {
	if a.t.IsZero() {
		return ""
	}
	return a.t.Format(time.RFC3339)
}

func (a *atFlag) Set(s string) error {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("%q is not a time with its offset, such as 2026-06-07T09:30:00-04:00 or 2026-06-07T13:30:00Z", s)
	}
	a.t = t
	return nil
}

// now returns the time given with --at, else the wall clock's.
func (a *atFlag) now() time.Time {
	if a.t.IsZero() {
		return time.Now()
	}
	return a.t
}

func registerAt(flags *flag.FlagSet, a *atFlag) {
	flags.Var(a, "at", "see the site as it is at `time` (RFC 3339, with its offset), not now")
}

type nextFlags struct {
	siteFlags
	at     atFlag
	format string
	strict bool
}

func (f *nextFlags) register(flags *flag.FlagSet) {
	f.siteFlags.register(flags)
	registerAt(flags, &f.at)
	flags.StringVar(&f.format, "format", "text", "how to print: text or json")
	flags.BoolVar(&f.strict, "strict", false, "count the check rules' findings, which fail a strict build, as changes")
}

// nextJSON is what briefs next --format json prints.
type nextJSON struct {
	Next    *time.Time `json:"next"`    // null when nothing is scheduled
	Changes []string   `json:"changes"` // what changes then
}

// runNext prints the next moment at which the site's output changes with
// time alone, and what changes then: what a scheduled job needs to know to
// rebuild only when it must.
func runNext(ctx context.Context, e *env, args []string) int {
	c := find("next")
	var f nextFlags
	flags := flag.NewFlagSet("next", flag.ContinueOnError)
	f.register(flags)
	if code, ok := parseSiteCommand(e, c, flags, args, &f.siteFlags); !ok {
		return code
	}
	if f.format != "text" && f.format != "json" {
		return usageError(e, c, "--format %q: use text or json", f.format)
	}
	fsys, closeFS, err := siteFS(f.source)
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs next: %v\n", err)
		return ExitFail
	}
	defer closeFS()
	cfg, briefs, problems, err := load.All(ctx, fsys)
	if err == nil {
		err = problems.Err()
	}
	now := f.at.now()
	var s *site.Site
	if err == nil {
		s, err = site.New(cfg, briefs, site.Options{Drafts: cfg.Build.Drafts || f.drafts, Future: cfg.Build.Future || f.future, Now: now})
	}
	if err != nil {
		reportErrors(e.stderr, err)
		return ExitFail
	}
	var checker build.Checker
	if f.strict {
		checker = check.InBuild{Strict: true}
	}
	next := build.NextChange(cfg, s, briefs, checker, now)
	if f.format == "json" {
		out := nextJSON{Changes: next.What}
		if !next.At.IsZero() {
			at := next.At.UTC()
			out.Next = &at
		}
		if out.Changes == nil {
			out.Changes = []string{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(e.stderr, "briefs next: %v\n", err)
			return ExitFail
		}
	} else if !next.At.IsZero() {
		fmt.Fprintln(e.stdout, next.At.UTC().Format(time.RFC3339))
		for _, w := range next.What {
			fmt.Fprintln(e.stdout, "  "+w)
		}
	}
	if next.At.IsZero() {
		if f.format == "text" {
			fmt.Fprintln(e.stderr, "briefs next: nothing is scheduled: the site will not change with time alone")
		}
		return ExitNone
	}
	return ExitOK
}
