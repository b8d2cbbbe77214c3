package markdown

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/yuin/goldmark"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
)

// testSections are the default sections, with an alias for one.
func testSections() []config.Section {
	sections := config.Default().Sections
	for i, s := range sections {
		if s.Name == "By the numbers" {
			sections[i].Aliases = []string{"In numbers"}
		}
	}
	return sections
}

// bundleSource is a brief in a page bundle whose body starts on line 1.
func bundleSource(body []byte) *content.Source {
	return &content.Source{
		Path:     "content/briefs/golden/index.md",
		Ref:      "briefs/golden",
		Slug:     "golden",
		Bundle:   "content/briefs/golden",
		Body:     body,
		BodyLine: 1,
	}
}

// fileSource is a brief in a plain file whose body starts on line 5.
func fileSource(body string) *content.Source {
	return &content.Source{
		Path:     "content/briefs/plain.md",
		Ref:      "briefs/plain",
		Slug:     "plain",
		Body:     []byte(body),
		BodyLine: 5,
	}
}

func convert(t *testing.T, c *Converter, src *content.Source) *Result {
	t.Helper()
	res, err := c.Convert(src)
	if err != nil {
		t.Fatalf("Convert(%q) error = %v", src.Body, err)
	}
	return res
}

// sec is the part of a Section a table row checks.
type sec struct {
	ID, Label string
	Line      int
}

