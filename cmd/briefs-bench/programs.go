package main

import (
	"context"
	"debug/buildinfo"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The programs a comparison runs: the briefs binary and Hugo.

// findBriefs builds the briefs binary, unless -briefs names one.
func (c *comparison) findBriefs(ctx context.Context) error {
	if c.o.briefs != "" {
		c.briefs = c.o.briefs
	} else {
		dir, err := os.MkdirTemp("", "briefs-bin-")
		if err != nil {
			return err
		}
		c.cleanup = append(c.cleanup, dir)
		c.briefs = filepath.Join(dir, "briefs")
		fmt.Fprintf(c.log, "Building briefs\n")
		out, err := exec.CommandContext(ctx, "go", "build", "-o", c.briefs, "github.com/briefs-dev/briefs/cmd/briefs").CombinedOutput()
		if err != nil {
			return fmt.Errorf("go build of briefs (run briefs-bench in the briefs module, or pass -briefs): %v\n%s", err, out)
		}
	}
	c.briefsVersion = "briefs " + briefsRevision(ctx, c.briefs, c.o.briefs == "")
	return nil
}

// briefsRevision returns the commit the briefs binary at path was built
// from, as its build information records it or, for a binary built from
// the working folder, as git says; or "(unknown revision)".
func briefsRevision(ctx context.Context, path string, fromWorkingFolder bool) string {
	var rev, modified string
	if info, err := buildinfo.ReadFile(path); err == nil {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = " with local changes"
				}
			}
		}
	}
	if rev == "" && fromWorkingFolder {
		if out, err := exec.CommandContext(ctx, "git", "rev-parse", "HEAD").Output(); err == nil {
			rev = strings.TrimSpace(string(out))
			if out, err := exec.CommandContext(ctx, "git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(out) > 0 {
				modified = " with local changes"
			}
		}
	}
	if rev == "" {
		return "(unknown revision)"
	}
	return rev[:min(12, len(rev))] + modified
}

// findHugo finds hugo and its version, or says how to install it.
func (c *comparison) findHugo(ctx context.Context) {
	path := c.o.hugo
	if path == "" {
		var err error
		if path, err = exec.LookPath("hugo"); err != nil {
			fmt.Fprintf(c.log, "hugo is not on PATH: measuring briefs alone.\n"+
				"Install it with `apt-get install hugo` (Debian's package is Hugo 0.111), or see https://gohugo.io/installation/, or pass -hugo PATH.\n")
			return
		}
	}
	out, err := exec.CommandContext(ctx, path, "version").Output()
	if err != nil {
		fmt.Fprintf(c.log, "%s version: %v: measuring briefs alone.\n", path, err)
		return
	}
	c.hugo = path
	// "hugo v0.111.3+extended linux/amd64 BuildDate=..." → "hugo v0.111.3+extended"
	f := strings.Fields(string(out))
	c.hugoVersion = strings.Join(f[:min(2, len(f))], " ")
}
