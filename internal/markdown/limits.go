package markdown

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
)

// A Markdown parser reads some constructs again for each one that follows:
// goldmark's time on the inputs below grows with the square of their size,
// so that one brief of a few hundred kilobytes could stall a build or the
// preview for minutes. Convert refuses them (checkBody), each with its
// place, long before they cost anything a real brief would notice.

// MaxNesting is how deep lists, block quotes and indentation may nest at
// the start of a line of a body. Markdown parsers take time quadratic in
// that depth, so a line of ten thousand "> " would stall a build; real
// briefs nest a few levels.
const MaxNesting = 50

// MaxLinkScan is how many bytes the link destinations of a body may make a
// Markdown parser read. Each "](" opens a destination that is read up to a
// space or the closing parenthesis: a line of unclosed "[a](" is read to its
// end once per "[a](" (20,000 of them took 13 s). A real brief reads a few
// kilobytes.
const MaxLinkScan = 8 << 20

// MaxBracketWork bounds how much a Markdown parser rereads for the "]" of
// a paragraph: goldmark finds the text of each "]" by walking back from the
// paragraph's last line, so a paragraph of L lines costs, for the "]" on
// its k-th line, L-k steps. A paragraph of 40,000 lines of "[a] and" took
// 8 s; a real brief costs a few thousand steps. Paragraphs are taken as
// runs of non-blank lines, which can only overcount.
const MaxBracketWork = 32 << 20

// checkBody refuses a body that goldmark would take too long over, with
// an error at the first construct to blame, in the brief's file, saying
// what to change.
func checkBody(src *content.Source) error {
	offset, msg := bodyProblem(src.Body)
	if msg == "" {
		return nil
	}
	line, col := diag.LineCol(src.Body, offset)
	return diag.Errorf(diag.Pos{File: src.Path, Line: line + src.BodyLine - 1, Col: col}, "%s", msg)
}

// bodyProblem returns the offset of the first construct of body that
// goldmark would take too long over, and a message saying what to change;
// or an empty message.
func bodyProblem(body []byte) (offset int, msg string) {
	if offset, ok := checkNesting(body); !ok {
		return offset, fmt.Sprintf("lists, quotes or indentation nest more than %d levels deep here: flatten the text", MaxNesting)
	}
	if offset, ok := checkLinkScan(body); !ok {
		return offset, "too many links without their closing parenthesis from this line on: Markdown reads each to the end of its line; close them, or write \\[ for a bracket that opens no link"
	}
	if offset, ok := checkBrackets(body); !ok {
		return offset, "this paragraph has too many ] on too many lines: Markdown reads the rest of the paragraph again for each ]; put blank lines between its parts"
	}
	return 0, ""
}

// checkNesting returns the offset in body where the lists, quotes and
// indentation opening a line first nest deeper than MaxNesting, and false;
// or true when no line does. Each level of indentation counts as two
// columns, as a list item's content is indented.
func checkNesting(body []byte) (offset int, ok bool) {
	for start := 0; start < len(body); {
		depth, cols, i := 0, 0, start
	prefix:
		for i < len(body) {
			at := i
			switch c := body[i]; {
			case c == ' ':
				cols++
			case c == '\t':
				cols += 4 - cols%4
			case c == '>':
				depth++
			case c == '-' || c == '+' || c == '*':
				if !markerEnd(body, i+1) {
					break prefix
				}
				depth++
			case c >= '0' && c <= '9':
				j := i
				for j < len(body) && j-i < 9 && body[j] >= '0' && body[j] <= '9' {
					j++
				}
				if j == len(body) || (body[j] != '.' && body[j] != ')') || !markerEnd(body, j+1) {
					break prefix
				}
				depth++
				i = j
			default:
				break prefix
			}
			i++
			if depth+cols/2 > MaxNesting {
				if rest := body[i:]; depth > 0 || len(bytes.TrimLeft(lineOf(rest), " \t\r")) > 0 {
					return at, false
				}
				break // a blank line, however long
			}
		}
		next := bytes.IndexByte(body[i:], '\n')
		if next < 0 {
			break
		}
		start = i + next + 1
	}
	return 0, true
}