func TestSections(t *testing.T) {
	tests := []struct {
		name string
		body string // starts on line 5
		want []sec
	}{
		{"colon inside the bold", "Lede.\n\n**Why this matters:** Because.\n", []sec{{"why-this-matters", "Why this matters", 7}}},
		{"colon outside the bold", "Lede.\n\n**Why this matters**: Because.\n", []sec{{"why-this-matters", "Why this matters", 7}}},
		{"space before the colon", "**Why this matters** : Because.\n", []sec{{"why-this-matters", "Why this matters", 5}}},
		{"bold-only line", "Lede.\n\n**By the numbers**\n\n- 78 for\n", []sec{{"by-the-numbers", "By the numbers", 7}}},
		{"bold-only line, colon inside", "**By the numbers:**\n\n- 78 for\n", []sec{{"by-the-numbers", "By the numbers", 5}}},
		{"alias", "**In numbers:**\n\n- 78 for\n", []sec{{"by-the-numbers", "In numbers", 5}}},
		{"why it matters", "**Why it matters:** Because.\n", []sec{{"why-this-matters", "Why it matters", 5}}},
		{"case and punctuation", "**WHY THIS MATTERS!:** Because.\n", []sec{{"why-this-matters", "WHY THIS MATTERS!", 5}}},
		{"behind the scenes", "**Behind the scenes:** x\n", []sec{{"behind-the-scenes", "Behind the scenes", 5}}},
		{"apostrophe", "**What's next:** x\n", []sec{{"whats-next", "What’s next", 5}}},
		{"underscores", "__Why this matters:__ x\n", []sec{{"why-this-matters", "Why this matters", 5}}},
		{"mid-paragraph bold", "The minister said **why this matters:** nothing.\n", nil},
		{"bold without colon", "**Why this matters** is a question.\n", nil},
		{"bold, dash", "**Why this matters** — because.\n", nil},
		{"italic", "*Why this matters:* x\n", nil},
		{"unknown label", "**Breaking:** news.\n", nil},
		{"in a list", "- **Why this matters:** x\n", nil},
		{"in a quote", "> **Why this matters:** x\n", nil},
		{"in code", "    **Why this matters:** x\n", nil},
		{"fenced code", "```\n**Why this matters:** x\n```\n", nil},
		{"heading", "Lede.\n\n## What's next\n\nMore.\n", []sec{{"whats-next", "What’s next", 7}}},
		{"heading with colon", "### Why it matters:\n\nx\n", []sec{{"why-this-matters", "Why it matters", 5}}},
		{"setext heading", "Lede.\n\nThe big picture\n---------------\n\nx\n", []sec{{"the-big-picture", "The big picture", 7}}},
		{"other heading", "## Background\n\nx\n", nil},
		{
			"several",
			"Lede.\n\n**Why this matters:** a\n\n**Behind-the-scenes**: b\n\n## What's next\n\nc\n",
			[]sec{{"why-this-matters", "Why this matters", 7}, {"behind-the-scenes", "Behind-the-scenes", 9}, {"whats-next", "What’s next", 11}},
		},
		{
			"duplicates",
			"**Why this matters:** a\n\n**Why it matters:** b\n\n## Why this matters\n\nc\n",
			[]sec{{"why-this-matters", "Why this matters", 5}, {"why-this-matters-2", "Why it matters", 7}, {"why-this-matters-3", "Why this matters", 9}},
		},
		{"CRLF", "Lede.\r\n\r\n**Why this matters:** a\r\n", []sec{{"why-this-matters", "Why this matters", 7}}},
		{"plain", "Lede.\n\nWhy this matters: A second source.\n", []sec{{"why-this-matters", "Why this matters", 7}}},
		{"plain, it", "why it matters: a\n", []sec{{"why-this-matters", "why it matters", 5}}},
		{"plain, alias", "In numbers:\n\n- 78 for\n", []sec{{"by-the-numbers", "In numbers", 5}}},
		{"plain, curly apostrophe", "What’s next: a\n", []sec{{"whats-next", "What’s next", 5}}},
		{"plain, straight apostrophe", "What's next: a\n", []sec{{"whats-next", "What's next", 5}}},
		{"plain, CRLF", "Lede.\r\n\r\nWhy this matters: a\r\n", []sec{{"why-this-matters", "Why this matters", 7}}},
		{"plain, punctuation differs", "Why this matters!: a\n", nil},
		{"plain, hyphen missing", "Behind the scenes: a\n", nil},
		{"plain, more words", "Why this matters is unclear: a\n", nil},
		{"plain, mid-paragraph", "The aide said\nWhy this matters: nothing.\n", nil},
		{"plain, no colon", "Why this matters\n\nA second source.\n", nil},
		{"plain, in a list", "- Why this matters: x\n", nil},
		{"plain, in a quote", "> Why this matters: x\n", nil},
		{"plain, italic", "*Why this matters*: x\n", nil},
		{"go deeper line, links", "Lede.\n\nGo deeper\n[One](https://a.example/)\n[Two](https://b.example/)\n", []sec{{"go-deeper", "Go deeper", 7}}},
		{"go deeper line, list", "Go deeper\n\n- [One](https://a.example/)\n- <https://b.example/>\n", []sec{{"go-deeper", "Go deeper", 5}}},
		{"go deeper line, list right after", "Go deeper\n- [One](https://a.example/)\n", []sec{{"go-deeper", "Go deeper", 5}}},
		{"go deeper line, colon", "Go deeper:\n\n- [One](https://a.example/)\n", []sec{{"go-deeper", "Go deeper", 5}}},
		{"go deeper line, prose", "Go deeper\ninto the report, readers find more.\n", nil},
		{"go deeper line, list without links", "Go deeper\n\n- one\n- two\n", nil},
		{"go deeper line, one item without a link", "Go deeper\n\n- [One](https://a.example/)\n- two\n", nil},
		{"go deeper line, nothing after", "Lede.\n\nGo deeper\n", nil},
		{"other name alone before links", "What's next\n\n- [One](https://a.example/)\n", nil},
	}
	c := New(Options{Sections: testSections(), PlainLabels: true, BaseURL: "https://example.org/"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := convert(t, c, fileSource(tt.body))
			var got []sec
			for _, s := range res.Sections {
				got = append(got, sec{s.ID, s.Label, s.Line})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Convert(%q) sections = %+v, want %+v", tt.body, got, tt.want)
			}
			if n := strings.Count(res.HTML, "<section"); n != len(res.Sections) {
				t.Errorf("HTML has %d <section>, want %d:\n%s", n, len(res.Sections), res.HTML)
			}
			for _, s := range res.Sections {
				if !strings.Contains(res.HTML, fmt.Sprintf("<section class=\"brief-section\" id=%q aria-labelledby=\"%s-label\">\n%s</section>\n", s.ID, s.ID, s.HTML)) {
					t.Errorf("HTML does not hold section %s as <section>:\n%s", s.ID, res.HTML)
				}
			}
		})
	}
}

