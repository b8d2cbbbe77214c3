package plan

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/site"
)

func TestKeySeparatesStrings(t *testing.T) {
	if NewKey().Str("ab").Str("c").Sum() == NewKey().Str("a").Str("bc").Sum() {
		t.Errorf(`("ab","c") and ("a","bc") have one key`)
	}
	if NewKey(1).Sum() == NewKey(2).Sum() || NewKey().Flag(true).Sum() == NewKey().Flag(false).Sum() {
		t.Errorf("different numbers or flags have one key")
	}
}

// pages is a family with a page per brief and a list of every brief.
type pages struct{ planned int }

func (f *pages) Plan(p *Plan) {
	f.planned++
	for _, b := range p.Site.Briefs {
		p.Add(b.Path+"index.html", func(w *bytes.Buffer) error { w.WriteString(p.Brief(b).Title); return nil },
			func() uint64 { return NewKey(p.Global).Num(p.BriefKey(b)).Sum() }, b)
	}
	p.AddEvery("index.html", func(w *bytes.Buffer) error { return nil }, func() uint64 {
		k := NewKey(p.Global)
		for _, b := range p.Site.Briefs {
			k.Num(p.BriefKey(b))
		}
		return k.Sum()
	})
}

func (f *pages) Fresh(p *Plan) []Job {
	return []Job{{Path: "search.json", Key: uint64(len(p.Site.Briefs)), Render: func(w *bytes.Buffer) error { return nil }}}
}

func keys(jobs []Job) map[string]uint64 {
	m := map[string]uint64{}
	for _, j := range jobs {
		m[j.Path] = j.Key
	}
	return m
}

// newBrief returns a brief of the given file name, title and body.
func newBrief(t *testing.T, name, title, body string) *site.Brief {
	t.Helper()
	src, err := content.Parse("content/briefs/"+name+".md", []byte("+++\ntitle = \""+title+"\"\ndate = 2026-01-01T00:00:00Z\n+++\n"+body), content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return site.NewBrief(src, &markdown.Result{HTML: body})
}

func TestPlannerReplansEditedBriefs(t *testing.T) {
	cfg := config.Default()
	s, err := site.New(&cfg, []*site.Brief{newBrief(t, "a", "A", "a"), newBrief(t, "b", "B", "b")}, site.Options{Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	f := &pages{}
	pl := NewPlanner(f)
	firstJobs := pl.Plan(s, 7)
	first := keys(firstJobs)
	if len(first) != 4 || f.planned != 1 {
		t.Fatalf("first plan: %v, planned %d times", first, f.planned)
	}
	// a is edited: its page and the list are keyed again, b's not, and
	// a's page shows the edit.
	next, ok := s.With(newBrief(t, "a", "A2", "a, edited"))
	if !ok {
		t.Fatal("With refused an edit of the body")
	}
	jobs := pl.Plan(next, 7)
	second := keys(jobs)
	if f.planned != 1 {
		t.Errorf("a site of the same lineage was planned afresh")
	}
	for path, changed := range map[string]bool{"briefs/a/index.html": true, "briefs/b/index.html": false, "index.html": true, "search.json": false} {
		if (first[path] != second[path]) != changed {
			t.Errorf("%s: key changed %v, want %v", path, first[path] != second[path], changed)
		}
	}
	for _, j := range jobs {
		if j.Path == "briefs/a/index.html" {
			if got, _ := j.Bytes(); string(got) != "A2" {
				t.Errorf("a's page after the edit = %q, want A2", got)
			}
		}
	}
	// Another global plans afresh.
	pl.Plan(next, 8)
	if f.planned != 2 {
		t.Errorf("a new global did not plan afresh")
	}
	// Another site plans afresh.
	other, err := site.New(&cfg, s.Briefs, site.Options{Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	pl.Plan(other, 8)
	if f.planned != 3 {
		t.Errorf("another site was not planned afresh")
	}
}

// mapSink keeps files by path, with their keys.
type mapSink struct {
	mu    sync.Mutex
	keys  map[string]uint64
	files map[string]string
}

func (s *mapSink) Reuse(path string, key uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.keys[path]
	return ok && k == key
}

func (s *mapSink) Add(path string, key uint64, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if path == "refused" {
		return errors.New("disk full")
	}
	s.keys[path], s.files[path] = key, string(data)
	return nil
}

func write(s string) func(*bytes.Buffer) error {
	return func(w *bytes.Buffer) error { w.WriteString(s); return nil }
}

func TestRun(t *testing.T) {
	sink := &mapSink{keys: map[string]uint64{"kept": 1}, files: map[string]string{"kept": "old"}}
	jobs := []Job{
		{Path: "kept", Key: 1, Render: write("new")},
		{Path: "changed", Key: 2, Render: write("fresh")},
		{Path: "held", Key: 3, Render: write("later")},
		{Path: "done", Key: 4, Render: func(*bytes.Buffer) error { panic("rendered twice") }},
		{Path: "slow", Key: 5, Render: write("index"), Deferred: true},
	}
	n, err := Run(context.Background(), jobs, sink, RunOptions{
		Hold: func(j Job) bool { return j.Path == "held" },
		Done: map[string][]byte{"done": []byte("early")},
	})
	if err != nil || n != 3 {
		t.Fatalf("Run = %d, %v; want 3 rendered", n, err)
	}
	want := map[string]string{"kept": "old", "changed": "fresh", "done": "early", "slow": "index"}
	for p, data := range want {
		if sink.files[p] != data {
			t.Errorf("%s = %q, want %q", p, sink.files[p], data)
		}
	}
	if _, ok := sink.files["held"]; ok {
		t.Errorf("a held job was rendered")
	}
}

func TestRunErrors(t *testing.T) {
	jobs := []Job{
		{Path: "a", Render: func(*bytes.Buffer) error { return errors.New("bad template") }},
		{Path: "b", Render: func(*bytes.Buffer) error { panic("index out of range") }},
		{Path: "refused", Render: write("x")},
		{Path: "ok", Render: write("x")},
	}
	_, err := Run(context.Background(), jobs, &mapSink{keys: map[string]uint64{}, files: map[string]string{}}, RunOptions{})
	for _, want := range []string{"rendering a: bad template", "rendering b: internal error: index out of range", "rendering refused: disk full"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Run error = %v, want one with %q", err, want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, jobs, &mapSink{keys: map[string]uint64{}, files: map[string]string{}}, RunOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Run after cancel = %v, want context.Canceled", err)
	}
}

func TestJobBytes(t *testing.T) {
	data, err := Job{Path: "x", Render: write("ok")}.Bytes()
	if err != nil || string(data) != "ok" {
		t.Errorf("Bytes = %q, %v", data, err)
	}
	if _, err := (Job{Path: "x", Render: func(*bytes.Buffer) error { panic("boom") }}).Bytes(); err == nil || !strings.Contains(err.Error(), "internal error: boom") {
		t.Errorf("Bytes of a panicking job = %v", err)
	}
}
