package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// pathological lists inputs known to make Markdown parsers slow, each made
// of about n repetitions of a pattern. A brief may hold any of them: they
// must convert, and in time linear in n (see BenchmarkPathological).
var pathological = []struct {
	name string
	gen  func(n int) string
	// quadratic marks inputs on which goldmark itself (not this package)
	// takes time quadratic in n. Convert refuses briefs that hold them
	// beyond a small size (checkBody), so that a build never meets them at
	// the sizes tested here; the tests below use convert, which parses
	// them all.
	quadratic bool
}{
	{"nested-lists", func(n int) string { return strings.Repeat("- ", n) + "x\n" }, true},
	{"nested-quotes", func(n int) string { return strings.Repeat("> ", n) + "x\n" }, true},
	{"nested-mixed", func(n int) string { return strings.Repeat("> 1. ", n/2) + "x\n" }, true},
	{"stars", func(n int) string { return strings.Repeat("*", n) + "x\n" }, false},
	{"underscores", func(n int) string { return strings.Repeat("_", n) + "x\n" }, false},
	{"open-emphasis", func(n int) string { return strings.Repeat("*a ", n) + "\n" }, false},
	{"open-strong", func(n int) string { return strings.Repeat("**a ", n) + "\n" }, false},
	{"nested-emphasis", func(n int) string { return strings.Repeat("*a **b ", n/2) + strings.Repeat("c** d*", n/2) + "\n" }, false},
	{"mixed-delimiters", func(n int) string { return strings.Repeat("*_~", n) + "\n" }, false},
	{"brackets", func(n int) string { return strings.Repeat("[", n) + "x\n" }, false},
	{"image-brackets", func(n int) string { return strings.Repeat("![", n) + "x\n" }, false},
	{"unclosed-links", func(n int) string { return strings.Repeat("[a](", n) + "x\n" }, true},
	{"unclosed-angle-links", func(n int) string { return strings.Repeat("[a](<b", n) + "\n" }, true},
	{"unbalanced-parentheses", func(n int) string { return strings.Repeat("[a]((()", n) + "\n" }, true},
	{"bracket-lines", func(n int) string { return strings.Repeat("[a]\n", n) }, true},
	{"brackets-every-other-line", func(n int) string { return strings.Repeat("[a] and\ntext\n", n/2) }, true},
	{"links", func(n int) string { return strings.Repeat("[a](b) ", n) + "\n" }, false},
	{"link-lines", func(n int) string { return strings.Repeat("[a](b)\n", n) }, false},
	{"images", func(n int) string { return strings.Repeat("![](b.jpg)", n) + "\n" }, false},
	{"images-in-emphasis", func(n int) string { return "*" + strings.Repeat("![](b.jpg)", n) + "*\n" }, false},
	{"dangerous-links", func(n int) string { return strings.Repeat("[a](javascript:x) ", n) + "\n" }, false},
	{"autolinks", func(n int) string { return strings.Repeat("<https://a.example/> ", n) + "\n" }, false},
	{"bare-links", func(n int) string { return strings.Repeat("www.a.com ", n) }, true},
	{"email-run", func(n int) string { return " " + strings.Repeat("a_", n) + "\n" }, true},
	{"ref-definitions", func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[r%d]: /u\n", i)
		}
		return b.String()
	}, true},
	{"backticks", func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("`", i%32+1) + "a")
		}
		return b.String() + "\n"
	}, false},
	{"entities", func(n int) string { return strings.Repeat("&#1", n) + "\n" }, false},
	{"html-openers", func(n int) string { return strings.Repeat("<a ", n) + "\n" }, false},
	{"html-blocks", func(n int) string { return strings.Repeat("<div>\n", n) }, false},
	{"quotes", func(n int) string { return strings.Repeat("\"a ", n) + "\n" }, false},
	{"sections", func(n int) string { return strings.Repeat("**Why this matters:** a b c\n\n", n) }, false},
	{"headings", func(n int) string { return strings.Repeat("## Go deeper\n", n) }, false},
	{"table-rows", func(n int) string { return "|a|b|\n|-|-|\n" + strings.Repeat("|x|y|\n", n) }, false},
	{"table-columns", func(n int) string {
		return strings.Repeat("|a", n) + "|\n" + strings.Repeat("|-", n) + "|\n" + strings.Repeat("|x", n) + "|\n"
	}, false},
	{"list-items", func(n int) string { return strings.Repeat("- a\n", n) }, false},
	{"lazy-lines", func(n int) string { return "> a\n" + strings.Repeat("b\n", n) }, false},
	{"long-line", func(n int) string { return strings.Repeat("word ", n) + "\n" }, false},
	{"paragraphs", func(n int) string {
		return strings.Repeat("A sentence of news, with *some* emphasis and a [link](https://example.org/).\n\n", n)
	}, false},
}

// TestPathological converts each pathological input at a size where a
// superlinear cost shows (10,000 repetitions, lists and quotes 10,000 deep,
// a line of 1 MB), without the checks that refuse the quadratic ones. It
// asserts no time: BenchmarkPathological measures it.
func TestPathological(t *testing.T) {
	c := goldenConverter()
	for _, tt := range pathological {
		t.Run(tt.name, func(t *testing.T) {
			n := 10_000
			switch {
			case tt.name == "long-line":
				n = 1 << 20 / 5
			case tt.quadratic && (testing.Short() || raceEnabled):
				n = 1_000
			case tt.quadratic && !strings.HasPrefix(tt.name, "nested-"):
				n = 2_000 // seconds at 10,000; Convert refuses far less
			}
			body := tt.gen(n)
			res, err := c.convert(bundleSource([]byte(body)))
			if err != nil {
				t.Fatalf("Convert(%s) error = %v", tt.name, err)
			}
			if strings.Contains(res.HTML, "javascript:") {
				t.Errorf("Convert(%s) lets a javascript: URL through", tt.name)
			}
		})
	}
}

// TestBigBrief converts a 20 MB body of ordinary paragraphs, sections and
// links: far above the default limit of a brief, as a site may raise it.
func TestBigBrief(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("a 20 MB body takes a while")
	}
	para := "The committee voted 7–5 on Tuesday to advance the bill, after a “long” debate. See [the text](https://example.org/bill) and ![a chart](chart.png).\n\n" +
		"**Why this matters:** It is the first budget vote of the year, and *the* test of the new majority.\n\n" +
		"- one point\n- another, with `code`\n\n> A quote from someone.\n\n"
	body := strings.Repeat(para, 20<<20/len(para))
	res, err := goldenConverter().Convert(bundleSource([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Count(body, "**Why this matters:**"); len(res.Sections) != want {
		t.Errorf("Convert() = %d sections, want %d", len(res.Sections), want)
	}
	// The last link opens the last block of nine lines.
	if last, want := res.Links[len(res.Links)-1], strings.Count(body, "\n")-8; last.Line != want {
		t.Errorf("last link on line %d, want %d", last.Line, want)
	}
}

// BenchmarkPathological converts each pathological input at n and 2n
// repetitions, without the checks that refuse the quadratic ones. Compare the two sizes' MB/s (benchstat): they stay level
// when the cost is linear, and halve when it is quadratic.
//
//	go test ./internal/markdown -run '^$' -bench Pathological -count 6 | benchstat -col /size -
func BenchmarkPathological(b *testing.B) {
	c := goldenConverter()
	for _, tt := range pathological {
		for _, n := range []int{5_000, 10_000} {
			body := []byte(tt.gen(n))
			b.Run(fmt.Sprintf("%s/size=%d", tt.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					if _, err := c.convert(bundleSource(body)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
