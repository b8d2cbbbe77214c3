package config

import (
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefs-dev/briefs/internal/diag"
)

func TestDefaultValidates(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatalf("Default().Validate() = %v, want nil", err)
	}
	if got, want := c.Location().String(), "UTC"; got != want {
		t.Errorf("Default().Location() = %q, want %q", got, want)
	}
	if len(c.Sections) == 0 {
		t.Errorf("Default().Sections is empty, want the default sections")
	}
	// Default returns a copy: changing it must not change the next Default.
	c.Sections[0].Name = "changed"
	if got := Default().Sections[0].Name; got == "changed" {
		t.Errorf("Default() shares its Sections slice between calls")
	}
}

func TestZeroLocation(t *testing.T) {
	var c Config
	if got := c.Location(); got.String() != "UTC" {
		t.Errorf("zero Config.Location() = %v, want UTC", got)
	}
}

const demo = `# Site identity
title = "The Capitol Brief"
description = "Short, sourced briefs."
base_url = "https://example.org/news"
language = "en-GB"
timezone = "America/New_York"
theme = "capitol"
paginate = 6

[[sections]]
name = "Why this matters"
required = true
[[sections]]
name = "By the numbers"
aliases = ["In numbers"]

[build]
drafts = true
future = true
destination = "out"
sync = true

[markdown]
unsafe = true
plain_labels = false

[server]
host = "0.0.0.0"
port = 8080

[params]
twitter = "@capitol"
nested = { a = 1 }
`

func TestLoadMissingFile(t *testing.T) {
	c, err := Load(fstest.MapFS{}, FileName)
	if err != nil {
		t.Fatalf("Load(empty FS) error = %v, want nil", err)
	}
	want := Default()
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load(empty FS) = %+v, want Default() %+v", c, want)
	}
}

func TestLoadDemo(t *testing.T) {
	fsys := fstest.MapFS{FileName: {Data: []byte(demo)}}
	c, err := Load(fsys, FileName)
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"Title", c.Title, "The Capitol Brief"},
		{"Description", c.Description, "Short, sourced briefs."},
		{"BaseURL", c.BaseURL, "https://example.org/news/"},
		{"Language", c.Language, "en-GB"},
		{"Timezone", c.Timezone, "America/New_York"},
		{"Location", c.Location().String(), "America/New_York"},
		{"Theme", c.Theme, "capitol"},
		{"Paginate", c.Paginate, 6},
		{"Sections", c.Sections, []Section{
			{Name: "Why this matters", Required: true},
			{Name: "By the numbers", Aliases: []string{"In numbers"}},
		}},
		{"Build", c.Build, Build{Drafts: true, Future: true, Destination: "out", Sync: true}},
		{"Markdown", c.Markdown, Markdown{Unsafe: true, PlainLabels: false}},
		{"Server", c.Server, Server{Host: "0.0.0.0", Port: 8080}},
		{"Params", c.Params, map[string]any{"twitter": "@capitol", "nested": map[string]any{"a": int64(1)}}},
	}
	for _, tt := range checks {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %#v, want %#v", tt.name, tt.got, tt.want)
		}
	}
}

func TestLoadRepoConfig(t *testing.T) {
	// The demo site's own config.toml must load.
	fsys := fstest.MapFS{}
	data, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Skipf("no demo config: %v", err)
	}
	fsys[FileName] = &fstest.MapFile{Data: data}
	c, err := Load(fsys, FileName)
	if err != nil {
		t.Fatalf("Load(config.toml) error = %v", err)
	}
	if len(c.Sections) == 0 || c.Location().String() != c.Timezone {
		t.Errorf("Load(config.toml) = %+v, want sections and its time zone", c)
	}
}

func TestLoadSections(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"none keeps defaults", `title = "x"`, sectionNames(defaultSections)},
		{"listed replace defaults", "[[sections]]\nname = \"Only this\"\n", []string{"Only this"}},
		{"empty list means none", "sections = []\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
			if err != nil {
				t.Fatalf("Load() error = %v", err)
			}
			if got := sectionNames(c.Sections); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sections = %q, want %q", got, tt.want)
			}
		})
	}
}

func sectionNames(ss []Section) []string {
	var names []string
	for _, s := range ss {
		names = append(names, s.Name)
	}
	return names
}

