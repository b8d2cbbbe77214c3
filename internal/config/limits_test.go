package config

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefs-dev/briefs/internal/diag"
)

func TestLoadContentLimits(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Content
	}{
		{"defaults", `title = "x"`, Content{MaxBriefBytes: 1 << 20, MaxFrontMatterBytes: 64 << 10}},
		{"both set", "[content]\nmax_brief_bytes = 4_000_000\nmax_front_matter_bytes = 8192\n", Content{MaxBriefBytes: 4000000, MaxFrontMatterBytes: 8192}},
		{"one set", "[content]\nmax_brief_bytes = 100_000\n", Content{MaxBriefBytes: 100000, MaxFrontMatterBytes: 64 << 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
			if err != nil {
				t.Fatalf("Load(%q) error = %v", tt.src, err)
			}
			if c.Content != tt.want {
				t.Errorf("Load(%q).Content = %+v, want %+v", tt.src, c.Content, tt.want)
			}
		})
	}
}

func TestLoadContentLimitErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			"brief limit zero",
			"[content]\nmax_brief_bytes = 0\n",
			[]string{`config.toml:2:1: content.max_brief_bytes: 0 is not between 1024 (1 KB) and 268435456 (256 MB)`},
		},
		{
			"brief limit too large",
			"[content]\n  max_brief_bytes = 300_000_000\n",
			[]string{`config.toml:2:3: content.max_brief_bytes: 300000000 is not between 1024 (1 KB) and 268435456 (256 MB)`},
		},
		{
			"front matter limit negative",
			"[content]\nmax_front_matter_bytes = -1\n",
			[]string{`config.toml:2:1: content.max_front_matter_bytes: -1 is not between 1024 (1 KB) and 268435456 (256 MB)`},
		},
		{
			"a string, not a number",
			"[content]\nmax_brief_bytes = \"1MB\"\n",
			[]string{`config.toml:2:19: content.max_brief_bytes must be a whole number, not a string`},
		},
		{
			"unknown key",
			"[content]\nmax_size = 10\n",
			[]string{`config.toml:2:1: unknown key "content.max_size"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
			got := errorLines(err)
			if err == nil {
				got = nil
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Load(%q) errors:\n%s\nwant:\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestKeyPos(t *testing.T) {
	src := "title = \"x\"\n\n[markdown]\n  unsafe = true\n[content]\nmax_brief_bytes = 2048\n"
	c, err := Load(fstest.MapFS{FileName: {Data: []byte(src)}}, FileName)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key  []string
		want string
	}{
		{[]string{"markdown", "unsafe"}, "config.toml:4:3"},
		{[]string{"markdown"}, "config.toml:3:1"},
		{[]string{"content", "max_brief_bytes"}, "config.toml:6:1"},
		{[]string{"server", "port"}, "config.toml"},
	}
	for _, tt := range tests {
		if got := c.KeyPos(tt.key...).String(); got != tt.want {
			t.Errorf("KeyPos(%q) = %s, want %s", tt.key, got, tt.want)
		}
	}
	d := Default()
	if got := d.KeyPos("markdown", "unsafe"); got != (diag.Pos{}) {
		t.Errorf("Default().KeyPos() = %v, want no position", got)
	}
}

// FuzzLoad feeds arbitrary bytes to Load as config.toml: it must never
// panic, and every error must be a positioned diag error in config.toml.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(demo))
	f.Add([]byte("[content]\nmax_brief_bytes = 2048\nmax_front_matter_bytes = 4096\n"))
	f.Add([]byte("[check.rules]\n\"a.b\" = \"warn\"\n[[sections]]\nname = \"\"\n"))
	f.Add([]byte("base_url = \"javascript:alert(1)\"\ntimezone = \"../../etc/passwd\"\ntheme = \"../x\"\n"))
	f.Add([]byte("\ufeffa = [[[[[[[[1]]]]]]]]\r\nb = {c = {d = {}}}\r"))
	f.Add([]byte("x = \"\"\"\n[markdown]\nunsafe = true\n\"\"\"\n"))
	f.Add([]byte("a = 1\x00\n\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Load(fstest.MapFS{FileName: {Data: data}}, FileName)
		if err != nil {
			var list diag.List
			var one *diag.Error
			switch {
			case errors.As(err, &list):
				for _, e := range list {
					if e.Pos.File != FileName {
						t.Errorf("Load(%q) error %q is not in %s", data, e, FileName)
					}
				}
			case errors.As(err, &one):
				if one.Pos.File != FileName {
					t.Errorf("Load(%q) error %q is not in %s", data, one, FileName)
				}
			default:
				t.Errorf("Load(%q) error %T %q is not a diag error", data, err, err)
			}
			return
		}
		if c.Location() == nil || !strings.HasSuffix(c.BaseURL, "/") {
			t.Errorf("Load(%q) accepted %+v", data, c)
		}
		if c.Content.MaxFrontMatterBytes < 1024 || c.Content.MaxBriefBytes < 1024 {
			t.Errorf("Load(%q) accepted limits %+v", data, c.Content)
		}
		n := bytes.Count(data, []byte("\n")) + 1
		if p := c.KeyPos("markdown", "unsafe"); p.Line > n || p.Line < 0 {
			t.Errorf("Load(%q).KeyPos = %v, past the last line %d", data, p, n)
		}
	})
}

func TestLoadHostile(t *testing.T) {
	var many strings.Builder
	for i := range 3000 {
		many.WriteString("k" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676)) + " = 1\n")
	}
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"too large", "title = \"" + strings.Repeat("x", 1<<20) + "\"\n",
			[]string{`config.toml:1:1: 1048587 bytes, more than the limit of 1048576 for a site's configuration`}},
		{"deep inline tables", "[params]\na = " + strings.Repeat("{b=", 15000) + "1" + strings.Repeat("}", 15000) + "\n",
			[]string{`config.toml:2:96: keys and tables nest more than 32 levels deep here: flatten them`}},
		{"deep dotted key", "[params]\n" + strings.Repeat("a.", 5000) + "b = 1\n",
			[]string{`config.toml:2:1: keys and tables nest more than 32 levels deep here: flatten them`}},
		{"deep header", "[params." + strings.Repeat("a.", 5000) + "b]\n",
			[]string{`config.toml:1:1: keys and tables nest more than 32 levels deep here: flatten them`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Load() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	t.Run("a flood of unknown keys", func(t *testing.T) {
		_, err := Load(fstest.MapFS{FileName: {Data: []byte(many.String())}}, FileName)
		got := errorLines(err)
		if len(got) != maxUnknownKeys+1 || got[len(got)-1] != "config.toml:51:1: and more unknown keys from here on" {
			t.Errorf("Load() = %d errors, last %q; want %d, the last saying more follow", len(got), got[len(got)-1], maxUnknownKeys+1)
		}
	})
}
