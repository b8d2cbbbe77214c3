package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/editions"
)

type editionFlags struct {
	siteFlags
	baseURL string
	text    bool
}

func (f *editionFlags) register(flags *flag.FlagSet) {
	f.siteFlags.register(flags)
	flags.StringVar(&f.baseURL, "base-url", "", "the site's absolute URL, overriding base_url")
	flags.BoolVar(&f.text, "text", false, "print the plain-text edition instead of the HTML one")
}

// runEdition prints the newsletter edition of one day, as briefs build
// writes it to editions/<day>/, for pasting into a mail tool.
func runEdition(ctx context.Context, e *env, args []string) int {
	c := find("edition")
	var f editionFlags
	flags := flag.NewFlagSet("edition", flag.ContinueOnError)
	f.register(flags)
	rest, code, ok := parseInterspersed(e, c, flags, args)
	if !ok {
		return code
	}
	switch {
	case len(rest) == 0:
		return usageError(e, c, "missing the edition's date: briefs edition YYYY-MM-DD")
	case len(rest) > 1:
		return usageError(e, c, "unexpected argument %q", rest[1])
	}
	day := rest[0]
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return usageError(e, c, "%q is not a date: want YYYY-MM-DD, such as 2026-06-07", day)
	}
	if err := f.check(); err != nil {
		return usageError(e, c, "%v", err)
	}
	if err := checkBaseURL(f.baseURL); err != nil {
		return usageError(e, c, "%v", err)
	}
	fsys, closeFS, err := siteFS(f.source)
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs edition: %v\n", err)
		return ExitFail
	}
	defer closeFS()
	res, err := build.New(build.Options{
		FS:      fsys,
		Drafts:  f.drafts,
		Future:  f.future,
		BaseURL: f.baseURL,
	}).Build(ctx, nil)
	if err != nil {
		reportErrors(e.stderr, err)
		return ExitFail
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(e.stderr, "warning: %s\n", w)
	}
	file := editions.Dir(day) + "index.html"
	if f.text {
		file = editions.Dir(day) + "index.txt"
	}
	data, ok := res.Files[file]
	if !ok {
		fmt.Fprintf(e.stderr, "briefs edition: no briefs published on %s (in the site's time zone, %s)\n", day, res.Config.Timezone)
		return ExitFail
	}
	if _, err := e.stdout.Write(data); err != nil {
		fmt.Fprintf(e.stderr, "briefs edition: %v\n", err)
		return ExitFail
	}
	return ExitOK
}
