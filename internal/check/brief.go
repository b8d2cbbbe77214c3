package check

import (
	"fmt"
	"math"
	"path"
	"strings"
	"time"
	"unicode"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/slug"
)

// brief applies the rules about one brief. It reads the checker's shared
// state and writes only its findings and used ignores, so that briefs can
// be checked in parallel by copies of the checker.
func (c *checker) brief(b *site.Brief) {
	c.sections(b)
	c.placeholder(b)
	c.author(b)
	c.budget(b)
	c.quotes(b)
	c.photo(b)
	c.photoGPS(b)
	c.goDeeper(b)
	c.links(b)
	c.omittedHTML(b)
	c.dates(b)
	c.declared(b, "undeclared-topic", "topics", "topic", b.Source.Front.Topics)
	c.declared(b, "undeclared-author", "authors", "author", b.Source.Front.Authors)
}

// bodyPos is the first line of a brief's body.
func bodyPos(b *site.Brief) diag.Pos {
	return diag.Pos{File: b.Source.Path, Line: b.Source.BodyLine, Col: 1}
}

// placeholder reports a lede, summary or photo field still as briefs new
// wrote it.
func (c *checker) placeholder(b *site.Brief) {
	if !c.on("placeholder") {
		return
	}
	if strings.Contains(b.Body.LedeText, content.PlaceholderLede) {
		c.report(b, bodyPos(b), "placeholder", "the lede is still %q, as briefs new wrote it: write the news in one or two sentences", content.PlaceholderLede)
	}
	// A summary set to the lede's placeholder is one too.
	switch strings.TrimSpace(b.Source.Front.Summary) {
	case content.PlaceholderLede, content.PlaceholderSummary:
		c.report(b, b.Source.KeyPos("summary"), "placeholder", "the summary is still %q, as briefs new wrote it: write one sentence, or delete the line to use the lede", strings.TrimSpace(b.Source.Front.Summary))
	}
	if p := b.Source.Front.Photo; p != nil {
		if strings.TrimSpace(p.Alt) == content.PlaceholderPhotoAlt {
			c.report(b, b.Source.KeyPos("photo", "alt"), "placeholder", "the photo's alt text is still %q, as briefs new wrote it: describe what the photo shows", content.PlaceholderPhotoAlt)
		}
		if strings.TrimSpace(p.Credit) == content.PlaceholderPhotoCredit {
			c.report(b, b.Source.KeyPos("photo", "credit"), "placeholder", "the photo's credit is still %q, as briefs new wrote it: name who took it", content.PlaceholderPhotoCredit)
		}
	}
}

// author reports a brief that names no author, when [check]
// require_authors is on.
func (c *checker) author(b *site.Brief) {
	if !c.cfg.Check.RequireAuthors || !c.on("author") {
		return
	}
	if len(b.Source.Front.Authors) > 0 {
		return // a blank entry does not load
	}
	c.report(b, b.Source.KeyPos("authors"), "author", "the brief names no author: add authors = [\"Your Name\"] (or set [check] require_authors = false)")
}

func (c *checker) sections(b *site.Brief) {
	src, body := b.Source, b.Body
	if c.on("required-section") {
	required:
		for _, s := range c.sectionsOf(b) {
			if !s.Required {
				continue
			}
			for _, have := range body.Sections {
				if have.Name == s.Name {
					continue required
				}
			}
			c.report(b, bodyPos(b), "required-section", "the required section %q is missing", s.Name)
		}
	}
	if c.on("empty-section") {
		for _, s := range body.Sections {
			if strings.TrimSpace(s.Text) == "" {
				c.report(b, diag.Pos{File: src.Path, Line: s.Line, Col: s.Col}, "empty-section", "the section %q has nothing in it", s.Label)
			}
		}
	}
	if g := body.GoDeeper; g != nil && len(src.Front.GoDeeper) > 0 && c.on("go-deeper-twice") {
		c.report(b, diag.Pos{File: src.Path, Line: g.Line, Col: g.Col}, "go-deeper-twice",
			"a Go deeper section and go_deeper entries in the front matter: the page shows them as one list, the front matter's first")
	}
	if c.on("section-label") {
		for _, l := range body.Labels {
			if name, ok := nearSection(l.Text, c.sectionsOf(b)); ok {
				kind := "bold lead-in"
				if l.Heading {
					kind = "heading"
				}
				c.report(b, diag.Pos{File: src.Path, Line: l.Line, Col: l.Col}, "section-label",
					"the %s %q is no section: did you mean %q?", kind, l.Text, name)
			}
		}
	}
}