func TestSectionFields(t *testing.T) {
	body := "The **lede**, with “quotes”.\n\nSecond lede paragraph.\n\n" +
		"**Why it matters:** The stopgap keeps\nministries running.\n\n" +
		"More on why.\n\n" +
		"## What's next\n\nA vote on *Tuesday*.\n"
	c := New(Options{Sections: testSections()})
	res := convert(t, c, fileSource(body))
	want := []Section{
		{
			Name:  "Why this matters",
			ID:    "why-this-matters",
			Label: "Why it matters",
			HTML:  "<h2 class=\"brief-section-label\" id=\"why-this-matters-label\">Why this matters</h2>\n<p>The stopgap keeps\nministries running.</p>\n<p>More on why.</p>\n",
			Text:  "The stopgap keeps ministries running.\n\nMore on why.",
			Line:  9,
			Col:   3,
		},
		{
			Name:  "What's next",
			ID:    "whats-next",
			Label: "What’s next",
			HTML:  "<h2 class=\"brief-section-label\" id=\"whats-next-label\">What’s next</h2>\n<p>A vote on <em>Tuesday</em>.</p>\n",
			Text:  "A vote on Tuesday.",
			Line:  14,
			Col:   4,
		},
	}
	if !reflect.DeepEqual(res.Sections, want) {
		t.Errorf("Sections =\n%#v\nwant\n%#v", res.Sections, want)
	}
	checks := []struct{ name, got, want string }{
		{"Lede", res.Lede, "<p>The <strong>lede</strong>, with “quotes”.</p>\n<p>Second lede paragraph.</p>\n"},
		{"LedeText", res.LedeText, "The lede, with “quotes”.\n\nSecond lede paragraph."},
		{"Text", res.Text, "The lede, with “quotes”.\n\nSecond lede paragraph.\n\nWhy this matters\n\nThe stopgap keeps ministries running.\n\nMore on why.\n\nWhat’s next\n\nA vote on Tuesday."},
	}
	for _, tt := range checks {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if !strings.HasPrefix(res.HTML, res.Lede) {
		t.Errorf("HTML does not start with the lede:\n%s", res.HTML)
	}
	if got, want := res.Words, len(strings.Fields(res.Text)); got != want || got != 24 {
		t.Errorf("Words = %d, want %d (24)", got, want)
	}
	// The text of a brief is held once: the lede's and the sections' are
	// slices of the whole.
	for _, s := range append([]string{res.LedeText}, res.Sections[0].Text, res.Sections[1].Text) {
		if !sharesMemory(s, res.Text) {
			t.Errorf("%q is a copy, not a slice of Text", s)
		}
	}
}

// sharesMemory reports whether part is empty or lies in whole's memory.
func sharesMemory(part, whole string) bool {
	if part == "" {
		return true
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(part)))
	w := uintptr(unsafe.Pointer(unsafe.StringData(whole)))
	return w <= p && p+uintptr(len(part)) <= w+uintptr(len(whole))
}

func TestLedeOnly(t *testing.T) {
	c := New(Options{Sections: testSections()})
	res := convert(t, c, fileSource("Only a lede.\n"))
	if res.Lede != res.HTML || res.LedeText != "Only a lede." || len(res.Sections) != 0 {
		t.Errorf("Convert(lede only) = %+v, want the whole body as lede", res)
	}
	res = convert(t, c, fileSource(""))
	if res.HTML != "" || res.Lede != "" || res.Text != "" || res.Words != 0 {
		t.Errorf("Convert(empty) = %+v, want nothing", res)
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		body string
		want int
	}{
		{"", 0},
		{"One.", 1},
		{"One two\nthree.\n\nFour — five.", 6},
		{"**Why this matters:** a b c", 6},
		{"A [link text](https://x.org) here.", 4},
		{"```\ncode words here\n```\n", 3},
		{"<b>raw</b> html", 2}, // raw HTML is left out, its text kept
	}
	c := New(Options{Sections: testSections()})
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			if got := convert(t, c, fileSource(tt.body)).Words; got != tt.want {
				t.Errorf("Words(%q) = %d, want %d", tt.body, got, tt.want)
			}
		})
	}
}

