package corpus

import (
	"regexp"
	"strings"
	"testing"
)

// TestShape checks that generated briefs look like a newsroom's: their
// lengths, photos, sections, quotes, lists, links, topics, authors and
// corrections.
func TestShape(t *testing.T) {
	const n = 2000
	g := newGen(Options{Briefs: n, Seed: 1, Photos: 0.5})
	var (
		words, maxWords                                     int
		photos, bold, headings, quotes, lists, links, fixes int
		topicUse, authorUse                                 = map[string]int{}, map[string]int{}
	)
	listRE := regexp.MustCompile(`(?m)^- \d`)
	linkRE := regexp.MustCompile(`\]\((\.\./)?brief-\d+(/index)?\.md`)
	keyRE := regexp.MustCompile(`(?m)^(topics|authors) = \[(.*)\]$`)
	for i := range n {
		b := g.brief(i)
		text := string(b.Text)
		end := strings.Index(text[4:], "+++\n") + 4
		front, body := text[:end], text[end+4:]
		w := countWords(body)
		words += w
		maxWords = max(maxWords, w)
		count := func(c *int, yes bool) {
			if yes {
				*c++
			}
		}
		count(&photos, b.Photo != "")
		count(&bold, strings.Contains(body, "\n**Why this matters:**") || strings.Contains(body, ":** "))
		count(&headings, strings.Contains(body, "\n## "))
		count(&quotes, strings.Contains(body, "\n> \""))
		count(&lists, listRE.MatchString(body))
		count(&links, linkRE.MatchString(body))
		count(&fixes, strings.Contains(front, "[[corrections]]"))
		for _, m := range keyRE.FindAllStringSubmatch(front, -1) {
			use := topicUse
			if m[1] == "authors" {
				use = authorUse
			}
			for _, v := range strings.Split(m[2], ", ") {
				use[strings.Trim(v, `"`)]++
			}
		}
	}
	share := func(c int) float64 { return float64(c) / n }
	tests := []struct {
		what   string
		got    float64
		lo, hi float64
	}{
		{"average body words", float64(words) / n, 230, 270},
		{"most body words", float64(maxWords), 250, 295},
		{"share with a photo", share(photos), 0.45, 0.55},
		{"share with bold lead-ins", share(bold), 0.9, 1},
		{"share with headings", share(headings), 0.5, 1},
		{"share with a quote", share(quotes), 0.7, 1},
		{"share with a list", share(lists), 0.6, 1},
		{"share with links to briefs", share(links), 0.5, 1},
		{"share with corrections", share(fixes), 0.01, 0.06},
		{"topics", float64(len(topicUse)), 38, 40},
		{"authors", float64(len(authorUse)), 15, 15},
		{"most used topic / least used", ratio(topicUse), 10, 1000},
		{"most prolific author / least", ratio(authorUse), 5, 1000},
	}
	for _, tt := range tests {
		t.Logf("%s = %.3g", tt.what, tt.got)
		if tt.got < tt.lo || tt.got > tt.hi {
			t.Errorf("%s = %.3g, want %g to %g", tt.what, tt.got, tt.lo, tt.hi)
		}
	}
}

// ratio returns how many times the most used key is used more than the
// least used one.
func ratio(use map[string]int) float64 {
	lo, hi := -1, 0
	for _, c := range use {
		if lo < 0 || c < lo {
			lo = c
		}
		hi = max(hi, c)
	}
	return float64(hi) / float64(lo)
}