// nearSection returns the configured section label that label almost
// matches: one edit away (a typo, two letters swapped), or two for long
// labels. Labels are compared as written, so "Why it maters" suggests
// "Why it matters" rather than "Why this matters".
func nearSection(label string, sections []config.Section) (string, bool) {
	key := labelKey(label)
	best, bestDist := "", math.MaxInt
	for _, s := range sections {
		names := append([]string{s.Name}, s.Aliases...)
		for _, n := range names {
			variants := []string{n}
			if w := strings.Fields(n); len(w) > 1 && strings.EqualFold(w[1], "this") {
				variants = append(variants, w[0]+" it "+strings.Join(w[2:], " "))
			}
			for _, v := range variants {
				k := labelKey(v)
				if d := diag.Distance(key, k); d < bestDist && d <= maxTypos(k) {
					best, bestDist = v, d
				}
			}
		}
	}
	return best, best != ""
}

// labelKey lower-cases a label, drops apostrophes and reduces other
// punctuation and spaces to single spaces: "What's next:" → "whats next".
func labelKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\'' || r == '’':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// maxTypos is how many edits a label of a section may be away from it to
// be taken as a typo of it rather than a label of its own.
func maxTypos(key string) int {
	switch n := len([]rune(key)); {
	case n < 5:
		return 0
	case n < 12:
		return 1
	}
	return 2
}

func (c *checker) budget(b *site.Brief) {
	src, body, limits := b.Source, b.Body, c.cfg.Check
	// body.Words counts every run of non-space characters, countWords only
	// those with a letter or digit: a body within the budget by the first
	// count is within it by the second, and most are.
	if c.on("body-words") && body.Words > limits.BodyWords {
		if n := countWords(body.Text); n > limits.BodyWords {
			// Point at the paragraph where the budget runs out.
			pos, sum := bodyPos(b), 0
			for _, p := range body.Paragraphs {
				pos = diag.Pos{File: src.Path, Line: p.Line, Col: p.Col}
				if sum += countWords(p.Text); sum > limits.BodyWords {
					break
				}
			}
			c.report(b, pos, "body-words", "the body has %d words, %d over the budget of %d; it runs out in this paragraph", n, n-limits.BodyWords, limits.BodyWords)
		}
	}
	if c.on("lede-words") {
		if n := countWords(body.LedeText); n > limits.LedeWords {
			pos := bodyPos(b)
			if len(body.Paragraphs) > 0 && body.Paragraphs[0].Section == "" {
				pos = diag.Pos{File: src.Path, Line: body.Paragraphs[0].Line, Col: body.Paragraphs[0].Col}
			}
			c.report(b, pos, "lede-words", "the lede has %d words, over the limit of %d", n, limits.LedeWords)
		}
	}
	if c.on("paragraph-sentences") {
		for _, p := range body.Paragraphs {
			if n := countSentences(p.Text); n > limits.ParagraphSentences {
				c.report(b, diag.Pos{File: src.Path, Line: p.Line, Col: p.Col}, "paragraph-sentences",
					"the paragraph has %d sentences, over the limit of %d", n, limits.ParagraphSentences)
			}
		}
	}
}

