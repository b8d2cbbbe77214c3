package cli_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// agreeSite is a good site that each row of TestCheckAndBuildAgree adds
// one brief to.
var agreeSite = map[string]string{
	"config.toml": "title = \"Agree\"\nbase_url = \"https://agree.example/\"\n",
	"content/briefs/target.md": `+++
title = "Target"
date = 2026-03-01T09:00:00Z
authors = ["Test Desk"]
+++
The target's lede.

**Why this matters:** It is linked to.
`,
}

// TestCheckAndBuildAgree holds briefs check and briefs build to one
// definition of an error, on a table of bad briefs: build refuses exactly
// the findings that check reports as errors, at the same positions, and
// --strict makes both refuse the warnings too.
func TestCheckAndBuildAgree(t *testing.T) {
	bin := briefsBinary(t)
	const front = "+++\ntitle = \"Bad\"\ndate = 2026-03-01T09:00:00Z\nauthors = [\"Test Desk\"]\n"
	const ok = "The lede.\n\n**Why this matters:** Because.\n"
	tests := []struct {
		name  string
		brief string // content/briefs/bad.md, or bad/index.md with photo
		photo bool
		args  []string // of briefs build, after the command
		rules []string // the rules check reports; "" for none
		fails bool     // whether they refuse it without --strict
	}{
		{"dead internal link", front + "+++\nThe lede links to [nothing](nothing.md).\n\n**Why this matters:** Because.\n", false, nil, []string{"internal-link"}, true},
		{"dead anchor", front + "+++\nThe lede links to [a section](target.md#nope).\n\n**Why this matters:** Because.\n", false, nil, []string{"internal-link"}, true},
		{"missing required section", front + "+++\nOnly a lede.\n", false, nil, []string{"required-section"}, true},
		{"photo without credit", front + "[photo]\nsrc = \"p.svg\"\nalt = \"A blue square\"\n+++\n" + ok, true, nil, []string{"load"}, true},
		{"placeholder lede", front + "+++\nThe news in one or two sentences.\n\n**Why this matters:** Because.\n", false, nil, []string{"placeholder"}, true},
		{"placeholder summary", front + "summary = \"One sentence for cards and feeds, or delete this line to use the lede.\"\n+++\n" + ok, false, nil, []string{"placeholder"}, true},
		{"placeholder photo", front + "[photo]\nsrc = \"p.svg\"\nalt = \"What the photo shows, for readers who cannot see it.\"\ncredit = \"Photographer's name / Agency\"\n+++\n" + ok, true, nil, []string{"placeholder", "placeholder"}, true},
		{"no author", "+++\ntitle = \"Bad\"\ndate = 2026-03-01T09:00:00Z\n+++\n" + ok, false, nil, []string{"author"}, true},
		{"go_deeper ref to nothing", front + "[[go_deeper]]\ntitle = \"Gone\"\nref = \"briefs/nothing\"\n+++\n" + ok, false, nil, []string{"go-deeper-ref"}, true},
		{"malformed link", front + "+++\nSee [the report](https//example.org/report).\n\n**Why this matters:** Because.\n", false, nil, []string{"link-url"}, true},
		{"draft with --drafts", front + "draft = true\n+++\nOnly a lede.\n", false, []string{"--drafts"}, []string{"required-section"}, true},
		{"scheduled with --future", "+++\ntitle = \"Bad\"\ndate = 2026-03-01T09:00:00Z\npublish_at = 2099-03-01T09:00:00Z\n+++\n" + ok, false, []string{"--future"}, []string{"author"}, true},
		{"unbalanced quote, a warning", front + "+++\nShe said \"yes.\n\n**Why this matters:** Because.\n", false, nil, []string{"unbalanced-quotes"}, false},
		{"long lede, a warning", front + "+++\n" + strings.Repeat("word ", 61) + "\n\n**Why this matters:** Because.\n", false, nil, []string{"lede-words"}, false},
		{"good", front + "+++\n" + ok, false, nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range agreeSite {
				files[k] = v
			}
			name := "content/briefs/bad.md"
			if tt.photo {
				name = "content/briefs/bad/index.md"
				files["content/briefs/bad/p.svg"] = `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>`
			}
			files[name] = tt.brief
			dir := writeSiteFiles(t, files)
			for _, strict := range []bool{false, true} {
				checkArgs, buildArgs := []string{"check"}, append([]string{"build", "--quiet"}, tt.args...)
				if strict {
					checkArgs, buildArgs = append(checkArgs, "--strict"), append(buildArgs, "--strict")
				}
				checkCode, checkOut, _ := runIn(t, bin, dir, checkArgs...)
				buildCode, _, buildErr := runIn(t, bin, dir, buildArgs...)

				var rules []string
				var checkErrors []string // positions of the findings check calls errors
				for _, m := range checkLine.FindAllStringSubmatch(checkOut, -1) {
					rules = append(rules, m[3])
					if m[2] == "error" {
						checkErrors = append(checkErrors, m[1])
					}
				}
				if !strict && !slices.Equal(rules, tt.rules) {
					t.Errorf("check found %q, want %q:\n%s", rules, tt.rules, checkOut)
				}
				wantCode := 0
				if tt.fails || strict && len(tt.rules) > 0 {
					wantCode = 1
				}
				if checkCode != wantCode || buildCode != wantCode {
					t.Errorf("strict %v: check exited %d, build %d; want both %d\ncheck:\n%s\nbuild:\n%s", strict, checkCode, buildCode, wantCode, checkOut, buildErr)
				}
				var buildErrors []string
				for _, m := range buildLine.FindAllStringSubmatch(buildErr, -1) {
					buildErrors = append(buildErrors, m[1])
				}
				if !slices.Equal(checkErrors, buildErrors) {
					t.Errorf("strict %v: check's errors are at %q, build's at %q\ncheck:\n%s\nbuild:\n%s", strict, checkErrors, buildErrors, checkOut, buildErr)
				}
				if _, err := os.Stat(filepath.Join(dir, "public", "briefs", "bad")); (err == nil) != (buildCode == 0) {
					t.Errorf("strict %v: build exited %d, and the brief's page exists: %v", strict, buildCode, err == nil)
				}
				os.RemoveAll(filepath.Join(dir, "public"))
			}
		})
	}
}