func TestLoadBaseURL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://example.org", "https://example.org/"},
		{"https://example.org/", "https://example.org/"},
		{"http://localhost:1313/news", "http://localhost:1313/news/"},
		{"https://example.org/a/b/", "https://example.org/a/b/"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			src := "base_url = \"" + tt.in + "\"\n"
			c, err := Load(fstest.MapFS{FileName: {Data: []byte(src)}}, FileName)
			if err != nil {
				t.Fatalf("Load(%q) error = %v", src, err)
			}
			if c.BaseURL != tt.want {
				t.Errorf("BaseURL = %q, want %q", c.BaseURL, tt.want)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // each error of the list, in order
	}{
		{
			"unknown top-level key",
			"title = \"x\"\n\n  titel = \"y\"\n",
			[]string{`config.toml:3:3: unknown key "titel"`},
		},
		{
			"unknown key in server",
			"title = \"x\"\n[server]\nhost = \"h\"\nprot = 80\n",
			[]string{`config.toml:4:1: unknown key "server.prot"`},
		},
		{
			"unknown key in second section",
			"[[sections]]\nname = \"a\"\n[[sections]]\nname = \"b\"\n  requird = true\n",
			[]string{`config.toml:5:3: unknown key "sections.requird"`},
		},
		{
			"unknown table is one error",
			"title = \"x\"\n[serve]\nport = 80\nhost = \"h\"\n",
			[]string{`config.toml:2:1: unknown key "serve"`},
		},
		{
			"unknown dotted key",
			"title = \"x\"\nbuild.draft = true\n",
			[]string{`config.toml:2:1: unknown key "build.draft"`},
		},
		{
			"unknown key in inline table",
			"server = { host = \"h\", prot = 80 }\n",
			[]string{`config.toml:1:24: unknown key "server.prot"`},
		},
		{
			"bad base_url",
			"title = \"x\"\nbase_url = \"example.org\"\n",
			[]string{`config.toml:2:1: base_url: "example.org" is not an absolute http or https URL`},
		},
		{
			"base_url with query",
			"base_url = \"https://example.org/?a=b\"\n",
			[]string{`config.toml:1:1: base_url: "https://example.org/?a=b" must not have a query or fragment`},
		},
		{
			"ftp base_url",
			"base_url = \"ftp://example.org/\"\n",
			[]string{`config.toml:1:1: base_url: "ftp://example.org/" is not an absolute http or https URL`},
		},
		{
			"bad timezone",
			"\ntimezone = \"Mars/Olympus\"\n",
			[]string{`config.toml:2:1: timezone: unknown time zone "Mars/Olympus"`},
		},
		{
			"empty timezone",
			"timezone = \"\"\n",
			[]string{`config.toml:1:1: timezone: unknown time zone ""`},
		},
		{
			"paginate zero",
			"paginate = 0\n",
			[]string{`config.toml:1:1: paginate: must be at least 1, not 0`},
		},
		{
			"paginate negative",
			"title = \"x\"\npaginate = -3\n",
			[]string{`config.toml:2:1: paginate: must be at least 1, not -3`},
		},
		{
			"full text of no words",
			"[outputs]\nfull_text_max_words = 0\n",
			[]string{`config.toml:2:1: outputs.full_text_max_words: must be at least 1, not 0`},
		},
		{
			"bad port",
			"[server]\nport = 70000\n",
			[]string{`config.toml:2:1: server.port: 70000 is not a port number`},
		},
		{
			"bad theme",
			"theme = \"../evil\"\n",
			[]string{`config.toml:1:1: theme: "../evil" is not a theme folder name`},
		},
		{
			"empty language",
			"language = \" \"\n",
			[]string{`config.toml:1:1: language: must not be empty`},
		},
		{
			"language not a BCP 47 tag",
			"title = \"x\"\nlanguage = \"Spanish\"\n",
			[]string{`config.toml:2:1: language: "Spanish" is not a BCP 47 language tag such as "en-US", "es" or "pt-BR"`},
		},
		{
			"duplicate sections",
			"[[sections]]\nname = \"Why this matters\"\n[[sections]]\nname = \"Why it matters:\"\n",
			[]string{`config.toml:1:1: sections: "Why this matters" and "Why it matters:" name the same section`},
		},
		{
			"section without a name",
			"[[sections]]\nname = \"!!\"\n",
			[]string{`config.toml:1:1: sections: a section needs a name with letters or digits`},
		},
		{
			"several problems sorted",
			"paginate = 0\ntimezone = \"Nowhere\"\nbogus = 1\n",
			[]string{
				`config.toml:1:1: paginate: must be at least 1, not 0`,
				`config.toml:2:1: timezone: unknown time zone "Nowhere"`,
				`config.toml:3:1: unknown key "bogus"`,
			},
		},
		{
			"syntax error",
			"title = \"x\"\npaginate = \n",
			[]string{`config.toml:2:12: expected value but found '\n' instead`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
			if err == nil {
				t.Fatalf("Load(%q) error = nil, want %q", tt.src, tt.want)
			}
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Load(%q) errors:\n%s\nwant:\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var de *diag.Error
			if !errors.As(err, &de) || de.Pos.File != FileName {
				t.Errorf("errors.As(err, *diag.Error) = %v, want an error in %s", de, FileName)
			}
		})
	}
}