func (c *checker) quotes(b *site.Brief) {
	if !c.on("unbalanced-quotes") {
		return
	}
	ps := b.Body.Paragraphs
	for i, p := range ps {
		q, problem := unbalanced(p)
		if q == nil {
			continue
		}
		if problem == unclosed && i+1 < len(ps) && opensWithQuote(ps[i+1]) && ps[i+1].Section == p.Section {
			// A quotation running over several paragraphs opens each of
			// them and closes only the last.
			continue
		}
		c.report(b, diag.Pos{File: b.Source.Path, Line: q.Line, Col: q.Col}, "unbalanced-quotes", "%s", problem)
	}
}

func opensWithQuote(p markdown.Paragraph) bool {
	return len(p.Quotes) > 0 && p.Quotes[0].Index == 0 && p.Quotes[0].Mark != '”'
}

const (
	unclosed = "this quotation mark opens a quote that the paragraph never closes"
	stray    = "this quotation mark closes a quote that the paragraph never opened"
)

// unbalanced returns the first quotation mark of p that has no partner, and
// what is wrong with it, or nil. A straight mark after a digit is an inch
// mark.
func unbalanced(p markdown.Paragraph) (*markdown.Quote, string) {
	var open []*markdown.Quote
	for i := range p.Quotes {
		q := &p.Quotes[i]
		switch q.Mark {
		case '“':
			open = append(open, q)
		case '”':
			if len(open) == 0 {
				return q, stray
			}
			open = open[:len(open)-1]
		default:
			if q.Index > 0 && p.Text[q.Index-1] >= '0' && p.Text[q.Index-1] <= '9' {
				continue
			}
			// The typographer pairs every straight mark it can: one left
			// over closes an open quote if there is one, else it is
			// stray.
			if len(open) == 0 {
				return q, stray
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		return open[0], unclosed
	}
	return nil, ""
}

// placeholders are alt texts that describe nothing.
var placeholders = map[string]bool{
	"image": true, "img": true, "photo": true, "photograph": true, "picture": true, "pic": true,
	"graphic": true, "illustration": true, "alt": true, "alt text": true, "placeholder": true,
	"todo": true, "tbd": true, "tk": true, "image of": true, "photo of": true, "untitled": true,
}

var imageExts = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".avif": true,
	".svg": true, ".heic": true, ".tif": true, ".tiff": true, ".bmp": true,
}

func (c *checker) photo(b *site.Brief) {
	p := b.Source.Front.Photo
	if p == nil || !c.on("photo-alt") {
		return
	}
	alt := strings.TrimSpace(p.Alt)
	base := path.Base(p.Src)
	problem := ""
	switch {
	case strings.EqualFold(alt, base) || strings.EqualFold(alt, strings.TrimSuffix(base, path.Ext(base))):
		problem = "is the photo's file name: describe what the photo shows"
	case !strings.ContainsAny(alt, " \t") && imageExts[strings.ToLower(path.Ext(alt))]:
		problem = "is a file name: describe what the photo shows"
	case len(alt) < 20 && placeholders[labelKey(alt)]:
		problem = "describes nothing: say what the photo shows"
	default:
		return
	}
	c.report(b, b.Source.KeyPos("photo", "alt"), "photo-alt", "alt text %q %s", alt, problem)
}

func (c *checker) dates(b *site.Brief) {
	src, now, loc := b.Source, c.opts.Now, c.cfg.Location()
	day := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04") }
	if c.on("future-date") && !b.Draft && b.Date.After(now) {
		ahead := b.Date.Sub(now)
		days := int(ahead.Hours() / 24)
		switch {
		case c.cfg.Build.Future:
			c.report(b, src.KeyPos("date"), "future-date",
				"date %s is in the future, and build.future publishes the brief now with it: fix the date or set draft = true", day(b.Date))
		case ahead > time.Duration(c.cfg.Check.ScheduleDays)*24*time.Hour:
			c.report(b, src.KeyPos("date"), "future-date",
				"date %s is %d days ahead, more than [check] schedule_days (%d): is the year right? Set draft = true to hold the brief back",
				day(b.Date), days, c.cfg.Check.ScheduleDays)
		}
	}
	if c.on("updated-before-date") && !b.Updated.IsZero() && b.Updated.Before(b.Date) {
		c.report(b, src.KeyPos("updated"), "updated-before-date", "updated %s is earlier than date %s", day(b.Updated), day(b.Date))
	}
	c.schedule(b)
	if c.on("correction-date") {
		for i, cr := range b.Corrections {
			pos := src.KeyPos("corrections", fmt.Sprint(i), "date")
			switch {
			case cr.Date.Before(b.Date):
				c.report(b, pos, "correction-date", "correction dated %s, before the brief's date %s", day(cr.Date), day(b.Date))
			case cr.Date.After(now):
				c.report(b, pos, "correction-date", "correction dated %s, in the future", day(cr.Date))
			}
		}
	}
}

// declared reports values of a brief's list (topics or authors) that the
// site does not declare, when it declares any.
func (c *checker) declared(b *site.Brief, rule, key, what string, values []string) {
	declared, where := c.declaredTerms(key)
	if len(declared) == 0 || !c.on(rule) {
		return
	}
	slugs := make([]string, len(declared))
	known := make(map[string]bool, len(declared))
	for i, d := range declared {
		slugs[i] = slug.Make(d)
		known[slugs[i]] = true
	}
	for _, v := range values {
		s := slug.Make(v)
		if known[s] {
			continue
		}
		hint := ""
		best, bestDist := "", math.MaxInt
		for i, d := range slugs {
			if dist := diag.Distance(s, d); dist < bestDist && dist <= max(2, len(d)/4) {
				best, bestDist = declared[i], dist
			}
		}
		if best != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", best)
		}
		c.report(b, valuePos(b.Source, key, v), rule, "%s %q is not declared in %s%s", what, v, where, hint)
	}
}