func TestRawHTML(t *testing.T) {
	body := "<script>alert(1)</script>\n\nText <script>alert(2)</script> <b>bold</b>.\n\n<div onclick=\"x()\">block</div>\n\n[click](javascript:alert(3)) [x](JavaScript:alert(4)) ![i](javascript:alert(5)) <javascript:alert(6)> [v](vbscript:x) [d](data:text/html,<script>)\n"
	tests := []struct {
		name     string
		unsafe   bool
		contains []string
		excludes []string
	}{
		{
			"escaped by default", false,
			[]string{"<!-- raw HTML omitted -->", `<a href="">click</a>`, `<a href="">x</a>`, `<img src="" alt="i">`},
			[]string{"<script", "<b>", "<div", "onclick", "javascript:alert(3)", "JavaScript:", "href=\"javascript:alert(6)", "vbscript:", "data:text"},
		},
		{
			"kept with Unsafe", true,
			[]string{"<script>alert(1)</script>", "<script>alert(2)</script>", "<b>bold</b>", `<div onclick="x()">block</div>`},
			nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{Sections: testSections(), Unsafe: tt.unsafe})
			res := convert(t, c, fileSource(body))
			for _, s := range tt.contains {
				if !strings.Contains(res.HTML, s) {
					t.Errorf("HTML does not contain %q:\n%s", s, res.HTML)
				}
			}
			for _, s := range tt.excludes {
				if strings.Contains(res.HTML, s) {
					t.Errorf("HTML contains %q:\n%s", s, res.HTML)
				}
			}
			if strings.Contains(res.Text, "alert(1)") {
				t.Errorf("Text contains raw HTML: %q", res.Text)
			}
		})
	}
}

func TestLinks(t *testing.T) {
	resolve := func(ref string) (string, bool) {
		p, ok := map[string]string{
			"briefs/budget-vote":   "briefs/budget-vote/",
			"briefs/minister-exit": "briefs/minister-resigns/",
			"elsewhere/x":          "briefs/x/",
		}[ref]
		return p, ok
	}
	tests := []struct {
		name string
		src  *content.Source
		dest string // as written
		want string // href or src in the HTML
	}{
		{"md link", fileSource(""), "minister-exit.md", "https://example.org/news/briefs/minister-resigns/"},
		{"md link with fragment", fileSource(""), "minister-exit.md#whats-next", "https://example.org/news/briefs/minister-resigns/#whats-next"},
		{"md link up and down", fileSource(""), "../briefs/budget-vote.md", "https://example.org/news/briefs/budget-vote/"},
		{"md link to a bundle", fileSource(""), "budget-vote/index.md", "https://example.org/news/briefs/budget-vote/"},
		{"md link from a bundle", bundleSource(nil), "../minister-exit.md", "https://example.org/news/briefs/minister-resigns/"},
		{"md link to another folder", fileSource(""), "../elsewhere/x.md", "https://example.org/news/briefs/x/"},
		{"md link to no brief", fileSource(""), "nothing.md", "nothing.md"},
		{"root-relative", fileSource(""), "/topics/cabinet/", "https://example.org/news/topics/cabinet/"},
		{"root-relative with query", fileSource(""), "/search/?q=budget", "https://example.org/news/search/?q=budget"},
		{"root", fileSource(""), "/", "https://example.org/news/"},
		{"bundle image", bundleSource(nil), "chart.svg", "https://example.org/news/briefs/golden/chart.svg"},
		{"bundle image dot slash", bundleSource(nil), "./img/chart.svg", "https://example.org/news/briefs/golden/img/chart.svg"},
		{"file outside the bundle", bundleSource(nil), "../other/chart.svg", "../other/chart.svg"},
		{"relative file, no bundle", fileSource(""), "chart.svg", "chart.svg"},
		{"external", fileSource(""), "https://example.com/a.md", "https://example.com/a.md"},
		{"protocol-relative", fileSource(""), "//cdn.example.com/a.jpg", "//cdn.example.com/a.jpg"},
		{"mailto", fileSource(""), "mailto:desk@example.org", "mailto:desk@example.org"},
		{"fragment only", fileSource(""), "#whats-next", "#whats-next"},
	}
	c := New(Options{Sections: testSections(), BaseURL: "https://example.org/news/", Resolve: resolve})
	for _, tt := range tests {
		for _, image := range []bool{false, true} {
			name := tt.name + "/link"
			md, attr := "See [here]("+tt.dest+").", "href"
			if image {
				name = tt.name + "/image"
				md, attr = "See ![here]("+tt.dest+").", "src"
			}
			t.Run(name, func(t *testing.T) {
				src := *tt.src
				src.Body = []byte("Lede.\n\n" + md + "\n")
				res := convert(t, c, &src)
				if want := attr + `="` + tt.want + `"`; !strings.Contains(res.HTML, want) {
					t.Errorf("Convert(%q) =\n%s\nwant %s", md, res.HTML, want)
				}
				col := 6 // of the link's text
				if image {
					col = 7
				}
				wantLinks := []Link{{Dest: tt.dest, Image: image, Line: src.BodyLine + 2, Col: col}}
				if !reflect.DeepEqual(res.Links, wantLinks) {
					t.Errorf("Links = %+v, want %+v", res.Links, wantLinks)
				}
			})
		}
	}
}

