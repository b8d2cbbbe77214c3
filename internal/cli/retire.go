package cli

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/check"
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/fingerprint"
	"github.com/briefs-dev/briefs/internal/output"
	"github.com/briefs-dev/briefs/internal/site"
)

type retireFlags struct {
	source string
	reason string
}

func (f *retireFlags) register(flags *flag.FlagSet) {
	flags.StringVar(&f.source, "s", ".", "the site's folder")
	flags.StringVar(&f.source, "source", ".", "the site's folder")
	flags.StringVar(&f.reason, "reason", "", "why the URL goes, for the next editor")
}

// runRetire records in config.toml that a brief URL was removed on
// purpose, as a [[retired]] entry: the build's link-rot guard then lets it
// go without a word.
func runRetire(_ context.Context, e *env, args []string) int {
	c := find("retire")
	var f retireFlags
	flags := flag.NewFlagSet("retire", flag.ContinueOnError)
	f.register(flags)
	words, code, ok := parseInterspersed(e, c, flags, args)
	if !ok {
		return code
	}
	if len(words) != 1 {
		return usageError(e, c, "give the one path to retire, such as /briefs/x/")
	}
	if err := (&siteFlags{source: f.source}).check(); err != nil {
		return usageError(e, c, "%v", err)
	}
	file := filepath.Join(f.source, config.FileName)
	old, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs retire: %v\n", err)
		return ExitFail
	}
	entry := "\n[[retired]]\npath = " + strconv.Quote(words[0]) + "\n"
	if f.reason != "" {
		entry += "reason = " + strconv.Quote(f.reason) + "\n"
	}
	text := append([]byte(nil), old...)
	if len(text) > 0 && !strings.HasSuffix(string(text), "\n") {
		text = append(text, '\n')
	}
	text = append(text, entry...)
	// The new configuration must load, this entry included, before it
	// replaces the old one.
	if _, err := config.Load(fstest.MapFS{config.FileName: {Data: text}}, config.FileName); err != nil {
		fmt.Fprintf(e.stderr, "briefs retire: config.toml is unchanged:\n%v\n", err)
		return ExitFail
	}
	if err := replaceFile(file, text); err != nil {
		fmt.Fprintf(e.stderr, "briefs retire: %v\n", err)
		return ExitFail
	}
	fmt.Fprintf(e.stdout, "Retired %s in %s: builds no longer warn that it is gone.\n", words[0], file)
	return ExitOK
}

// replaceFile writes data to name through a temporary file beside it, so
// that name holds the old bytes or the new, never a part.
func replaceFile(name string, data []byte) error {
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".retire-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(info.Mode() & fs.ModePerm)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// lostURLs returns, for briefs check, the brief URLs that the last build
// into the site's output folder published and that the site would no
// longer serve: the link-rot guard of the build. A site that does not load,
// or was never built, has none.
func lostURLs(source string, cfg *config.Config, briefs []*site.Brief, problems diag.List) ([]check.Lost, error) {
	if cfg == nil || len(problems) > 0 {
		return nil, nil
	}
	dest := filepath.FromSlash(cfg.Build.Destination)
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(source, dest)
	}
	memo, err := output.ReadMemo(dest)
	if err != nil {
		return nil, err
	}
	m, _ := fingerprint.ParseMemo(memo)
	if len(m.Published) == 0 {
		return nil, nil
	}
	now := time.Now()
	s, err := site.New(cfg, briefs, site.Options{Drafts: cfg.Build.Drafts, Future: cfg.Build.Future, Now: now})
	if err != nil {
		return nil, nil // check reports why, brief by brief
	}
	var lost []check.Lost
	for _, l := range build.LostURLs(cfg, s, briefs, m.Published, now) {
		pos := diag.Pos{File: config.FileName}
		if l.Brief != nil {
			pos = l.Brief.Source.KeyPos("aliases")
		}
		lost = append(lost, check.Lost{Pos: pos, Message: l.Message(s)})
	}
	return lost, nil
}
