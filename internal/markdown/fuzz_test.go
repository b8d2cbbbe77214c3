package markdown

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/diag"
)

func FuzzConvert(f *testing.F) {
	// The demo site's briefs, front matter and all: the body is Markdown
	// either way.
	paths, _ := filepath.Glob("../../content/briefs/*.md")
	more, _ := filepath.Glob("../../content/briefs/*/index.md")
	for _, p := range append(paths, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	if data, err := os.ReadFile(caseFile); err == nil {
		for _, file := range parseArchive(data).files {
			if strings.HasSuffix(file.name, ".md") {
				f.Add(file.data)
			}
		}
	}
	// Bodies Convert refuses, and one just within the limits.
	f.Add([]byte(strings.Repeat("> ", 60) + "x\n"))
	f.Add([]byte(strings.Repeat("- ", 50) + "x\n"))
	f.Add([]byte("Lede.\n\n" + strings.Repeat("[a](", 20000) + "\n"))
	f.Add([]byte(strings.Repeat("[a]\n", 10000)))
	if data, err := os.ReadFile(mailCaseFile); err == nil {
		for _, file := range parseArchive(data).files {
			if strings.HasSuffix(file.name, ".md") {
				f.Add(file.data)
			}
		}
	}
	// The page's HTML is the same with mail HTML or without: mail is
	// written after it.
	c := mailConverter(false)
	f.Fuzz(func(t *testing.T, body []byte) {
		src := bundleSource(body)
		src.BodyLine = 3
		lines := strings.Count(string(body), "\n") + src.BodyLine
		res, err := c.Convert(src)
		if err != nil {
			// Only a body goldmark would take too long over is refused,
			// at a place in it.
			var de *diag.Error
			if !errors.As(err, &de) || de.Pos.File != src.Path || de.Pos.Line < src.BodyLine || de.Pos.Line > lines || de.Pos.Col < 1 {
				t.Fatalf("Convert(%q) error = %v", body, err)
			}
			return
		}
		if strings.Contains(strings.ToLower(res.HTML), "<script") {
			t.Errorf("Convert(%q) lets a script through:\n%s", body, res.HTML)
		}
		if n := strings.Count(res.HTML, "<section"); n != len(res.Sections) {
			t.Errorf("Convert(%q): %d <section> in the HTML, %d Sections:\n%s", body, n, len(res.Sections), res.HTML)
		}
		if !strings.HasPrefix(res.HTML, res.Main) || (res.GoDeeper == nil) != (res.HTML == res.Main) {
			t.Errorf("Convert(%q): Main %q is not HTML without its Go deeper section %+v", body, res.Main, res.GoDeeper)
		}
		if !strings.HasPrefix(res.HTML, res.Lede) {
			t.Errorf("Convert(%q): HTML does not start with the lede %q", body, res.Lede)
		}
		if res.Words != len(strings.Fields(res.Text)) {
			t.Errorf("Convert(%q): Words = %d, Text has %d", body, res.Words, len(strings.Fields(res.Text)))
		}
		if !sharesMemory(res.LedeText, res.Text) {
			t.Errorf("Convert(%q): LedeText %q is not part of Text %q", body, res.LedeText, res.Text)
		}
		for _, s := range res.Sections {
			if !sharesMemory(s.Text, res.Text) {
				t.Errorf("Convert(%q): section %s's Text %q is not part of Text %q", body, s.ID, s.Text, res.Text)
			}
		}
		for _, p := range res.Paragraphs {
			if p.Text != strings.TrimSpace(p.Text) {
				t.Errorf("Convert(%q): paragraph text %q is not trimmed", body, p.Text)
			}
			for _, q := range p.Quotes {
				if q.Index < 0 || q.Index >= len(p.Text) || !strings.HasPrefix(p.Text[q.Index:], string(q.Mark)) {
					t.Errorf("Convert(%q): quote %q at %d is not in paragraph text %q", body, q.Mark, q.Index, p.Text)
				}
			}
		}
		checkMail(t, body, res)
		ids := map[string]bool{}
		for _, s := range res.Sections {
			if ids[s.ID] {
				t.Errorf("Convert(%q): section id %q used twice", body, s.ID)
			}
			ids[s.ID] = true
			if s.Line < src.BodyLine || s.Line > lines {
				t.Errorf("Convert(%q): section %s on line %d, outside %d-%d", body, s.ID, s.Line, src.BodyLine, lines)
			}
		}
		for _, l := range res.Links {
			if l.Line < src.BodyLine || l.Line > lines {
				t.Errorf("Convert(%q): link %q on line %d, outside %d-%d", body, l.Dest, l.Line, src.BodyLine, lines)
			}
		}
	})
}
