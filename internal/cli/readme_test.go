package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestREADMECommands runs the briefs commands of the README's shell blocks,
// in order, in a temporary folder, as a newcomer would type them: each
// must be a command with the flags it is given, so the guide cannot drift
// from the binary. Commands that wait (serve) or need outside services
// (deploy) are only checked to exist.
func TestREADMECommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	blocks := regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	ran := 0
	for _, block := range blocks {
		for _, line := range strings.Split(block[1], "\n") {
			line = strings.TrimSpace(commentRE.ReplaceAllString(line, ""))
			line = strings.TrimPrefix(line, "go run ./cmd/")
			if dir, ok := strings.CutPrefix(line, "cd "); ok {
				if err := os.Chdir(dir); err != nil {
					t.Fatalf("README: %s: %v", line, err)
				}
				continue
			}
			rest, ok := strings.CutPrefix(line, "briefs ")
			if !ok {
				continue
			}
			args := shellWords(rest)
			if find(args[0]) == nil {
				t.Errorf("README: %s: no such command", line)
				continue
			}
			switch args[0] {
			case "serve", "deploy":
				continue
			}
			var stdout, stderr bytes.Buffer
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			code := Run(ctx, args, &stdout, &stderr)
			cancel()
			ran++
			if code == ExitUsage {
				t.Errorf("README: %s: a usage error:\n%s", line, stderr.String())
			}
		}
	}
	if ran < 5 {
		t.Errorf("ran %d commands of the README, want init, new, build and check at least", ran)
	}
	if _, err := os.Stat(filepath.Join("public", "index.html")); err != nil {
		t.Errorf("after the README's commands, no built site: %v", err)
	}
}

// commentRE matches a shell comment at the end of a line.
var commentRE = regexp.MustCompile(`\s+#.*$`)

// shellWords splits a command line at spaces, keeping double-quoted words
// together, as a shell does for the README's simple lines.
func shellWords(s string) []string {
	var words []string
	for _, m := range regexp.MustCompile(`"([^"]*)"|(\S+)`).FindAllStringSubmatch(s, -1) {
		if m[2] != "" {
			words = append(words, m[2])
		} else {
			words = append(words, m[1])
		}
	}
	return words
}