// valuePos returns the position of value in the front matter after key:
// of its opening quote when quoted, else of the value; or the key's.
func valuePos(src *content.Source, key, value string) diag.Pos {
	pos := src.KeyPos(key)
	lines := strings.Split(string(src.Raw), "\n")
	for _, quoted := range []bool{true, false} {
		for n := pos.Line; n > 0 && n < src.BodyLine-1 && n <= len(lines); n++ {
			line, from := lines[n-1], 0
			if n == pos.Line {
				from = min(pos.Col-1, len(line))
			}
			for _, want := range []string{`"` + value + `"`, `'` + value + `'`, value} {
				if quoted == (want == value) {
					continue
				}
				if i := strings.Index(line[from:], want); i >= 0 {
					return diag.Pos{File: src.Path, Line: n, Col: from + i + 1}
				}
			}
		}
	}
	return pos
}

// duplicateTitles reports each brief whose title another brief has too.
func (c *checker) duplicateTitles() {
	if !c.on("duplicate-title") {
		return
	}
	byTitle := make(map[string][]*site.Brief, len(c.briefs))
	keys := make([]string, len(c.briefs))
	for i, b := range c.briefs {
		keys[i] = labelKey(b.Title)
		byTitle[keys[i]] = append(byTitle[keys[i]], b)
	}
	for i, b := range c.briefs {
		same := byTitle[keys[i]]
		if len(same) < 2 || !c.wanted(b.Source.Path) {
			continue
		}
		var others []string
		for _, o := range same {
			if o != b {
				others = append(others, o.Source.Path)
			}
		}
		more := ""
		if len(others) > 3 {
			more = fmt.Sprintf(" and %d more", len(others)-3)
			others = others[:3]
		}
		c.report(b, b.Source.KeyPos("title"), "duplicate-title", "%s has the same title%s", strings.Join(others, ", "), more)
	}
}
