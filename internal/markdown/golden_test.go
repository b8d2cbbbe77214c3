package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// caseFile holds the golden cases: txtar-like "-- name.md --" blocks, each
// followed by "-- name.html --" with the expected output of goldenConverter.
const caseFile = "testdata/cases.txt"

// archive is a txtar-like file: a comment, then named files.
type archive struct {
	comment []byte
	files   []file
}

type file struct {
	name string
	data []byte
}

// parseArchive reads lines "-- name --" as the start of a file.
func parseArchive(data []byte) *archive {
	a := &archive{}
	cur := &a.comment
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if name, ok := marker(line); ok {
			a.files = append(a.files, file{name: name})
			cur = &a.files[len(a.files)-1].data
		} else {
			*cur = append(*cur, line...)
			*cur = append(*cur, '\n')
		}
		data = rest
	}
	return a
}

func marker(line []byte) (string, bool) {
	s := string(line)
	if !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") || len(s) < 7 {
		return "", false
	}
	return strings.TrimSpace(s[3 : len(s)-3]), true
}

func (a *archive) format() []byte {
	var b bytes.Buffer
	b.Write(a.comment)
	for _, f := range a.files {
		fmt.Fprintf(&b, "-- %s --\n", f.name)
		b.Write(f.data)
		if len(f.data) > 0 && f.data[len(f.data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// goldenConverter converts every golden case: the default sections with an
// alias, a site under a sub-path, and two briefs to link to.
func goldenConverter() *Converter {
	return New(Options{
		Sections:    testSections(),
		PlainLabels: true,
		BaseURL:     "https://example.org/news/",
		Resolve: func(ref string) (string, bool) {
			p, ok := map[string]string{
				"briefs/budget-vote":   "briefs/budget-vote/",
				"briefs/minister-exit": "briefs/minister-resigns/",
			}[ref]
			return p, ok
		},
	})
}

func TestGolden(t *testing.T) {
	testCases(t, caseFile, goldenConverter(), func(res *Result) string { return res.HTML })
}

// mailCaseFile holds the golden cases of mail HTML, in the format of
// caseFile: each "-- name.html --" is the lede's mail HTML, then each
// section's after a comment naming it.
const mailCaseFile = "testdata/mail.txt"

func TestGoldenMail(t *testing.T) {
	testCases(t, mailCaseFile, mailConverter(false), func(res *Result) string {
		var b strings.Builder
		b.WriteString(res.MailLede)
		for _, s := range res.Sections {
			b.WriteString("<!-- " + s.ID + " -->\n" + s.Mail)
		}
		return b.String()
	})
}

// testCases converts each case of the case file with c and compares what
// out makes of the result with the case's expected HTML, or rewrites the
// file with -update.
func testCases(t *testing.T, caseFile string, c *Converter, out func(*Result) string) {
	data, err := os.ReadFile(caseFile)
	if err != nil {
		t.Fatal(err)
	}
	a := parseArchive(data)
	var files []file
	seen := map[string]bool{}
	for i := 0; i < len(a.files); i++ {
		f := a.files[i]
		name, ok := strings.CutSuffix(f.name, ".md")
		if !ok {
			t.Errorf("%s: file %q is not a case input (name.md)", caseFile, f.name)
			continue
		}
		if seen[name] {
			t.Errorf("%s: case %q appears twice", caseFile, name)
		}
		seen[name] = true
		var want []byte
		if i+1 < len(a.files) && a.files[i+1].name == name+".html" {
			want = a.files[i+1].data
			i++
		} else if !*update {
			t.Errorf("%s: case %q has no %s.html", caseFile, name, name)
		}
		src := bundleSource(f.data)
		res, err := c.Convert(src)
		if err != nil {
			t.Errorf("%s: Convert: %v", name, err)
			continue
		}
		got := []byte(out(res))
		if !*update && !bytes.Equal(got, want) {
			t.Errorf("case %s: HTML differs (-want +got):\n%s", name, diff(string(want), string(got)))
		}
		files = append(files, f, file{name: name + ".html", data: got})
	}
	if *update {
		a.files = files
		if err := os.WriteFile(caseFile, a.format(), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

// The mail HTML of every golden case has the elements and text of its
// page HTML.
func TestMailMatchesPage(t *testing.T) {
	c := mailConverter(false)
	for _, caseFile := range []string{caseFile, mailCaseFile} {
		data, err := os.ReadFile(caseFile)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range parseArchive(data).files {
			if !strings.HasSuffix(f.name, ".md") {
				continue
			}
			res, err := c.Convert(bundleSource(f.data))
			if err != nil {
				t.Fatalf("%s: %v", f.name, err)
			}
			checkMail(t, f.data, res)
		}
	}
}

// diff returns a line diff of want and got, lines prefixed "-" (only in
// want), "+" (only in got) or " " (both).
func diff(want, got string) string {
	a := strings.SplitAfter(want, "\n")
	b := strings.SplitAfter(got, "\n")
	// lcs[i][j] is the length of the longest common subsequence of a[i:], b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var s strings.Builder
	line := func(prefix, text string) {
		s.WriteString(prefix + strings.TrimSuffix(text, "\n") + "\n")
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			line(" ", a[i])
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			line("-", a[i])
			i++
		default:
			line("+", b[j])
			j++
		}
	}
	return s.String()
}

func TestDiff(t *testing.T) {
	got := diff("a\nb\nc\n", "a\nx\nc\n")
	want := " a\n-b\n+x\n c\n \n"
	if got != want {
		t.Errorf("diff() = %q, want %q", got, want)
	}
}

func TestArchiveRoundTrip(t *testing.T) {
	data, err := os.ReadFile(caseFile)
	if err != nil {
		t.Fatal(err)
	}
	if got := parseArchive(data).format(); !bytes.Equal(got, data) {
		t.Errorf("parseArchive(%s).format() changes the file:\n%s", caseFile, diff(string(data), string(got)))
	}
}