// TestLoadTypeError checks that a value of the wrong type is an error in
// config.toml at the value's line and column, saying what the setting needs.
func TestLoadTypeError(t *testing.T) {
	_, err := Load(fstest.MapFS{FileName: {Data: []byte("title = \"x\"\npaginate = \"ten\"\n")}}, FileName)
	if err == nil {
		t.Fatal("Load() error = nil, want a type error")
	}
	var de *diag.Error
	if !errors.As(err, &de) || de.Pos.File != FileName {
		t.Fatalf("errors.As(%v, *diag.Error) = false, want an error in %s", err, FileName)
	}
	if got, want := err.Error(), "config.toml:2:12: paginate must be a whole number, not a string"; got != want {
		t.Errorf("Load() error = %q, want %q", got, want)
	}
}

func errorLines(err error) []string {
	var list diag.List
	if errors.As(err, &list) {
		var s []string
		for _, e := range list {
			s = append(s, e.Error())
		}
		return s
	}
	return []string{err.Error()}
}

func TestValidateNormalisesBaseURL(t *testing.T) {
	c := Default()
	c.BaseURL = "https://example.org/news"
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	if got, want := c.BaseURL, "https://example.org/news/"; got != want {
		t.Errorf("BaseURL = %q, want %q", got, want)
	}
	c.Timezone = "Europe/Paris"
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	if got := c.Location().String(); got != "Europe/Paris" {
		t.Errorf("Location() after Validate = %q, want Europe/Paris", got)
	}
}

func TestValidateErrorsHaveNoPosition(t *testing.T) {
	c := Default()
	c.Paginate = 0
	err := c.Validate()
	if got, want := err.Error(), "paginate: must be at least 1, not 0"; got != want {
		t.Errorf("Validate() = %q, want %q", got, want)
	}
}

func TestSectionKey(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"Why it matters:", "why this matters", true},
		{"Why It Matters", "Why this matters", true},
		{"Behind-the-scenes", "Behind the scenes", true},
		{"What's next", "Whats next", true},
		{"What’s next", "What's next", true},
		{"  By the numbers  ", "by the numbers", true},
		{"The big picture", "Big picture", false},
		{"Go deeper", "Go deeper:", true},
		{"What's next", "What is next", false},
		{"it", "this", true},
		{"Zoom in", "Zoom out", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"|"+tt.b, func(t *testing.T) {
			ka, kb := SectionKey(tt.a), SectionKey(tt.b)
			if (ka == kb) != tt.same {
				t.Errorf("SectionKey(%q) = %q, SectionKey(%q) = %q; same = %v, want %v", tt.a, ka, tt.b, kb, ka == kb, tt.same)
			}
		})
	}
	if got, want := SectionKey("Why it matters:"), "why this matters"; got != want {
		t.Errorf("SectionKey(%q) = %q, want %q", "Why it matters:", got, want)
	}
}

func TestSectionID(t *testing.T) {
	if got, want := (Section{Name: "What's next"}).ID(), "whats-next"; got != want {
		t.Errorf("ID() = %q, want %q", got, want)
	}
}

func TestLoadCheck(t *testing.T) {
	src := "title = \"x\"\n[check]\nbody_words = 250\ntopics = [\"White House\"]\n\n[check.rules]\nbody-words = \"warning\"\n  \"lede-words\" = \"off\"\n"
	c, err := Load(fstest.MapFS{FileName: {Data: []byte(src)}}, FileName)
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	want := Check{
		BodyWords: 250, LedeWords: 60, ParagraphSentences: 3, ScheduleDays: 90, RequireAuthors: true,
		Topics: []string{"White House"},
		Rules:  map[string]string{"body-words": "warning", "lede-words": "off"},
	}
	got := c.Check
	got.rulePos = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Check = %+v, want %+v", got, want)
	}
	for id, pos := range map[string]string{"body-words": "config.toml:7:1", "lede-words": "config.toml:8:3", "nothing": "config.toml"} {
		if got := c.Check.RulePos(id).String(); got != pos {
			t.Errorf("RulePos(%q) = %s, want %s", id, got, pos)
		}
	}
}

