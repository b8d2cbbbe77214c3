package tomlpos

import (
	"errors"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/briefs-dev/briefs/internal/diag"
)

// settings has a field of each kind a site's configuration has.
type settings struct {
	Title    string
	Port     int
	Drafts   bool
	Ratio    float64
	Widths   []int
	Server   struct{ Port int }
	Sections []struct{ Name string }
}

func TestErrorIn(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"title = 5\n", "x.toml:1:9: title must be a string in quotes, not a whole number"},
		{"# a comment\n\ndrafts   =   \"yes\"\n", "x.toml:3:14: drafts must be true or false, not a string"},
		{"ratio = [1]\n", "x.toml:1:9: ratio must be a number, not an array"},
		{"port = 1.5\n", "x.toml:1:8: port must be a whole number, not a number"},
		{"widths = 480\n", "x.toml:1:10: widths must be an array, not a whole number"},
		{"[server]\nport = \"80\"\n", "x.toml:2:8: server.port must be a whole number, not a string"},
		{"server = 3\n", "x.toml:1:10: server must be a table, not a whole number"},
		// The second entry of an array of tables: its own line.
		{"[[sections]]\nname = \"A\"\n[[sections]]\nname = true\n", "x.toml:4:8: sections.name must be a string in quotes, not true or false"},
		// Not a type error: as Error reports it.
		{"title = \n", "x.toml:1:9: expected value but found '\\n' instead"},
	}
	for _, tt := range tests {
		var v settings
		_, err := toml.Decode(tt.src, &v)
		if err == nil {
			t.Fatalf("%q: no error", tt.src)
		}
		got := ErrorIn("x.toml", []byte(tt.src), err)
		if got.Error() != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
		if !errors.Is(got, err) {
			t.Errorf("%q: the toml error is not wrapped", tt.src)
		}
	}
}

// Whatever the document, a decode error becomes a positioned error whose
// line and column are inside the document.
func FuzzErrorIn(f *testing.F) {
	f.Add("[[sections]]\nname = 1\n")
	f.Add("title = { a = 1 }\n")
	f.Add("\"a.b\" = 1\nserver.port = 'x'\n")
	f.Add("widths = [1, \"a\"]\n")
	f.Fuzz(func(t *testing.T, src string) {
		var v settings
		_, err := toml.Decode(src, &v)
		if err == nil {
			return
		}
		var d *diag.Error
		if !errors.As(ErrorIn("x.toml", []byte(src), err), &d) {
			t.Fatalf("not a diag.Error")
		}
		lines := strings.Split(src, "\n")
		if d.Pos.Line < 0 || d.Pos.Line > len(lines) || d.Pos.Col < 0 {
			t.Fatalf("%q: position %d:%d outside the document", src, d.Pos.Line, d.Pos.Col)
		}
		if strings.Contains(d.Msg, " must be ") && d.Pos.Line > 0 && d.Pos.Col > len(lines[d.Pos.Line-1])+1 {
			t.Errorf("%q: column %d past the end of line %d", src, d.Pos.Col, d.Pos.Line)
		}
	})
}
