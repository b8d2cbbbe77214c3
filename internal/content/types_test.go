package content

import (
	"slices"
	"testing"
)

// TestParseWrongTypes holds the TOML decoder to reporting every key of the
// wrong type, each at its line and column, in the order of the file.
func TestParseWrongTypes(t *testing.T) {
	const x = "content/briefs/x.md"
	head := "+++\ntitle = \"x\"\ndate = 2026-06-07\n"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			"three keys of the wrong type",
			head + "summary = 1\ntopics = [[\"a\"]]\n  draft = \"yes\"\n+++\n",
			[]string{
				x + `:4:1: summary must be a string, not an integer`,
				x + `:5:1: topics must be a list of strings, not a list holding a list`,
				x + `:6:3: draft must be true or false, not a string`,
			},
		},
		{
			"a list for a string",
			head + "slug = [\"a\"]\n+++\n",
			[]string{x + `:4:1: slug must be a string, not a list`},
		},
		{
			"a string for a list",
			head + "authors = \"Dana\"\n+++\n",
			[]string{x + `:4:1: authors must be a list of strings, not a string`},
		},
		{
			"a number in a list",
			head + "authors = [\"Dana\", 2]\n+++\n",
			[]string{x + `:4:1: authors must be a list of strings, not a list holding an integer`},
		},
		{
			"a string for a date",
			"+++\ntitle = \"x\"\ndate = \"yesterday\"\n+++\n",
			[]string{x + `:3:1: date must be a date such as 2026-06-07T09:30:00-04:00, not a string`},
		},
		{
			"a quoted date is a date",
			"+++\ntitle = \"x\"\ndate = \"2026-06-07T09:30:00-04:00\"\n+++\n",
			nil,
		},
		{
			"a float for a bool",
			head + "draft = 1.5\n+++\n",
			[]string{x + `:4:1: draft must be true or false, not a float`},
		},
		{
			"a string for a table",
			head + "photo = \"a.jpg\"\n+++\n",
			[]string{x + `:4:1: photo must be a table, not a string`},
		},
		{
			"a table for a list of tables",
			head + "[go_deeper]\ntitle = \"a\"\n+++\n",
			[]string{x + `:4:1: go_deeper must be a list of tables ([[go_deeper]]), not a table`},
		},
		{
			"a table for a string",
			head + "[summary]\ntext = \"a\"\n+++\n",
			[]string{x + `:4:1: summary must be a string, not a table`},
		},
		{
			"a string for params",
			head + "params = \"a\"\n+++\n",
			[]string{x + `:4:1: params must be a table, not a string`},
		},
		{
			"inside a table and the second entry of a list",
			head + "[photo]\nsrc = \"a.jpg\"\nalt = true\ncredit = \"c\"\n[[go_deeper]]\ntitle = \"a\"\nurl = \"https://a.org\"\n[[go_deeper]]\ntitle = 2\nurl = \"https://b.org\"\n[[corrections]]\ndate = 2026-06-08\ntext = [\"a\"]\n+++\n",
			[]string{
				x + `:6:1: photo.alt must be a string, not a boolean`,
				x + `:12:1: go_deeper.title must be a string, not an integer`,
				x + `:16:1: corrections.text must be a string, not a list`,
			},
		},
		{
			"unknown keys are reported with the wrong types",
			head + "summary = 1\nkicker = \"x\"\n+++\n",
			[]string{
				x + `:4:1: summary must be a string, not an integer`,
				x + `:5:1: unknown front matter key "kicker"`,
			},
		},
		{
			"inline tables",
			head + "photo = { src = \"a.jpg\", alt = 1, credit = \"c\" }\n+++\n",
			[]string{x + `:4:26: photo.alt must be a string, not an integer`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := errorLines(parseErr(x, tt.src))
			if !slices.Equal(first, tt.want) {
				t.Fatalf("Parse errors:\n%q\nwant:\n%q", first, tt.want)
			}
			// The toml package decodes a map's keys in random order:
			// the report must not depend on it.
			for range 20 {
				if got := errorLines(parseErr(x, tt.src)); !slices.Equal(got, first) {
					t.Fatalf("Parse errors changed between runs:\n%q\nthen:\n%q", first, got)
				}
			}
		})
	}
}

func parseErr(path, src string) error {
	_, err := Parse(path, []byte(src), Options{Location: newYork})
	return err
}
