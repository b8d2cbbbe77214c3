package editions

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// wrapSlices is wrap as first written, with strings.Split and
// strings.Fields: wrap must give the same.
func wrapSlices(text string, width int) string {
	var out strings.Builder
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			out.WriteString("\n\n")
		}
		n := 0
		for j, w := range strings.Fields(para) {
			l := utf8.RuneCountInString(w)
			switch {
			case j == 0:
			case n+1+l > width:
				out.WriteByte('\n')
				n = 0
			default:
				out.WriteByte(' ')
				n++
			}
			out.WriteString(w)
			n += l
		}
	}
	return out.String()
}

var wrapTexts = []string{
	"", "  ", "one", "Why this matters: a sentence long enough to be wrapped at the width of a plain-text mail, twice over, with “quotes”.",
	"First paragraph.\n\nSecond\tparagraph,\u00a0with\u2003spaces.\n\n\n\nThird after extra lines.",
	"https://example.org/a/very/long/url/that/is/longer/than/the/width/of/a/line/of/the/plain/text/edition",
	"\n\n\nleading and trailing\n\n\n",
}

func TestWrap(t *testing.T) {
	for _, text := range wrapTexts {
		for _, width := range []int{1, 10, textWidth} {
			if got, want := wrap(text, width), wrapSlices(text, width); got != want {
				t.Errorf("wrap(%q, %d) = %q, want %q", text, width, got, want)
			}
		}
	}
}

func FuzzWrap(f *testing.F) {
	for _, text := range wrapTexts {
		f.Add(text, textWidth)
	}
	f.Fuzz(func(t *testing.T, text string, width int) {
		if got, want := wrap(text, width), wrapSlices(text, width); got != want {
			t.Errorf("wrap(%q, %d) = %q, want %q", text, width, got, want)
		}
	})
}
