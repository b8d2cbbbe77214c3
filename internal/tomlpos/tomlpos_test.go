package tomlpos

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestFindKey(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		key       toml.Key
		line, col int
	}{
		{"top level", "a = 1\nb = 2\n", toml.Key{"b"}, 2, 1},
		{"indented", "a = 1\n   b = 2\n", toml.Key{"b"}, 2, 4},
		{"no spaces", "a=1\nb=2\n", toml.Key{"b"}, 2, 1},
		{"missing", "a = 1\n", toml.Key{"b"}, 0, 0},
		{"empty key", "a = 1\n", toml.Key{}, 0, 0},
		{"empty document", "", toml.Key{"a"}, 0, 0},
		{"prefix is not the key", "ab = 1\na = 2\n", toml.Key{"a"}, 2, 1},
		{"in table", "a = 1\n[t]\na = 2\n", toml.Key{"t", "a"}, 3, 1},
		{"same name outside table", "[t]\nx = 1\n[u]\na = 2\n", toml.Key{"u", "a"}, 4, 1},
		{"table header", "a = 1\n\n[t]\nx = 1\n", toml.Key{"t"}, 3, 1},
		{"indented header", "  [t]\n", toml.Key{"t"}, 1, 3},
		{"header with spaces", "[ t . u ]\nx = 1\n", toml.Key{"t", "u", "x"}, 2, 1},
		{"header with comment", "[t] # the t table\nx = 1\n", toml.Key{"t", "x"}, 2, 1},
		{"dotted key", "a.b.c = 1\n", toml.Key{"a", "b", "c"}, 1, 1},
		{"dotted key with spaces", "a . b = 1\n", toml.Key{"a", "b"}, 1, 1},
		{"dotted key in table", "[t]\nu.v = 1\n", toml.Key{"t", "u", "v"}, 2, 1},
		{"quoted key", "\"a b\" = 1\n", toml.Key{"a b"}, 1, 1},
		{"quoted dotted key", "a.\"b.c\" = 1\n", toml.Key{"a", "b.c"}, 1, 1},
		{"single-quoted key", "'x.y' = 1\n", toml.Key{"x.y"}, 1, 1},
		{"quoted table", "[\"a.b\"]\nc = 1\n", toml.Key{"a.b", "c"}, 2, 1},
		{"array table", "[[s]]\nname = \"a\"\n[[s]]\nnme = \"b\"\n", toml.Key{"s", "nme"}, 4, 1},
		{"array table header", "x = 1\n[[s]]\n", toml.Key{"s"}, 2, 1},
		{"inline table", "t = { a = 1, bb = 2 }\n", toml.Key{"t", "bb"}, 1, 14},
		{"inline table in table", "[p]\nt = {a = 1}\n", toml.Key{"p", "t", "a"}, 2, 6},
		{"comment line skipped", "# b = 1\nb = 2\n", toml.Key{"b"}, 2, 1},
		{"CRLF", "a = 1\r\n[t]\r\n  b = 2\r\n", toml.Key{"t", "b"}, 3, 3},
		{"key in multi-line string is not a key", "d = \"\"\"\nb = 1\n\"\"\"\nb = 2\n", toml.Key{"b"}, 4, 1},
		{"header in multi-line string is not a header", "d = '''\n[t]\n'''\nb = 2\n", toml.Key{"b"}, 4, 1},
		{"multi-line string on one line", "d = \"\"\"x\"\"\"\nb = 2\n", toml.Key{"b"}, 2, 1},
		{"escaped quotes in multi-line string", "d = \"\"\"x \\\"\"\"\nb = 1\n\"\"\"\nb = 2\n", toml.Key{"b"}, 4, 1},
		{"triple quote inside a string", "d = \"'''\"\nb = 2\n", toml.Key{"b"}, 2, 1},
		{"triple quote in a comment", "d = 1 # '''\nb = 2\n", toml.Key{"b"}, 2, 1},
		{"equals in value", "a = \"b = c\"\nb = 1\n", toml.Key{"b"}, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, col := FindKey([]byte(tt.src), tt.key)
			if line != tt.line || col != tt.col {
				t.Errorf("FindKey(%q, %q) = %d:%d, want %d:%d", tt.src, tt.key, line, col, tt.line, tt.col)
			}
		})
	}
}

func TestError(t *testing.T) {
	var v struct{ A int }
	_, perr := toml.Decode("a = \n", &v)
	tests := []struct {
		name   string
		offset int
		err    error
		want   string
	}{
		{"parse error", 0, perr, "x.toml:1:5: expected value but found '\\n' instead"},
		{"parse error offset", 3, perr, "x.toml:4:5: expected value but found '\\n' instead"},
		{"other error", 3, errors.New("boom"), "x.toml: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Error("x.toml", tt.offset, tt.err)
			if got := err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("errors.Is(Error(err), err) = false, want true")
			}
		})
	}
}

