package check

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/site"
)

var update = flag.Bool("update", false, "rewrite the want files of testdata/rules")

// now is the time every test checks at.
var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// load reads a site as build.Builder.Load does: config, every brief that
// loads, and the errors of the others. (build itself is not imported, so
// that the build can import check.)
func load(t testing.TB, fsys fs.FS) Input {
	t.Helper()
	cfg, err := config.Load(fsys, config.FileName)
	if err != nil {
		var list diag.List
		list.Add(err)
		return Input{Problems: list}
	}
	paths, _, err := content.Walk(fsys, content.Dir)
	if err != nil {
		t.Fatal(err)
	}
	var problems diag.List
	var srcs []*content.Source
	refs := map[string]string{}
	for _, p := range paths {
		if content.IsPage(p) {
			continue // a standalone page is no brief
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			t.Fatal(err)
		}
		src, err := content.Parse(p, data, content.Options{Location: cfg.Location(), Multilingual: cfg.Multilingual()})
		if err != nil {
			problems.Add(err)
			continue
		}
		srcs = append(srcs, src)
		refs[src.Ref] = "briefs/" + src.Slug + "/"
	}
	problems.Add(site.DuplicateSlugsByLanguage(&cfg, srcs))
	conv := func(src *content.Source) *markdown.Converter { // of the brief's language
		return markdown.New(markdown.Options{
			Sections:    cfg.ForLanguage(cfg.LanguageIndex(src.Lang)).Sections,
			PlainLabels: cfg.Markdown.PlainLabels,
			BaseURL:     cfg.BaseURL,
			Unsafe:      cfg.Markdown.Unsafe,
			Resolve:     func(ref string) (string, bool) { p, ok := refs[ref]; return p, ok },
		})
	}
	var briefs []*site.Brief
	for _, src := range srcs {
		body, err := conv(src).Convert(src)
		if err != nil {
			t.Fatal(err)
		}
		briefs = append(briefs, site.NewBrief(src, body))
	}
	problems.Sort()
	return Input{Config: &cfg, Briefs: briefs, Problems: problems}
}

// TestRules runs testdata/rules/*.txtar. Each is a small site, one per
// rule, with briefs that break the rule and briefs that keep to it, and a
// file "want" listing every finding, exactly, one a line. A file "files"
// limits the check to the paths it lists. go test -update rewrites want.
func TestRules(t *testing.T) {
	archives, err := filepath.Glob("testdata/rules/*.txtar")
	if err != nil || len(archives) == 0 {
		t.Fatalf("no testdata/rules/*.txtar: %v", err)
	}
	for _, file := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{}
			var want []byte
			wantIndex := -1
			var opts Options
			opts.Now = now
			for i, f := range a.Files {
				switch f.Name {
				case "want":
					want, wantIndex = f.Data, i
				case "files":
					opts.Files = strings.Fields(string(f.Data))
				case "strict":
					opts.Strict = true
				default:
					fsys[f.Name] = &fstest.MapFile{Data: f.Data}
				}
			}
			findings, err := Run(context.Background(), load(t, fsys), opts)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			for _, f := range findings {
				got.WriteString(f.String() + "\n")
			}
			if *update {
				if wantIndex < 0 {
					a.Files = append(a.Files, txtar.File{Name: "want"})
					wantIndex = len(a.Files) - 1
				}
				a.Files[wantIndex].Data = got.Bytes()
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if wantIndex < 0 {
				t.Fatalf("%s has no want file", file)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("findings differ:\n got:\n%s\nwant:\n%s", got.Bytes(), want)
			}
		})
	}
}