func TestLinkLines(t *testing.T) {
	body := "Lede with [a](a.md).\n\n" +
		"**Why this matters:** first line\nsecond line [b](https://b.org) and\n[\"quoted\"](c.md) and\n![](d.jpg)\n\n" +
		"| x | y |\n|---|---|\n| [e](e.md) | f |\n\n" +
		"- item\n- [g](/g/)\n"
	c := New(Options{Sections: testSections(), BaseURL: "https://example.org/"})
	res := convert(t, c, fileSource(body))
	want := []Link{
		{Dest: "a.md", Line: 5, Col: 12},
		{Dest: "https://b.org", Line: 8, Col: 14},
		{Dest: "c.md", Line: 9, Col: 3}, // the text after the typographer's quote
		{Dest: "d.jpg", Image: true, Line: 10, Col: 1},
		{Dest: "e.md", Line: 14, Col: 4},
		{Dest: "/g/", Line: 17, Col: 4},
	}
	if !reflect.DeepEqual(res.Links, want) {
		t.Errorf("Links =\n%+v\nwant\n%+v", res.Links, want)
	}
}

func TestConvertConcurrently(t *testing.T) {
	c := New(Options{Sections: testSections(), BaseURL: "https://example.org/"})
	body := "Lede.\n\n**Why this matters:** [x](/x/) ![y](y.jpg)\n\n## What's next\n\nz\n"
	want := convert(t, c, bundleSource([]byte(body)))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				res, err := c.Convert(bundleSource([]byte(body)))
				if err != nil || !reflect.DeepEqual(res, want) {
					t.Errorf("concurrent Convert = %+v, %v; want %+v", res, err, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestNewSections(t *testing.T) {
	// The extension on its own: a document rendered whole gets <section>s.
	md := goldmark.New(goldmark.WithExtensions(NewSections([]config.Section{{Name: "Why this matters"}})))
	var out bytes.Buffer
	if err := md.Convert([]byte("Lede.\n\n**Why it matters:** a\n\nb\n\n**Why this matters**\n\nc\n"), &out); err != nil {
		t.Fatal(err)
	}
	want := `<p>Lede.</p>
<section class="brief-section" id="why-this-matters" aria-labelledby="why-this-matters-label">
<h2 class="brief-section-label" id="why-this-matters-label">Why this matters</h2>
<p>a</p>
<p>b</p>
</section>
<section class="brief-section" id="why-this-matters-2" aria-labelledby="why-this-matters-2-label">
<h2 class="brief-section-label" id="why-this-matters-2-label">Why this matters</h2>
<p>c</p>
</section>
`
	if got := out.String(); got != want {
		t.Errorf("goldmark with NewSections: HTML differs (-want +got):\n%s", diff(want, got))
	}
}

func TestParagraphs(t *testing.T) {
	body := "The **lede**, in `code`.\n\n" + // line 5
		"**Why it matters:** One\ntwo.\n\n" + // 7
		"- Item <b>one</b>\n- Item [two](x.md)\n\n" + // 10
		"> Quoted.\n\n" + // 13
		"    code block\n\n" + // 15
		"## What's next\n\n" + // 17
		"| a | b |\n|---|---|\n| c | d |\n\n" + // 19
		"  Indented <https://x.org>.\n" // 23
	c := New(Options{Sections: testSections()})
	res := convert(t, c, fileSource(body))
	type para struct {
		Text      string
		Line, Col int
		Section   string
	}
	var got []para
	for _, p := range res.Paragraphs {
		got = append(got, para{p.Text, p.Line, p.Col, p.Section})
	}
	want := []para{
		{"The lede, in code.", 5, 1, ""},
		{"One two.", 7, 21, "why-this-matters"},
		{"Item one", 10, 3, "why-this-matters"},
		{"Item two", 11, 3, "why-this-matters"},
		{"Quoted.", 13, 3, "why-this-matters"},
		{"Indented https://x.org.", 23, 3, "whats-next"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Paragraphs =\n%+v\nwant\n%+v", got, want)
	}
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name, body string
		want       []Quote
	}{
		{"pair", `He said "no." Then left.`, []Quote{{'“', 8, 1, 9}, {'”', 14, 1, 13}}},
		{"curly as written", "“Yes” and", []Quote{{'“', 0, 1, 1}, {'”', 6, 1, 7}}}, // columns count bytes
		{"unclosed", `He said "no.`, []Quote{{'“', 8, 1, 9}}},
		{"stray closing stays straight", `He said no." Then`, []Quote{{'"', 11, 1, 12}}},
		{"inch mark", `A 21" screen.`, []Quote{{'"', 4, 1, 5}}},
		{"escaped", `A \"literal\" mark.`, nil},
		{"code", "Type `\"` here.", nil},
		{"around bold", `**"Bold"** text`, []Quote{{'“', 0, 1, 3}, {'”', 7, 1, 8}}},
		{"after a link title", `[a](u "t") "q"`, []Quote{{'“', 2, 1, 12}, {'”', 6, 1, 14}}},
		{"second line", "One\n\"two\"", []Quote{{'“', 4, 2, 1}, {'”', 10, 2, 5}}},
	}
	c := New(Options{Sections: testSections()})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fileSource(tt.body)
			src.BodyLine = 1
			res := convert(t, c, src)
			if len(res.Paragraphs) != 1 {
				t.Fatalf("Convert(%q) has %d paragraphs, want 1", tt.body, len(res.Paragraphs))
			}
			p := res.Paragraphs[0]
			if !reflect.DeepEqual(p.Quotes, tt.want) {
				t.Errorf("Convert(%q) quotes = %+v, want %+v (text %q)", tt.body, p.Quotes, tt.want, p.Text)
			}
			for _, q := range p.Quotes {
				if r := []rune(p.Text[q.Index:])[0]; r != q.Mark {
					t.Errorf("Text[%d] = %q, want the mark %q", q.Index, r, q.Mark)
				}
			}
		})
	}
}