func FuzzFindKey(f *testing.F) {
	f.Add([]byte("[[s]]\nname = 1\n[[s]]\nnme = 2\n"), "s.nme")
	f.Add([]byte("t = { a = 1, b = { c = 2 } }\n"), "t.b.c")
	f.Add([]byte("a.\"b.c\" = 1\n"), "a.b.c")
	f.Add([]byte("d = \"\"\"\n[x]\n\"\"\"\n"), "x")
	f.Add([]byte("[\"unterminated\n= \n'"), "")
	if data, err := os.ReadFile("../../config.toml"); err == nil {
		f.Add(data, "sections.name")
		f.Add(data, "server.port")
	}
	f.Fuzz(func(t *testing.T, src []byte, dotted string) {
		key := toml.Key(strings.Split(dotted, "."))
		line, col := FindKey(src, key)
		if (line == 0) != (col == 0) || line < 0 || col < 0 {
			t.Errorf("FindKey(%q, %q) = %d:%d, want both zero or both positive", src, key, line, col)
		}
		if n := strings.Count(string(src), "\n") + 1; line > n {
			t.Errorf("FindKey(%q, %q) line = %d, past the last line %d", src, key, line, n)
		}
	})
}

func TestDepth(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		offset int // -1: ok
	}{
		{"flat", "a = 1\nb = \"x\"\n", -1},
		{"floats and dates", "a = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5]\nd = 2026-06-07T09:30:00.5Z\n", -1},
		{"strings", "a = \"[[[[.{{{{\"\nb = '.[[.'\nc = \"\"\"\n[x.y]\nk.l = {{{\n\"\"\"\nd = '''\n{{{{[[[[\n'''\n", -1},
		{"escaped quote", "a = \"\\\"[[[[\"\nb = 1\n", -1},
		{"comments", "# a.b.c.d.e.f.g [[[[ {{{{\na = 1 # [[[[\n", -1},
		{"four levels", "[a.b]\nc.d = 1\n", -1},
		{"at the limit", strings.Repeat("a.", 3) + "b = 1\n", -1},
		{"over the limit", strings.Repeat("a.", 4) + "b = 1\n", 0},
		{"header over", "x = 1\n[a.b.c.d.e]\n", 6},
		{"array levels", "a = [[[1]]]\n", -1},
		{"array levels over", "a = [[[[1]]]]\n", 7},
		{"inline tables", "a = {b = {c = {d = 1}}}\n", -1},
		{"inline tables over", "a = {b = {c = {d = {e = 1}}}}\n", 20},
		{"header and key", "[a.b]\nc.d.e = 1\n", 6},
		{"inline table in an array", "a = [{b = 1}, {c.d = 1}]\n", -1},
		{"inline table in an array over", "a = [{b = 1}, {c.d.e = 1}]\n", 15},
		{"unterminated string", "a = \"[[[[\n", -1},
		{"unterminated multi-line", "a = '''[[[[\n.....", -1},
	}
	for _, tt := range tests {
		offset, ok := Depth([]byte(tt.src), 4)
		if tt.offset < 0 && !ok {
			t.Errorf("Depth(%q, 4) = %d, false; want true", tt.src, offset)
		}
		if tt.offset >= 0 && (ok || offset != tt.offset) {
			t.Errorf("Depth(%q, 4) = %d, %v; want %d, false", tt.src, offset, ok, tt.offset)
		}
	}
}

func FuzzDepth(f *testing.F) {
	if data, err := os.ReadFile("../../config.toml"); err == nil {
		f.Add(data, 3)
	}
	f.Add([]byte("a = [{b.c = '''x'''}, \"\\\"\"]\n[d.\"e.f\"]\n"), 2)
	f.Fuzz(func(t *testing.T, src []byte, max int) {
		offset, ok := Depth(src, max)
		if !ok && (offset < 0 || offset > len(src)) {
			t.Errorf("Depth(%q, %d) = offset %d, outside the text", src, max, offset)
		}
		if max >= len(src)+1 && !ok {
			t.Errorf("Depth(%q, %d) = false, deeper than the text is long", src, max)
		}
	})
}

func TestUnknown(t *testing.T) {
	var v struct {
		A int `toml:"a"`
		T struct {
			B int `toml:"b"`
		} `toml:"t"`
		Params map[string]any `toml:"params"`
	}
	md, err := toml.Decode("a = 1\nx = 2\n[t]\nb = 1\nc = 2\n[u]\nd = 1\ne.f = 2\n[params]\ng = 1\n", &v)
	if err != nil {
		t.Fatal(err)
	}
	params := func(key []string) bool { return key[0] == "params" }
	var got []string
	for _, key := range Unknown(md, params) {
		got = append(got, key.String())
	}
	// u is reported once, not its keys; params is free-form.
	if want := []string{"x", "t.c", "u"}; !slices.Equal(got, want) {
		t.Errorf("Unknown() = %q, want %q", got, want)
	}
}
