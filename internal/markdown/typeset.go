package markdown

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// typeable reports whether s has anything the typographer replaces: most
// titles and summaries have not, and are returned as they are.
func typeable(s string) bool {
	return strings.ContainsAny(s, `'"`) || strings.Contains(s, "--") || strings.Contains(s, "...") ||
		strings.Contains(s, "<<") || strings.Contains(s, ">>")
}

// typed is what each substitution of typography replaces as typed.
var typed = map[string]string{
	"‘": "'", "’": "'", "“": `"`, "”": `"`,
	"–": "--", "—": "---", "…": "...", "«": "<<", "»": ">>",
}

// plainParser parses text as paragraphs with no Markdown syntax but the
// typographer's: the same inline parser, with the same substitutions, as
// the bodies of briefs.
var plainParser = sync.OnceValue(func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 100)),
		parser.WithInlineParsers(util.Prioritized(extension.NewTypographerParser(extension.WithTypographicSubstitutions(typography)), 100)),
	)
})

// Typeset returns plain text, such as a title, a summary or a photo's
// credit, with the typographic quotes, apostrophes, dashes and ellipses a
// brief's body gets: "It's" becomes "It’s", "--" an en dash. Everything
// else is kept as written, Markdown syntax included: s is not Markdown.
func Typeset(s string) string {
	if !typeable(s) || !utf8.ValidString(s) {
		return s
	}
	doc := plainParser().Parse(text.NewReader(unindent(s)))
	var b strings.Builder
	done := 0 // bytes of s written to b
	for p := doc.FirstChild(); p != nil; p = p.NextSibling() {
		var prev ast.Node
		for n := p.FirstChild(); n != nil; {
			if _, ok := n.(*ast.String); !ok {
				prev, n = n, n.NextSibling()
				continue
			}
			// A run of substitutions: where it starts in s follows from
			// the text around it (goldmark gives strings no position).
			var run []string
			next := n
			for ; next != nil; next = next.NextSibling() {
				str, ok := next.(*ast.String)
				if !ok {
					break
				}
				run = append(run, string(str.Value))
			}
			at := runStart(p, prev, next, run)
			if at >= done && substitute(s, at, run) {
				b.WriteString(s[done:at])
				for _, v := range run {
					b.WriteString(v)
					at += len(typed[v])
				}
				done = at
			}
			prev, n = next, next
			if next != nil {
				n = next.NextSibling()
			}
		}
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// runStart returns the offset in the source of a run of substitutions
// between the inline nodes prev and next of paragraph p (either may be
// nil), or -1 when it cannot tell.
func runStart(p, prev, next ast.Node, run []string) int {
	size := 0
	for _, v := range run {
		size += len(typed[v])
	}
	if t, ok := prev.(*ast.Text); ok && !t.SoftLineBreak() && !t.HardLineBreak() {
		return t.Segment.Stop // text before it on its line ends where it starts
	}
	if t, ok := next.(*ast.Text); ok {
		return t.Segment.Start - size
	}
	if prev == nil && p.Lines().Len() > 0 {
		return p.Lines().At(0).Start
	}
	return -1
}

// substitute reports whether the run of substitutions stands at offset at
// of s, each for what it replaces.
func substitute(s string, at int, run []string) bool {
	if at < 0 {
		return false
	}
	for _, v := range run {
		t, ok := typed[v]
		if !ok || !strings.HasPrefix(s[at:], t) {
			return false
		}
		at += len(t)
	}
	return true
}

// unindent returns s with the spaces and tabs that open a paragraph made
// newlines: goldmark opens no paragraph on a line indented four spaces or
// more, and substitutions keep their offsets in s.
func unindent(s string) []byte {
	src := []byte(s)
	opens := true // the line may open a paragraph: the first, or one after a blank line
	for i := 0; i < len(src); {
		end := bytes.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		line := src[i:end]
		blank := len(bytes.TrimLeft(line, " \t\r")) == 0
		if opens || blank {
			for j := 0; j < len(line) && (line[j] == ' ' || line[j] == '\t'); j++ {
				line[j] = '\n'
			}
		}
		opens, i = blank, end+1
	}
	return src
}
