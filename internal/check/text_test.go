package check

import (
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/config"
)

func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"One.", 1},
		{"One two\nthree.", 3},
		{"Four — five – six", 3},
		{"4.1% of 1,250 adults", 4},
		{"Why it matters: the U.S. vote", 6},
		{"“Quoted” words", 2},
		{"  \t ", 0},
	}
	for _, tt := range tests {
		if got := countWords(tt.in); got != tt.want {
			t.Errorf("countWords(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// FuzzCountWordsAtMostFields holds countWords to at most the number of
// runs of non-space characters, which the Markdown converter counts as a
// body's Words: the body-words rule counts only bodies over the budget by
// that number.
func FuzzCountWordsAtMostFields(f *testing.F) {
	for _, s := range []string{"One two", "Four — five", "a\u00a0b\u2003c", "\xff x", "- - -", "x\x85y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, fields := countWords(s), len(strings.Fields(s)); n > fields {
			t.Errorf("countWords(%q) = %d, more than its %d fields", s, n, fields)
		}
	})
}

func TestCountSentences(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"One sentence without a stop", 1},
		{"One. Two. Three.", 3},
		{"Really? Yes! Fine.", 3},
		{`He said “no.” Then he left.`, 2},
		{`He said "no." Then he left.`, 2},
		{"It ended (for now). Next.", 2},
		{"Sen. Smith spoke.", 1},
		{"Mr. and Mrs. Doe, Dr. Ng and Gen. Ruiz came.", 1},
		{"J. R. Smith came.", 1},
		{"At 6 p.m. The vote began.", 1}, // in doubt: one
		{"The U.S. Senate voted.", 1},
		{"Polls closed Oct. 30–Nov. 3 in the north.", 1},
		{"On Oct. 3 it passed.", 1},
		{"The deficit is 4.1% of output. It grew.", 2},
		{"It grew in 2019. 14 hours of debate followed.", 2},
		{"They talked... and talked.", 1},
		{"They talked... Then left.", 1}, // an ellipsis may go on
		{"It ended. and then", 1},        // lower case goes on
		{"Why this matters: Because.", 1},
		{"Etc. and so on.", 1},
		{"Bill No. 5 passed. Vote No. It failed.", 3},
		{"Item one. **Bold** two.", 2},
	}
	for _, tt := range tests {
		if got := countSentences(tt.in); got != tt.want {
			t.Errorf("countSentences(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestNearSection(t *testing.T) {
	sections := config.Default().Sections
	sections = append(sections, config.Section{Name: "By the numbers", Aliases: []string{"In numbers"}})
	tests := []struct {
		label, want string
	}{
		{"Why it maters", "Why it matters"},
		{"Why this maters", "Why this matters"},
		{"WHY IT MATERS", "Why it matters"},
		{"Behind the senes", "Behind-the-scenes"},
		{"The big pictrue", "The big picture"},
		{"In numbrs", "In numbers"},
		{"Zoom ni", "Zoom in"},
		{"What's new", ""}, // a label of its own
		{"Breaking", ""},
		{"Background", ""},
		{"Zoo", ""}, // short labels need an exact match
	}
	for _, tt := range tests {
		got, ok := nearSection(tt.label, sections)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("nearSection(%q) = %q, %v; want %q", tt.label, got, ok, tt.want)
		}
	}
}

func TestBadURL(t *testing.T) {
	tests := []struct {
		url, want string
	}{
		{"https://example.org/", ""},
		{"http://example.org:8080/a?b=c#d", ""},
		{"https://sub.example.co.uk/x", ""},
		{"https://例え.jp/", ""},
		{"http://192.0.2.1/", ""},
		{"http://[2001:db8::1]/", ""},
		{"https://example.org/a b", "holds white space"},
		{"ftp://example.org/", "is not an http or https URL"},
		{"https:example.org", "needs // after https:"},
		{"https://user:pw@example.org/", "holds a user name or password"},
		{"https://example.org:0x1/", `is malformed: invalid port ":0x1" after host`},
		{"https://example/", `has the host "example", which has no domain`},
		{"https:///path", "has no host"},
		{"https://-example.org/", `has a malformed host "-example.org"`},
		{"https://exa%mple.org/", `is malformed: invalid URL escape "%mp"`},
	}
	for _, tt := range tests {
		if got := badURL(tt.url); got != tt.want {
			t.Errorf("badURL(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}
