package check_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/briefs-dev/briefs/internal/check"
	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/load"
)

// The budget: checking a site costs at most 1.2 times loading it.
// Compare BenchmarkCheck (load and rules, as briefs check runs them) with
// BenchmarkLoad of the same generated site:
//
//	go test -run '^$' -bench 'Load|Check' -count 6 ./internal/check/

var sizes = []int{1000, 10000}

// generated writes a generated site of n briefs; the same n gives the same
// site in every benchmark.
func generated(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: n, Seed: 1, Photos: -1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			fsys := os.DirFS(generated(b, n))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, _, _, err := load.All(context.Background(), fsys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCheck(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			fsys := os.DirFS(generated(b, n))
			b.ReportAllocs()
			b.ResetTimer()
			findings := 0
			for b.Loop() {
				cfg, briefs, problems, err := load.All(context.Background(), fsys)
				if err != nil {
					b.Fatal(err)
				}
				fs, err := check.Run(context.Background(), check.Input{Config: cfg, Briefs: briefs, Problems: problems}, check.Options{})
				if err != nil {
					b.Fatal(err)
				}
				findings = len(fs)
			}
			b.ReportMetric(float64(findings), "findings")
		})
	}
}

// BenchmarkRules is the rules alone, on a site loaded once.
func BenchmarkRules(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			fsys := os.DirFS(generated(b, n))
			cfg, briefs, problems, err := load.All(context.Background(), fsys)
			if err != nil {
				b.Fatal(err)
			}
			in := check.Input{Config: cfg, Briefs: briefs, Problems: problems}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := check.Run(context.Background(), in, check.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
