package cli_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/briefs-dev/briefs/internal/cli"
)

// TestMain makes the test binary double as the briefs command: scripts run
// it as a separate process, with real arguments, streams and exit codes.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"briefs": func() {
			// As cmd/briefs does: Ctrl-C and SIGTERM cancel the context.
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
			stop()
			os.Exit(code)
		},
	})
}

var keep = flag.Bool("keep", false, "keep the scripts' work folders for inspection")

// TestScripts runs testdata/script/*.txtar. Besides the standard commands
// they may use:
//
//	status N prog args...   run prog and require exit code N
//	tree DIR                print every file below DIR with a hash of its bytes
//	checksite [-base URL] DIR
//	                        check every page, feed and link of a built site
//	replace FILE OLD NEW    replace the one occurrence of OLD in FILE
//	glob PATTERN            print the files matching PATTERN
//
// Each script starts in $WORK with a copy of testdata/site in $WORK/site.
// $REPO is the repository's root, whose demo site a script builds.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Condition:           condition,
		TestWork:            *keep,
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			// Every script starts with a copy of the test site in $WORK/site.
			return os.CopyFS(filepath.Join(env.WorkDir, "site"), os.DirFS(filepath.Join("testdata", "site")))
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"status":    cmdStatus,
			"tree":      cmdTree,
			"checksite": cmdCheckSite,
			"replace":   cmdReplace,
			"glob":      cmdGlob,
			"sleep":     cmdSleep,
			"gateway":   cmdGateway,
		},
	})
}

func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N prog args...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("%v", err)
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

func cmdSleep(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sleep DURATION")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}

func cmdTree(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: tree DIR")
	}
	root := ts.MkAbs(args[0])
	var lines []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		line := filepath.ToSlash(rel)
		if d.IsDir() {
			line += "/"
		} else {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		lines = append(lines, line)
		return nil
	})
	ts.Check(err)
	sort.Strings(lines)
	fmt.Fprintln(ts.Stdout(), strings.Join(lines, "\n"))
}

func cmdGlob(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: glob PATTERN")
	}
	out := ts.Stdout() // even when nothing matches, to replace the last command's stdout
	matches, err := filepath.Glob(ts.MkAbs(args[0]))
	ts.Check(err)
	for _, m := range matches {
		fmt.Fprintln(out, m)
	}
}

func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	file := ts.MkAbs(args[0])
	data, err := os.ReadFile(file)
	ts.Check(err)
	if n := strings.Count(string(data), args[1]); n != 1 {
		ts.Fatalf("%s holds %q %d times, want once", args[0], args[1], n)
	}
	ts.Check(os.WriteFile(file, []byte(strings.Replace(string(data), args[1], args[2], 1)), 0o644))
}

func cmdCheckSite(ts *testscript.TestScript, neg bool, args []string) {
	fset := flag.NewFlagSet("checksite", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	base := fset.String("base", "", "the site's base URL: links are checked against it")
	if neg || fset.Parse(args) != nil || fset.NArg() != 1 {
		ts.Fatalf("usage: checksite [-base URL] DIR")
	}
	problems, pages := checkSite(ts.MkAbs(fset.Arg(0)), *base)
	if pages == 0 {
		ts.Fatalf("no pages in %s", fset.Arg(0))
	}
	for _, p := range problems {
		ts.Logf("%s", p)
	}
	if len(problems) > 0 {
		ts.Fatalf("%d problems in %s", len(problems), fset.Arg(0))
	}
}

// checkSite checks the files of a built site in dir: every page parses as
// HTML with one <main>, one <h1>, a <title>, a canonical URL and unique ids;
// feeds and sitemaps parse; with a base URL, links stay below it and
// root-relative ones lead to files of the site (absolute ones are written
// by authors and may name pages outside the build). It
// returns the problems found and the number of pages.
func checkSite(dir, base string) (problems []string, pages int) {
	report := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		return []string{err.Error()}, 0
	}
	var baseURL *url.URL
	if base != "" {
		if baseURL, err = url.Parse(base); err != nil {
			return []string{err.Error()}, 0
		}
	}
	exists := func(p string) bool {
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		_, ok := files[p]
		return ok
	}
	for name, data := range files {
		switch {
		case strings.HasSuffix(name, ".html"):
			pages++
			for _, p := range checkHTML(name, data, baseURL, exists) {
				report("%s", p)
			}
		case strings.HasSuffix(name, ".xml"):
			d := xml.NewDecoder(bytes.NewReader(data))
			d.Strict = true
			for {
				_, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					report("%s: %v", name, err)
					break
				}
			}
		case strings.HasSuffix(name, ".json"):
			if !json.Valid(data) {
				report("%s: not valid JSON", name)
			}
		}
	}
	sort.Strings(problems)
	return problems, pages
}

func checkHTML(name string, data []byte, base *url.URL, exists func(string) bool) []string {
	var problems []string
	report := func(format string, args ...any) {
		problems = append(problems, name+": "+fmt.Sprintf(format, args...))
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return []string{name + ": " + err.Error()}
	}
	count := map[atom.Atom]int{}
	ids := map[string]bool{}
	canonical := 0
	var links []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			count[n.DataAtom]++
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					if ids[a.Val] {
						report("duplicate id %q", a.Val)
					}
					ids[a.Val] = true
				case "href", "src":
					links = append(links, a.Val)
				case "rel":
					if a.Val == "canonical" && n.DataAtom == atom.Link {
						canonical++
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, el := range []atom.Atom{atom.Main, atom.H1, atom.Title} {
		if count[el] != 1 {
			report("%d <%s> elements, want 1", count[el], el)
		}
	}
	if want := 1; name == "404.html" {
		if canonical != 0 {
			report("the 404 page has a canonical URL")
		}
	} else if canonical != want {
		report("%d canonical links, want 1", canonical)
	}
	if base == nil {
		return problems
	}
	for _, l := range links {
		u, err := url.Parse(l)
		switch {
		case err != nil:
			report("link %q: %v", l, err)
		case strings.HasPrefix(l, "#"):
			if !ids[u.Fragment] {
				report("link %q names no id of the page", l)
			}
		case u.Scheme != "":
			if u.Host == base.Host && !strings.HasPrefix(l, base.String()) {
				report("link %q is on the site's host but not below %s", l, base)
			}
		case strings.HasPrefix(l, "/"):
			if !strings.HasPrefix(u.Path, base.Path) {
				report("link %q does not start with the base path %s", l, base.Path)
			} else if !exists(strings.TrimPrefix(u.Path, base.Path)) {
				report("link %q leads to no file", l)
			}
		default:
			report("link %q is relative", l)
		}
	}
	return problems
}
