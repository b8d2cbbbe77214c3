package render

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/markdown"
)

const emailBaseURL = "https://example.org/news/"

// emailRenderer returns a Renderer for emailHTML whose site has one image,
// briefs/golden/chart.png, 1200 by 800 pixels.
func emailRenderer(t testing.TB) *Renderer {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = emailBaseURL
	var chart bytes.Buffer
	if err := png.Encode(&chart, image.NewGray(image.Rect(0, 0, 1200, 800))); err != nil {
		t.Fatal(err)
	}
	r := &Renderer{cfg: &cfg}
	r.SetEnvironment(Environment{File: func(p string) []byte {
		if p == "briefs/golden/chart.png" {
			return chart.Bytes()
		}
		return nil
	}})
	return r
}

// checkEmailFast fails t if emailFast takes fragment and writes other than
// the parser's way, and returns whether it took it.
func checkEmailFast(t *testing.T, r *Renderer, fragment string) bool {
	t.Helper()
	got, ok := r.emailFast(fragment)
	if !ok {
		return false
	}
	if want := string(r.emailParsed(fragment)); got != want {
		t.Errorf("emailFast(%q) =\n%s\nthe parser gives\n%s", fragment, got, want)
	}
	return true
}

func TestEmailFast(t *testing.T) {
	r := emailRenderer(t)
	tests := []struct {
		name     string
		fragment string
		fast     bool // emailFast takes it
	}{
		{"empty", "", true},
		{"paragraph", "<p>The Assembly voted.</p>\n", true},
		{"label and link", `<p><strong class="brief-section-label">Why this matters:</strong> See <a href="https://example.org/news/briefs/x/" title="X">the vote</a>.</p>`, true},
		{"entities", `<p>Tom &amp; Jerry &quot;say&quot; &lt;hi&gt; it&#39;s &#34;x&#34; 'y' "z" a > b</p>`, true},
		{"attribute entities", `<p><a href="/?a=1&amp;b=&quot;2&quot;">x</a></p>`, true},
		{"image of the site", `<p><img src="https://example.org/news/briefs/golden/chart.png" alt="A chart"></p>`, true},
		{"image with a query", `<p><img src="https://example.org/news/briefs/golden/chart.png?v=2#top" alt=""></p>`, true},
		{"image elsewhere", `<p><img src="https://cdn.example.com/x.png" alt="x" class="wide" style="width:9px"></p>`, true},
		{"image with its own size", `<p><img width="5" src="https://example.org/news/briefs/golden/chart.png" height="7" alt=""></p>`, true},
		{"own style kept", `<p style="color:red">x</p>`, true},
		{"lists", "<ul>\n<li>one<ul>\n<li>two</li>\n</ul></li>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> three</li>\n</ul>\n<ol start=\"3\">\n<li>x</li>\n</ol>\n", true},
		{"quote and code", "<blockquote>\n<p>We will <em>not</em> <del>wait</del>.</p>\n</blockquote>\n<pre><code class=\"language-go\">x &lt; y\n</code></pre>\n<hr>\n<p>a<br>\nb</p>", true},
		{"section and heading", "<section class=\"brief-section\" id=\"whats-next\">\n<h2 id=\"x\" class=\"brief-section-label\">What’s next</h2>\n<p>Vote.</p>\n</section>\n", true},
		{"omitted raw HTML", "<p>a <!-- raw HTML omitted -->b</p>\n<!-- raw HTML omitted -->\n", true},
		{"void element closed XHTML style", `<p>a<br/>b<img src="x" /></p>`, true},
		{"attribute without a value", `<p><input disabled type="checkbox"></p>`, true},
		{"value with > and <", `<p title="a > b < c">x</p>`, true},
		{"hyphenated attribute", `<p data-x="1">x</p>`, true},
		{"upper-case tags", `<P CLASS="x">a</P>`, true},

		{"table", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n", false},
		{"unknown element", `<p><span>x</span></p>`, false},
		{"script", `<script>alert(1)</script>`, false},
		{"block in a paragraph", `<p>a<ul><li>b</li></ul></p>`, false},
		{"paragraph in a paragraph", `<p>a<p>b</p></p>`, false},
		{"link in a link", `<p><a href="a">x<a href="b">y</a></a></p>`, false},
		{"heading in a heading", `<h2>a<em><h3>b</h3></em></h2>`, false},
		{"list item in a list item", `<ul><li>a<li>b</li></li></ul>`, false},
		{"list item in a nested list", `<ul><li>a<ol><li>b</li></ol></li></ul>`, true},
		{"misnested end tags", `<p><em>a<strong>b</em>c</strong></p>`, false},
		{"unclosed element", `<p>a`, false},
		{"stray end tag", `a</p>`, false},
		{"end tag of a void element", `<p>a</br></p>`, false},
		{"self-closing paragraph", `<p/>`, false},
		{"newline after pre", "<pre>\nx</pre>", false},
		{"repeated attribute", `<p id="a" id="b">x</p>`, true},
		{"carriage returns", "<p>a\r\nb\rc\r</p>\r", true},
		{"carriage return after pre", "<pre>\r\nx</pre>", false},
		{"NUL", "<p>a\x00b</p>", false},
		{"carriage return in an attribute", "<p title=\"a\rb\">x</p>", false},
		{"other character reference", `<p>&copy; 2026</p>`, false},
		{"bare ampersand", `<p>AT&T</p>`, false},
		{"reference in an attribute", `<p title="&nbsp;">x</p>`, false},
		{"unquoted attribute value", `<p id=x>y</p>`, false},
		{"single-quoted attribute value", `<p id='x'>y</p>`, false},
		{"attributes without a space", `<p id="x"class="y">z</p>`, false},
		{"tab between attributes", "<p id=\"x\"\tclass=\"y\">z</p>", false},
		{"other comment", `<!-- note -->`, false},
		{"less-than sign", `<p>a <3 b</p>`, false},
		{"unclosed tag", `<p id="x"`, false},
		{"unclosed value", `<p id="x>y</p>`, false},
		{"unclosed end tag", `<p>x</p`, false},
		{"comment to escape", `<!-- a > b -->`, false},
		{"doctype", `<!DOCTYPE html><p>x</p>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if fast := checkEmailFast(t, r, tt.fragment); fast != tt.fast {
				t.Errorf("emailFast(%q) took it: %v, want %v", tt.fragment, fast, tt.fast)
			}
		})
	}
}

// convertedHTML returns the HTML of the Markdown converter's golden cases.
func convertedHTML(t testing.TB) []string {
	data, err := os.ReadFile("../markdown/testdata/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var cur *strings.Builder
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(line, " --\n") {
			cur = nil
			if strings.HasSuffix(line, ".html --\n") {
				out = append(out, "")
				cur = &strings.Builder{}
			}
			continue
		}
		if cur != nil {
			cur.WriteString(line)
			out[len(out)-1] = cur.String()
		}
	}
	if len(out) < 10 {
		t.Fatalf("found %d cases of HTML in the converter's golden cases", len(out))
	}
	return out
}

// FuzzEmailFast checks that emailFast writes what the parser does, for
// any HTML it takes.
func FuzzEmailFast(f *testing.F) {
	for _, html := range convertedHTML(f) {
		f.Add(html)
	}
	f.Add(`<p><a href="x">a</a><img src="https://example.org/news/briefs/golden/chart.png" class="c"></p>`)
	f.Add("<ul><li><p>a</p><ul><li>b<li>c</ul></ul><h2><em>x</em></h2><pre><code>y\n</code></pre>")
	r := emailRenderer(f)
	f.Fuzz(func(t *testing.T, fragment string) {
		checkEmailFast(t, r, fragment)
	})
}

// FuzzEmailFastConverted checks that the HTML the Markdown converter
// writes for a lede or section takes emailFast, tables aside.
func FuzzEmailFastConverted(f *testing.F) {
	data, err := os.ReadFile("../markdown/testdata/cases.txt")
	if err != nil {
		f.Fatal(err)
	}
	for part := range strings.SplitSeq(string(data), "\n-- ") {
		if name, body, ok := strings.Cut(part, " --\n"); ok && strings.HasSuffix(name, ".md") {
			f.Add([]byte(body))
		}
	}
	f.Add([]byte("Lede with ![a chart](chart.png) and a <b>tag</b>.\n\n**Why this matters:** It *does* [matter](https://x.org/) & more.\n\n> A quote\n\n1. one\n   - two\n\n- [x] done\n"))
	cfg := config.Default()
	c := markdown.New(markdown.Options{Sections: cfg.Sections, BaseURL: emailBaseURL})
	r := emailRenderer(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := c.Convert(&content.Source{Path: "content/briefs/golden/index.md", Ref: "briefs/golden",
			Slug: "golden", Bundle: "content/briefs/golden", Body: body, BodyLine: 1})
		if err != nil {
			return // FuzzConvert's business
		}
		fragments := []string{res.Lede}
		for _, sec := range res.Sections {
			fragments = append(fragments, sec.HTML)
		}
		for _, html := range fragments {
			if !checkEmailFast(t, r, html) && !strings.Contains(html, "<table>") {
				t.Errorf("the converter's HTML goes to the parser:\n%s\nfrom Markdown\n%q", html, body)
			}
		}
	})
}

// BenchmarkEmailHTML rewrites the converter's golden cases for mail, with
// emailFast and by way of the parser.
func BenchmarkEmailHTML(b *testing.B) {
	r := emailRenderer(b)
	cases := convertedHTML(b)
	for _, bm := range []struct {
		name    string
		rewrite func(string) string
	}{
		{"fast", func(s string) string { html, _ := r.emailFast(s); return html }},
		{"parsed", func(s string) string { return string(r.emailParsed(s)) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, html := range cases {
					bm.rewrite(html)
				}
			}
		})
	}
}
