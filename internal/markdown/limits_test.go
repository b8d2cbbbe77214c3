package markdown

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
)

// brief is a minimal valid TOML brief with body, which starts on line 5.
func brief(body string) string {
	return "+++\ntitle = \"x\"\ndate = 2026-06-07\n+++\n" + body
}

// convertBrief reads the brief at path with content, for its body and the
// line it starts on, and converts it.
func convertBrief(t *testing.T, path, data string, maxBytes int) (*Result, error) {
	t.Helper()
	src, err := content.Parse(path, []byte(data), content.Options{MaxBriefBytes: maxBytes})
	if err != nil {
		t.Fatalf("content.Parse() = %v", err)
	}
	return goldenConverter().Convert(src)
}

// errorLines returns the message of err, which must be a *diag.Error with
// a line, as a list for the tables' want.
func errorLines(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var de *diag.Error
	if !errors.As(err, &de) || de.Pos.Line == 0 {
		t.Errorf("Convert() error %v (%T) is no *diag.Error with a line", err, err)
	}
	return []string{err.Error()}
}

func TestConvertRefusesNesting(t *testing.T) {
	const x = "content/briefs/x.md"
	const limit = "lists, quotes or indentation nest more than 50 levels deep here: flatten the text"
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"a few levels", "- a\n  - b\n    - c\n> > quoted\n1. one\n   2) two\n", nil},
		{"50 quotes", strings.Repeat(">", 50) + " x\n", nil},
		{"51 quotes", strings.Repeat(">", 51) + " x\n", []string{x + ":5:51: " + limit}},
		{"quotes with spaces", "text\n\n" + strings.Repeat("> ", 10000) + "x\n", []string{x + ":7:68: " + limit}},
		{"list markers", strings.Repeat("- ", 10000) + "x\n", []string{x + ":5:68: " + limit}},
		{"star and plus markers", strings.Repeat("* + ", 5000) + "x\n", []string{x + ":5:68: " + limit}},
		{"ordered markers", strings.Repeat("1. ", 10000) + "x\n", []string{x + ":5:102: " + limit}},
		{"mixed markers", strings.Repeat("> 1) - ", 2000) + "x\n", []string{x + ":5:79: " + limit}},
		{"indentation staircase", func() string {
			var b strings.Builder
			for i := 0; i < 80; i++ {
				b.WriteString(strings.Repeat("  ", i) + "- a\n")
			}
			return b.String()
		}(), []string{x + ":55:101: " + limit}},
		{"tabs", strings.Repeat("\t", 30) + "x\n", []string{x + ":5:26: " + limit}},
		{"a long blank line is blank", strings.Repeat(" ", 10000) + "\n\ntext\n", nil},
		{"a long line of spaces and CR", strings.Repeat(" ", 10000) + "\r\n", nil},
		{"not markers", strings.Repeat("-a ", 10000) + "\n" + strings.Repeat("1.5 ", 1000) + "\n" + strings.Repeat("*", 10000) + "\n", nil},
		{"emphasis is not nesting", strings.Repeat("*a ", 10000) + "\n", nil},
		{"thematic breaks", strings.Repeat("* * *\n", 1000), nil},
		{"ten digits is not a marker", strings.Repeat("1234567890. ", 200) + "\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := convertBrief(t, x, brief(tt.body), 64<<20)
			if got := errorLines(t, err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Convert() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestConvertRefusesSlowMarkdown(t *testing.T) {
	const x = "content/briefs/x.md"
	const unclosed = "too many links without their closing parenthesis from this line on: Markdown reads each to the end of its line; close them, or write \\[ for a bracket that opens no link"
	const brackets = "this paragraph has too many ] on too many lines: Markdown reads the rest of the paragraph again for each ]; put blank lines between its parts"
	lines := func(n int, line string) string { return strings.Repeat(line+"\n", n) }
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"unclosed links", "Lede.\n\n" + strings.Repeat("[a](", 20000) + "\n", []string{x + ":7:1: " + unclosed}},
		{"unclosed links with spaces inside", strings.Repeat("[a](b(c", 20000) + "\n", []string{x + ":5:1: " + unclosed}},
		{"balanced parentheses never close", strings.Repeat("[a]((()", 20000) + "\n", []string{x + ":5:1: " + unclosed}},
		{"angle destinations", strings.Repeat("[a](<b", 20000) + "\n", []string{x + ":5:1: " + unclosed}},
		{"a space after the parenthesis", strings.Repeat("[a]( <b", 20000) + "\n", []string{x + ":5:1: " + unclosed}},
		{"closed links", strings.Repeat("[a](b) ", 100000) + "\n", nil},
		{"closed links without spaces", strings.Repeat("[a](b)", 100000) + "\n", nil},
		{"closed angle links", strings.Repeat("[a](<b>)", 100000) + "\n", nil},
		{"links with parentheses", strings.Repeat("[a](https://x.org/a_(b)) ", 30000) + "\n", nil},
		{"escaped brackets", strings.Repeat(`\[a\](`, 50000) + "\n", nil},
		{"unclosed links on short lines", "Lede.\n\n" + lines(50000, "[a]( [b]( [c]("), []string{x + ":7:1: " + brackets}},
		{"link definitions", lines(10000, "[a]: /u"), []string{x + ":5:1: " + brackets}},
		{"bracket lines", lines(10000, "[a]"), []string{x + ":5:1: " + brackets}},
		{"brackets on every other line", "Lede.\n\nFirst.\n\n" + lines(20000, "[a] and\ntext"), []string{x + ":9:1: " + brackets}},
		{"bracket lines in a quote", lines(10000, "> [a]: /u"), []string{x + ":5:1: " + brackets}},
		{"1000 link definitions", lines(1000, "[a]: /u"), nil},
		{"link definitions apart", lines(20000, "[a]: /u\n"), nil},
		{"a long paragraph of text", lines(100000, "Words and more words."), nil},
		{"a long paragraph of links", lines(2000, "A [link](https://x.org/) and [another](https://y.org/)."), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := convertBrief(t, x, brief(tt.body), 64<<20)
			if got := errorLines(t, err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Convert() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestConvertRefusesAfterLoneCR wants the place of a refused body right in
// a file with lone CR line ends (old Mac OS), which content reads as LF.
func TestConvertRefusesAfterLoneCR(t *testing.T) {
	const x = "content/briefs/x.md"
	_, err := convertBrief(t, x, "+++\rtitle = \"x\"\rdate = 2026-06-07\r+++\r\r"+strings.Repeat(">", 51)+"\r", 0)
	want := []string{x + ":6:51: lists, quotes or indentation nest more than 50 levels deep here: flatten the text"}
	if got := errorLines(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("Convert() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