// markerEnd reports whether a list marker ending before body[i] is one:
// followed by a space, a tab or the end of the line.
func markerEnd(body []byte, i int) bool {
	return i >= len(body) || body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r'
}

// lineOf returns b up to its first newline.
func lineOf(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

// linkScratch holds checkLinkScan's slices for a line: the paren level
// before each byte, the next ")" by level + len(line), which bytes a
// backslash escapes and where destinations start.
type linkScratch struct {
	level, closeAt []int
	escaped, dest  []bool
}

var linkScratches = sync.Pool{New: func() any { return new(linkScratch) }}

// checkLinkScan returns the offset of the line where the link destinations
// of body make a Markdown parser read more than MaxLinkScan bytes, and
// false; or true. It works out, in one pass per line, where goldmark's
// parseLinkDestination stops for each "](": at a space, or at the ")" that
// closes the destination's parentheses; for "](<", at the next ">". A "]("
// that closes no link label is counted too: a real brief has few.
func checkLinkScan(body []byte) (offset int, ok bool) {
	total := 0
	// The scratch slices, one byte or two each of a line, come from a pool:
	// a build checks every brief.
	sc := linkScratches.Get().(*linkScratch)
	level, closeAt, escaped, dest := sc.level, sc.closeAt, sc.escaped, sc.dest
	defer func() {
		if cap(closeAt) <= 1<<16 { // a rare huge line's go to the collector
			*sc = linkScratch{level, closeAt, escaped, dest}
			linkScratches.Put(sc)
		}
	}()
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := body[start:end]
		if bytes.Contains(line, []byte("](")) {
			n := len(line)
			// Forward: the paren level before each byte, which bytes a
			// backslash escapes, and where each destination starts.
			level, escaped, dest = level[:0], escaped[:0], dest[:0]
			lv := 0
			for i := range n {
				level, escaped, dest = append(level, lv), append(escaped, false), append(dest, false)
				switch c := line[i]; {
				case i > 0 && line[i-1] == '\\' && !escaped[i-1] && isPunct(c):
					escaped[i] = true
				case c == '(':
					lv++
				case c == ')':
					lv--
				}
			}
			for i := 2; i < n; i++ {
				if line[i-2] == ']' && line[i-1] == '(' && !escaped[i-2] {
					d := i
					for d < n && (line[d] == ' ' || line[d] == '\t') {
						d++
					}
					if d < n {
						dest[d] = true
					}
				}
			}
			// Backward: where each destination's reading stops.
			closeAt = closeAt[:0]
			for range 2*n + 1 {
				closeAt = append(closeAt, n)
			}
			nextSpace, nextGT := n, n
			for d := n - 1; d >= 0; d-- {
				switch c := line[d]; {
				case isSpace(c):
					nextSpace = d
				case c == '>':
					nextGT = d
				case c == ')' && !escaped[d]:
					closeAt[level[d]+n] = d
				}
				if !dest[d] {
					continue
				}
				stop := min(nextSpace, closeAt[level[d]+n])
				if line[d] == '<' {
					stop = nextGT
				}
				if total += stop - d; total > MaxLinkScan {
					return start, false
				}
			}
		}
		start = end + 1
	}
	return 0, true
}

// checkBrackets returns the offset of the paragraph whose "]" bring the
// work of the body's paragraphs over MaxBracketWork steps, and false; or
// true.
func checkBrackets(body []byte) (offset int, ok bool) {
	// For a paragraph of lines 0…L-1 with b[k] brackets on line k, the
	// work is the sum of b[k]·(L-k) = the sum over lines of the brackets
	// on that line and all before it.
	para, brackets, work := 0, 0, 0
	for start := 0; start <= len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := body[start:end]
		if len(bytes.TrimSpace(line)) == 0 {
			para, brackets = end+1, 0
		} else {
			brackets += bytes.Count(line, []byte("]"))
			if work += brackets; work > MaxBracketWork {
				return para, false
			}
		}
		start = end + 1
	}
	return 0, true
}

// isSpace is goldmark's util.IsSpace.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// isPunct reports whether c is ASCII punctuation, which a backslash escapes.
func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