// TestLoadRequireAuthors: a brief must name an author unless config.toml
// says otherwise.
func TestLoadRequireAuthors(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{"", true},
		{"title = \"x\"\n", true},
		{"[check]\nrequire_authors = false\n", false},
		{"[check]\nrequire_authors = true\n", true},
	} {
		c, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
		if err != nil {
			t.Fatalf("Load(%q) error = %v", tt.src, err)
		}
		if c.Check.RequireAuthors != tt.want {
			t.Errorf("Load(%q): RequireAuthors = %v, want %v", tt.src, c.Check.RequireAuthors, tt.want)
		}
	}
	if !Default().Check.RequireAuthors {
		t.Error("Default().Check.RequireAuthors = false, want true")
	}
}

func TestLoadCheckErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			"limit below one",
			"[check]\nbody_words = 0\n",
			[]string{`config.toml:2:1: check.body_words: must be at least 1, not 0 (to turn the rule off, set it to "off" under [check.rules])`},
		},
		{
			"negative schedule",
			"[check]\nschedule_days = -1\n",
			[]string{`config.toml:2:1: check.schedule_days: must not be negative, not -1`},
		},
		{
			"topic without letters",
			"[check]\ntopics = [\"ok\", \"--\"]\n",
			[]string{`config.toml:2:1: check.topics: entry "--" needs letters or digits`},
		},
		{
			"bad severity",
			"[check.rules]\nbody-words = \"warn\"\n",
			[]string{`config.toml:2:1: check.rules.body-words: "warn" is not a severity: use "error", "warning" or "off"`},
		},
		{
			"require_authors not a boolean",
			"[check]\nrequire_authors = \"yes\"\n",
			[]string{`config.toml:2:19: check.require_authors must be true or false, not a string`},
		},
		{
			"unknown key",
			"[check]\nbody_word = 3\n",
			[]string{`config.toml:2:1: unknown key "check.body_word"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Load(%q) errors:\n%s\nwant:\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLoadOutputs(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		disabled []string
		want     []string // errors
	}{
		{"everything on by default", "", nil, nil},
		{"some off", "[outputs]\ndisable = [\"editions\", \"search\"]\n", []string{"editions", "search"}, nil},
		{"every family off", "[outputs]\ndisable = [\"editions\", \"brief-json\", \"search\", \"atom\", \"json-feed\", \"news-sitemap\"]\n", OutputFamilies, nil},
		{"unknown name", "title = \"T\"\n[outputs]\ndisable = [\"editions\", \"newsletter\"]\n", nil,
			[]string{`config.toml:3:1: outputs.disable: unknown output "newsletter": the outputs that can be switched off are editions, brief-json, search, atom, json-feed, news-sitemap`}},
		{"unknown key", "[outputs]\nenable = [\"atom\"]\n", nil, []string{`config.toml:2:1: unknown key "outputs.enable"`}},
		{"not a list", "[outputs]\ndisable = \"atom\"\n", nil, []string{"config.toml:2:11: outputs.disable must be an array, not a string"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
			var got []string
			if err != nil {
				got = errorLines(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Load(%q) errors = %q, want %q", tt.src, got, tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("error %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
			if err != nil {
				return
			}
			for _, family := range OutputFamilies {
				if want := !slices.Contains(tt.disabled, family); c.Outputs.Enabled(family) != want {
					t.Errorf("Enabled(%q) = %v, want %v", family, !want, want)
				}
			}
		})
	}
}

// Plain labels are on unless a site turns them off.
func TestPlainLabelsDefault(t *testing.T) {
	for _, tt := range []struct {
		config string
		want   bool
	}{
		{"", true},
		{"[markdown]\nunsafe = true\n", true},
		{"[markdown]\nplain_labels = false\n", false},
	} {
		c, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.config)}}, FileName)
		if err != nil {
			t.Fatalf("Load(%q): %v", tt.config, err)
		}
		if c.Markdown.PlainLabels != tt.want {
			t.Errorf("Load(%q): PlainLabels = %v, want %v", tt.config, c.Markdown.PlainLabels, tt.want)
		}
	}
}
