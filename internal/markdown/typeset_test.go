package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTypeset(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"No punctuation to change", "No punctuation to change"},
		{`Minister says "no" to 'reform'`, "Minister says “no” to ‘reform’"},
		{"The minister's last day", "The minister’s last day"},
		{"Budget -- again --- and then...", "Budget – again — and then…"},
		{"<<Non>>, dit-il", "«Non», dit-il"},
		{"A hyphen-ated word", "A hyphen-ated word"},
		{"  leading and trailing space  ", "  leading and trailing space  "},
		{"Two\nlines -- kept", "Two\nlines – kept"},
		{"Two\n\nparagraphs' quotes \"kept\"", "Two\n\nparagraphs’ quotes “kept”"},
		{"    indented \"quote\"", "    indented “quote”"},
		{`Escaped \"quote\"`, `Escaped \"quote\"`},
		{"**Bold** _and_ [link](x) stay as written -- 'so'", "**Bold** _and_ [link](x) stay as written – ‘so’"},
		{"# Not a heading's title", "# Not a heading’s title"},
		{"- not a list's item", "- not a list’s item"},
		{"Already “curly” and ’90s", "Already “curly” and ’90s"},
		{"The '90s", "The ’90s"},
		{"Jane Doe / Wire Photo", "Jane Doe / Wire Photo"},
		{"R&amp;D <b>", "R&amp;D <b>"},
		{"\xff\"bad\"", "\xff\"bad\""}, // not UTF-8: as it is
	}
	for _, tt := range tests {
		if got := Typeset(tt.in); got != tt.want {
			t.Errorf("Typeset(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The body's typographer and Typeset agree: a paragraph's text is the
// typeset text.
func TestTypesetMatchesBody(t *testing.T) {
	c := New(Options{})
	for _, s := range []string{
		`Minister says "no" to 'reform' -- and it's final...`,
		"The '90s <<again>> --- or not",
	} {
		res, err := c.Convert(bundleSource([]byte(s)))
		if err != nil {
			t.Fatal(err)
		}
		if got := Typeset(s); got != res.Text {
			t.Errorf("Typeset(%q) = %q, the body's text %q", s, got, res.Text)
		}
	}
}

// plainPunctuation maps typographic punctuation back to what it is typed
// as, so that text and its typeset form compare equal.
var plainPunctuation = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "--", "—", "---", "…", "...", "«", "<<", "»", ">>")

func FuzzTypeset(f *testing.F) {
	for _, s := range []string{"", `"a" 'b' c's -- --- ... << >>`, "x\n\n  \"y\"\n", `\"`, "'90s", "a\r\nb -- c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Typeset(s)
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Typeset(%q) = %q, not UTF-8", s, got)
		}
		// Only punctuation changes, and each mark to its typographic form.
		if plainPunctuation.Replace(got) != plainPunctuation.Replace(s) {
			t.Fatalf("Typeset(%q) = %q changes more than punctuation", s, got)
		}
		if !typeable(s) && got != s {
			t.Fatalf("Typeset(%q) = %q, want it unchanged", s, got)
		}
	})
}

// BenchmarkTypeset sets a title with quotes and a dash, as NewBrief does
// for every brief.
func BenchmarkTypeset(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Typeset(`Minister's "last" day -- allies fume`)
	}
}