func TestLabels(t *testing.T) {
	body := "Lede.\n\n" + // line 5
		"**Why it maters:** x\n\n" + // 7
		"**Why this matters:** y\n\n" + // 9
		"## Background\n\n" + // 11
		"**Breaking**: news\n\n" + // 13
		"**Standing alone**\n\n" + // 15
		"**Not a label** in a sentence.\n\n" + // 17
		"- **In a list:** z\n" // 19
	c := New(Options{Sections: testSections()})
	res := convert(t, c, fileSource(body))
	want := []Label{
		{Text: "Why it maters", Line: 7, Col: 3},
		{Text: "Background", Heading: true, Line: 11, Col: 4},
		{Text: "Breaking", Line: 13, Col: 3},
		{Text: "Standing alone", Line: 15, Col: 3},
	}
	if !reflect.DeepEqual(res.Labels, want) {
		t.Errorf("Labels =\n%+v\nwant\n%+v", res.Labels, want)
	}
}

func TestCountWords(t *testing.T) {
	for _, s := range []string{"", " ", "one", " one  two\tthree\nfour\r\v\ffive ", "a\u00a0b\u2003c\u0085d", "\xffbad\xfe utf-8", "“quoted” — dash…"} {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
	}
}

// With plain labels off, only bold lead-ins and headings open sections.
func TestPlainLabelsOff(t *testing.T) {
	c := New(Options{Sections: testSections()})
	body := "Lede.\n\nWhy this matters: plain.\n\nGo deeper\n\n- [One](https://a.example/)\n\n**What's next:** bold.\n"
	res := convert(t, c, fileSource(body))
	if len(res.Sections) != 1 || res.Sections[0].ID != "whats-next" {
		t.Errorf("sections = %+v, want What's next alone", res.Sections)
	}
	if res.GoDeeper != nil {
		t.Errorf("GoDeeper = %+v, want none", res.GoDeeper)
	}
}

