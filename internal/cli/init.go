package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/decap"
	"github.com/briefs-dev/briefs/internal/scaffold"
)

type initFlags struct {
	title    string
	timezone string
	force    bool
	cms      string
	now      func() time.Time
}

func (f *initFlags) register(flags *flag.FlagSet) {
	flags.StringVar(&f.title, "title", "My Briefs", "the site's title")
	flags.StringVar(&f.timezone, "timezone", "America/New_York", "the timezone dates are shown in (an IANA name)")
	flags.BoolVar(&f.force, "force", false, "write into a folder that has files; existing files are kept")
	flags.StringVar(&f.cms, "cms", "", "also write a content manager for editing briefs in a browser: decap (Decap CMS, in static/admin/)")
}

func runInit(_ context.Context, e *env, args []string) int {
	c := find("init")
	var f initFlags
	flags := flag.NewFlagSet("init", flag.ContinueOnError)
	f.register(flags)
	rest, code, ok := parseInterspersed(e, c, flags, args)
	if !ok {
		return code
	}
	dir := "."
	switch len(rest) {
	case 0:
	case 1:
		dir = rest[0]
	default:
		return usageError(e, c, "give one folder, not %d", len(rest))
	}
	if f.cms != "" && f.cms != "decap" {
		return usageError(e, c, "--cms %q: the content manager briefs can write is decap", f.cms)
	}
	if f.timezone == "" {
		return usageError(e, c, "--timezone is empty")
	}
	if _, err := time.LoadLocation(f.timezone); err != nil {
		return usageError(e, c, "--timezone %q is not a timezone name such as Europe/Madrid", f.timezone)
	}
	now := time.Now
	if f.now != nil {
		now = f.now
	}
	written, kept, err := scaffold.Write(dir, scaffold.Options{Title: f.title, Timezone: f.timezone, Now: now(), Force: f.force})
	if errors.Is(err, scaffold.ErrNotEmpty) {
		fmt.Fprintf(e.stderr, "briefs init: %s is not empty: choose an empty or new folder, or add --force to add the files that are missing (existing files are kept)\n", dir)
		return ExitFail
	}
	if err == nil && f.cms == "decap" {
		var w, k []string
		w, k, err = writeDecap(dir)
		written, kept = append(written, w...), append(kept, k...)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs init: %v\n", err)
		return ExitFail
	}
	fmt.Fprintf(e.stdout, "Created a briefs site in %s:\n", dir)
	for _, p := range written {
		fmt.Fprintf(e.stdout, "  %s\n", filepath.FromSlash(p))
	}
	for _, p := range kept {
		fmt.Fprintf(e.stdout, "  %s (kept: it exists)\n", filepath.FromSlash(p))
	}
	cd := ""
	if dir != "." {
		cd = "  cd " + dir + "\n"
	}
	if f.cms == "decap" {
		fmt.Fprintf(e.stdout, "\nEditors write briefs in a browser at /admin/ of the published site: set its backend in %s first.\n", filepath.FromSlash(decap.ConfigPath))
	}
	fmt.Fprintf(e.stdout, "\nNext:\n%s  briefs serve                    preview it, with live reload\n  briefs new brief \"A headline\"   write a brief\n  briefs check                    check the briefs\n  briefs build                    build the site into public/\n\nSet base_url in %s before you publish.\n", cd, config.FileName)
	return ExitOK
}

// writeDecap writes the Decap CMS admin into the site at dir, for the
// sections of its config.toml (which --force may have kept).
func writeDecap(dir string) (written, kept []string, err error) {
	cfg, err := config.Load(os.DirFS(dir), config.FileName)
	if err != nil {
		return nil, nil, err
	}
	files, err := decap.Files(cfg.Sections)
	if err != nil {
		return nil, nil, err
	}
	return scaffold.WriteFiles(dir, files)
}

// notASite returns an error for a folder that has neither config.toml nor
// content/: most likely the command ran in the wrong folder.
func notASite(source string) error {
	for _, name := range []string{config.FileName, "content"} {
		if _, err := os.Stat(filepath.Join(source, name)); err == nil {
			return nil
		}
	}
	abs, err := filepath.Abs(source)
	if err != nil {
		abs = source
	}
	return fmt.Errorf("%s is not a briefs site: it has neither %s nor content/.\nRun it in your site's folder, give the folder with -s, or start a site with: briefs init", abs, config.FileName)
}