// TestDemoSite checks the repository's demo site: a clean site gives no
// findings at all, warnings included.
func TestDemoSite(t *testing.T) {
	in := load(t, os.DirFS(filepath.Join("..", "..")))
	if len(in.Briefs) == 0 {
		t.Fatal("the demo site has no briefs")
	}
	findings, err := Run(context.Background(), in, Options{Now: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Errorf("%s", f)
	}
}

// TestLookupAsSite checks that go_deeper refs resolve here as site.New
// resolves them: the build fails on exactly the refs check reports.
func TestLookupAsSite(t *testing.T) {
	brief := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\ndate = 2026-05-01T09:00:00Z\n+++\nLede.\n")}
	}
	fsys := fstest.MapFS{
		"content/briefs/vote.md":         brief("Vote"),
		"content/briefs/bundle/index.md": brief("Bundle"),
		"content/other/deep/thing.md":    brief("Thing"),
		"content/briefs/probe.md":        brief("Probe"),
		"content/briefs/named.md":        {Data: []byte("+++\ntitle = \"Named\"\ndate = 2026-05-01T09:00:00Z\nslug = \"custom-slug\"\n+++\nLede.\n")},
	}
	refs := []string{
		"briefs/vote", "vote", "/briefs/vote/", "briefs/vote.md", "VOTE", "briefs/Vote",
		"briefs/bundle", "briefs/bundle/index", "briefs/bundle/index.md", "bundle",
		"other/deep/thing", "thing", "elsewhere/thing", "deep/thing.md",
		"custom-slug", "briefs/named", "named", "briefs/custom-slug",
		"nothing", "briefs/nothing", "/", "briefs/",
	}
	for _, ref := range refs {
		in := load(t, fsys)
		var probe *site.Brief
		for _, b := range in.Briefs {
			if b.Title == "Probe" {
				probe = b
			}
		}
		probe.Source.Front.GoDeeper = []content.Link{{Title: "x", Ref: ref}}
		c := &checker{in: in, cfg: in.Config}
		c.index()
		_, err := site.New(in.Config, in.Briefs, site.Options{Drafts: true, Future: true, Now: now})
		if found := c.lookup(ref) != nil; found != (err == nil) {
			t.Errorf("ref %q: check finds a brief: %v; site.New error: %v", ref, found, err)
		}
	}
}

func TestFindingString(t *testing.T) {
	tests := []struct {
		f    Finding
		want string
	}{
		{Finding{diag.Pos{File: "content/x.md", Line: 3, Col: 7}, Error, "required-section", "missing"}, "content/x.md:3:7: error required-section: missing"},
		{Finding{diag.Pos{File: "config.toml"}, Warning, "config", "odd"}, "config.toml: warning config: odd"},
		{Finding{diag.Pos{}, Error, "load", "no position"}, "error load: no position"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
	for s, want := range map[Severity]string{Off: "off", Warning: "warning", Error: "error"} {
		if got, _ := s.MarshalText(); string(got) != want {
			t.Errorf("MarshalText(%d) = %q, want %q", s, got, want)
		}
	}
}

// TestRulesDocumented checks the registry: unique ids, each with a
// severity and a description, and every id used by a rule is registered.
func TestRulesDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] || r.Severity == Off || r.Doc == "" {
			t.Errorf("rule %+v: duplicate, off by default or undocumented", r)
		}
		seen[r.ID] = true
	}
	src, err := os.ReadFile("brief.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`"([a-z]+(?:-[a-z]+)+)"`).FindAllStringSubmatch(string(src), -1) {
		if id := m[1]; !seen[id] && (strings.Contains(string(src), `c.on("`+id+`")`) || strings.Contains(string(src), `, "`+id+`", "`)) {
			t.Errorf("rule %q is used but not registered", id)
		}
	}
}

// Lost URLs given by the caller become link-rot findings, whose severity
// config.toml may change.
func TestLinkRotFindings(t *testing.T) {
	fsys := fstest.MapFS{"config.toml": {Data: []byte("title = \"T\"\n[check.rules]\nlink-rot = \"warning\"\n")}}
	in := load(t, fsys)
	in.Lost = []Lost{{Pos: diag.Pos{File: "config.toml"}, Message: "/briefs/x/ was published and would be gone"}}
	findings, err := Run(context.Background(), in, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 1 || findings[0].String() != "config.toml: warning link-rot: /briefs/x/ was published and would be gone" {
		t.Errorf("findings = %v", findings)
	}
}
