package serve

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/build"
)

func TestProbe(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	res, err := build.New(build.Options{FS: os.DirFS(dir), Now: func() time.Time { return time.Date(2026, 6, 4, 0, 0, 0, 0, time.UTC) }}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var ks []string
	for k := range res.Files {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	t.Log(ks, res.Warnings)
	t.Log(string(res.Files["briefs/alpha/index.html"]))
}
