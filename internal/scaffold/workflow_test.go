package scaffold_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/briefs-dev/briefs/internal/cli"
	"github.com/briefs-dev/briefs/internal/scaffold"
)

// TestWorkflow parses the GitHub Actions workflow as YAML and checks that
// every briefs command its steps run exists.
func TestWorkflow(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := scaffold.Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".github/workflows/briefs.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On   map[string]any `yaml:"on"`
		Jobs map[string]struct {
			Steps []struct {
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("the workflow is not YAML: %v", err)
	}
	for _, event := range []string{"pull_request", "push", "schedule"} {
		if _, ok := wf.On[event]; !ok {
			t.Errorf("the workflow does not run on %s", event)
		}
	}
	command := regexp.MustCompile(`(?m)(?:^|[;&|(]\s*|\$\()briefs ([a-z]+)`)
	seen := 0
	for name, job := range wf.Jobs {
		for _, step := range job.Steps {
			for _, m := range command.FindAllStringSubmatch(step.Run, -1) {
				seen++
				if code := cli.Run(context.Background(), []string{"help", m[1]}, io.Discard, io.Discard); code != cli.ExitOK {
					t.Errorf("job %s runs briefs %s, which is not a command", name, m[1])
				}
			}
		}
	}
	if seen < 3 {
		t.Errorf("found %d briefs commands in the workflow, want check, next and build at least", seen)
	}
}