// The Go deeper section is written last, and also apart for a page that
// shows it with the front matter's entries: the items of its list, or
// its content.
func TestGoDeeper(t *testing.T) {
	c := New(Options{Sections: testSections(), PlainLabels: true})
	tests := []struct {
		name, body           string
		main, items, content string
	}{
		{
			name:  "list",
			body:  "Lede.\n\nGo deeper:\n\n- [One](https://a.example/)\n- [Two](https://b.example/)\n\n**What's next:** a vote.\n",
			main:  "<p>Lede.</p>\n" + sectionStart("whats-next") + "<h2 class=\"brief-section-label\" id=\"whats-next-label\">What’s next</h2>\n<p>a vote.</p>\n</section>\n",
			items: "<li><a href=\"https://a.example/\">One</a></li>\n<li><a href=\"https://b.example/\">Two</a></li>\n",
		},
		{
			name:    "links in a paragraph",
			body:    "Lede.\n\nGo deeper\n[One](https://a.example/)\n",
			main:    "<p>Lede.</p>\n",
			content: "<p><a href=\"https://a.example/\">One</a></p>\n",
		},
		{
			name:    "ordered list and more",
			body:    "## Go deeper\n\n1. [One](https://a.example/)\n\nAnd more.\n",
			main:    "",
			content: "<ol>\n<li><a href=\"https://a.example/\">One</a></li>\n</ol>\n<p>And more.</p>\n",
		},
		{
			name: "none",
			body: "Lede.\n",
			main: "<p>Lede.</p>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := convert(t, c, fileSource(tt.body))
			if res.Main != tt.main {
				t.Errorf("Main =\n%s\nwant\n%s", res.Main, tt.main)
			}
			if res.GoDeeperItems != tt.items || res.GoDeeperContent != tt.content {
				t.Errorf("GoDeeperItems, GoDeeperContent = %q, %q, want %q, %q", res.GoDeeperItems, res.GoDeeperContent, tt.items, tt.content)
			}
			if (res.GoDeeper != nil) != (tt.items+tt.content != "") {
				t.Fatalf("GoDeeper = %+v", res.GoDeeper)
			}
			if res.GoDeeper == nil {
				if res.HTML != res.Main {
					t.Errorf("HTML %q is not Main %q", res.HTML, res.Main)
				}
				return
			}
			if res.GoDeeper.ID != GoDeeperID || !strings.HasSuffix(res.HTML, sectionStart(GoDeeperID)+res.GoDeeper.HTML+"</section>\n") || !strings.HasPrefix(res.HTML, res.Main) {
				t.Errorf("HTML does not end with the Go deeper section after Main:\n%s", res.HTML)
			}
		})
	}
}