// TestCheckLintsUnpublished: briefs check lints every brief, a draft or a
// brief scheduled for later too, while briefs build refuses only what it
// publishes; with --drafts and --future they agree again (above).
func TestCheckLintsUnpublished(t *testing.T) {
	bin := briefsBinary(t)
	for _, fm := range []string{"draft = true\n", "publish_at = 2099-03-01T09:00:00Z\n"} {
		files := map[string]string{}
		for k, v := range agreeSite {
			files[k] = v
		}
		files["content/briefs/later.md"] = "+++\ntitle = \"Later\"\ndate = 2026-03-01T09:00:00Z\nauthors = [\"Test Desk\"]\n" + fm + "+++\nOnly a lede.\n"
		dir := writeSiteFiles(t, files)
		if code, out, _ := runIn(t, bin, dir, "check"); code != 1 || !strings.Contains(out, "later.md:7:1: error required-section") {
			t.Errorf("%scheck exited %d, want 1 and a required-section error:\n%s", fm, code, out)
		}
		if code, _, errOut := runIn(t, bin, dir, "build"); code != 0 {
			t.Errorf("%sbuild exited %d, want 0:\n%s", fm, code, errOut)
		}
	}
}

var (
	// checkLine is a finding as briefs check prints it: position, severity, rule.
	checkLine = regexp.MustCompile(`(?m)^(content/\S+:\d+:\d+): (error|warning) ([a-z-]+): `)
	// buildLine is an error of briefs build: its position.
	buildLine = regexp.MustCompile(`(?m)^(content/\S+:\d+:\d+): `)
)

// runIn runs the briefs binary in dir and returns its exit code and streams.
func runIn(t *testing.T, bin, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

// writeSiteFiles writes files, by slash path, into a new folder.
func writeSiteFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
