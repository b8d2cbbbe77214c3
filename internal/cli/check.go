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
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/check"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/load"
	"github.com/briefs-dev/briefs/internal/site"
)

type checkFlags struct {
	source   string
	format   string
	strict   bool
	external bool
	timeout  time.Duration
	rules    bool
}

func (f *checkFlags) register(flags *flag.FlagSet) {
	flags.StringVar(&f.source, "s", ".", "the site's folder")
	flags.StringVar(&f.source, "source", ".", "the site's folder")
	flags.StringVar(&f.format, "format", "text", "how to print findings: text, json or github (workflow annotations)")
	flags.BoolVar(&f.strict, "strict", false, "treat warnings as errors")
	flags.BoolVar(&f.external, "external", false, "also fetch external links (needs the network)")
	flags.DurationVar(&f.timeout, "timeout", 10*time.Second, "how long to wait for each external link")
	flags.BoolVar(&f.rules, "rules", false, "list the rules with their default severity, and exit")
}

// formats print findings; paths are as the user can open them.
var formats = map[string]func(w io.Writer, findings []check.Finding){
	"text":   writeText,
	"json":   writeJSON,
	"github": writeGitHub,
}

func runCheck(ctx context.Context, e *env, args []string) int {
	c := find("check")
	var f checkFlags
	flags := flag.NewFlagSet("check", flag.ContinueOnError)
	f.register(flags)
	rest, code, ok := parse(e, c, flags, args)
	if !ok {
		return code
	}
	if f.rules {
		for _, r := range check.Rules() {
			fmt.Fprintf(e.stdout, "%-20s %-8s %s\n", r.ID, r.Severity, r.Doc)
		}
		return ExitOK
	}
	write := formats[f.format]
	if write == nil {
		return usageError(e, c, "--format %q: use text, json or github", f.format)
	}
	if f.timeout <= 0 {
		return usageError(e, c, "--timeout must be positive, not %v", f.timeout)
	}
	if err := (&siteFlags{source: f.source}).check(); err != nil {
		return usageError(e, c, "%v", err)
	}
	if err := notASite(f.source); err != nil {
		fmt.Fprintf(e.stderr, "briefs check: %v\n", err)
		return ExitFail
	}
	files, err := sitePaths(f.source, rest)
	if err != nil {
		return usageError(e, c, "%v", err)
	}
	fsys, closeFS, err := siteFS(f.source)
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs check: %v\n", err)
		return ExitFail
	}
	defer closeFS()
	cfg, briefs, problems, err := load.All(ctx, fsys)
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs check: %v\n", err)
		return ExitFail
	}
	opts := check.Options{Strict: f.strict, Files: files}
	lost, err := lostURLs(f.source, cfg, briefs, problems)
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs check: %v\n", err)
		return ExitFail
	}
	if f.external {
		opts.Links = &check.LinkChecker{Timeout: f.timeout}
	}
	findings, err := check.Run(ctx, check.Input{Config: cfg, Briefs: briefs, Problems: problems, Lost: lost, FS: fsys}, opts)
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs check: %v\n", err)
		return ExitFail
	}
	for i := range findings {
		if p := &findings[i].Pos; p.File != "" {
			p.File = filepath.ToSlash(filepath.Join(f.source, filepath.FromSlash(p.File)))
		}
	}
	write(e.stdout, findings)
	fmt.Fprintln(e.stderr, summary(findings, checked(briefs, problems, opts)))
	for _, fd := range findings {
		if check.Fails(fd) {
			return ExitFail
		}
	}
	return ExitOK
}

// sitePaths turns the paths given on the command line, relative to the
// working folder, into slash paths relative to the site.
func sitePaths(source string, args []string) ([]string, error) {
	root, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, a := range args {
		if _, err := os.Stat(a); err != nil {
			return nil, fmt.Errorf("%s: %w", a, errors.Unwrap(err))
		}
		abs, err := filepath.Abs(a)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("%s is outside the site folder %s", a, source)
		}
		files = append(files, filepath.ToSlash(rel))
	}
	return files, nil
}

// checked counts the briefs the findings are about: those that loaded and
// those that did not, within the paths asked for.
func checked(briefs []*site.Brief, problems diag.List, opts check.Options) int {
	seen := map[string]bool{}
	for _, b := range briefs {
		seen[b.Source.Path] = true
	}
	for _, p := range problems {
		if strings.HasSuffix(p.Pos.File, ".md") {
			seen[p.Pos.File] = true
		}
	}
	n := 0
	for p := range seen {
		if opts.Wants(p) {
			n++
		}
	}
	return n
}

// summary counts the findings: "checked 16 briefs: 2 errors, 1 warning".
func summary(findings []check.Finding, briefs int) string {
	var errs, warnings int
	for _, f := range findings {
		if f.Severity == check.Error {
			errs++
		} else {
			warnings++
		}
	}
	s := fmt.Sprintf("checked %s", plural(briefs, "brief"))
	if errs+warnings == 0 {
		return s + ": no problems"
	}
	return fmt.Sprintf("%s: %s, %s", s, plural(errs, "error"), plural(warnings, "warning"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeText prints one finding a line, grouped by file: a blank line
// between files.
func writeText(w io.Writer, findings []check.Finding) {
	for i, f := range findings {
		if i > 0 && f.Pos.File != findings[i-1].Pos.File {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, f.String())
	}
}

// jsonFinding is a finding as --format json writes it.
type jsonFinding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

// writeJSON prints a JSON array with one finding an object, one a line.
func writeJSON(w io.Writer, findings []check.Finding) {
	if len(findings) == 0 {
		fmt.Fprintln(w, "[]")
		return
	}
	for i, f := range findings {
		data, _ := json.Marshal(jsonFinding{f.Pos.File, f.Pos.Line, f.Pos.Col, f.Severity.String(), f.Rule, f.Message})
		sep := ","
		if i == len(findings)-1 {
			sep = "\n]"
		}
		if i == 0 {
			fmt.Fprint(w, "[\n")
		}
		fmt.Fprintf(w, "%s%s\n", data, sep)
	}
}

// writeGitHub prints GitHub Actions workflow commands, which show each
// finding on its line of the pull request.
func writeGitHub(w io.Writer, findings []check.Finding) {
	for _, f := range findings {
		var props []string
		if f.Pos.File != "" {
			props = append(props, "file="+escapeProperty(f.Pos.File))
			if f.Pos.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Pos.Line))
				if f.Pos.Col > 0 {
					props = append(props, fmt.Sprintf("col=%d", f.Pos.Col))
				}
			}
		}
		props = append(props, "title="+escapeProperty(f.Rule))
		fmt.Fprintf(w, "::%s %s::%s\n", f.Severity, strings.Join(props, ","), escapeData(f.Message))
	}
}

// escapeData escapes a workflow command's message as the Actions runner
// reads it.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
