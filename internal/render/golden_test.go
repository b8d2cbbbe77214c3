package render_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

// TestGolden pins the rendered HTML of brief pages and of the home page.
// After an intended change, refresh them with
//
//	go test ./internal/render -run TestGolden -update
//
// and review the diff of testdata/golden in the commit.
func TestGolden(t *testing.T) {
	_, files := testSite(t, site.Options{})
	tests := []struct{ golden, path string }{
		{"brief.html", "briefs/minister-declines/index.html"},
		// No summary: no dek repeats the lede.
		{"brief-no-summary.html", "briefs/minister-recusal/index.html"},
		{"home.html", "index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			got := files[tt.path]
			if got == nil {
				t.Fatalf("no %s", tt.path)
			}
			file := filepath.Join("testdata", "golden", tt.golden)
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (- golden, + rendered; go test -update to accept):\n%s",
					tt.path, file, diff(string(want), string(got)))
			}
		})
	}
}

// diff returns a line diff of a and b: unchanged lines near a change with
// "  ", removed lines with "- ", added ones with "+ ".
func diff(a, b string) string {
	lines := func(s string) []string {
		l := strings.SplitAfter(s, "\n")
		if l[len(l)-1] == "" {
			l = l[:len(l)-1]
		}
		return l
	}
	x, y := lines(a), lines(b)
	// lcs[i][j] is the length of the longest common subsequence of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
		n    int // line number in a (or b for additions)
	}
	var ops []line
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			ops = append(ops, line{' ', x[i], i + 1})
			i, j = i+1, j+1
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, line{'-', x[i], i + 1})
			i++
		default:
			ops = append(ops, line{'+', y[j], j + 1})
			j++
		}
	}
	const context = 3
	var out strings.Builder
	last := -1
	for k, op := range ops {
		near := false
		for d := max(0, k-context); d <= min(len(ops)-1, k+context); d++ {
			if ops[d].op != ' ' {
				near = true
				break
			}
		}
		if !near {
			continue
		}
		if last >= 0 && k != last+1 {
			out.WriteString("...\n")
		}
		if last < 0 || k != last+1 {
			fmt.Fprintf(&out, "@@ line %d\n", op.n)
		}
		last = k
		fmt.Fprintf(&out, "%c %s", op.op, strings.TrimSuffix(op.text, "\n"))
		out.WriteByte('\n')
	}
	return out.String()
}

func TestDiff(t *testing.T) {
	got := diff("a\nb\nc\n", "a\nB\nc\n")
	want := "@@ line 1\n  a\n- b\n+ B\n  c\n"
	if got != want {
		t.Errorf("diff = %q, want %q", got, want)
	}
	if d := diff("same\n", "same\n"); d != "" {
		t.Errorf("diff of equal texts = %q", d)
	}
}
