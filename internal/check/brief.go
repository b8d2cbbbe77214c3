package check

import (
	"fmt"
	"math"
	"net"
	"net/url"
	"path"
	"path/filepath"
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
	c.budget(b)
	c.quotes(b)
	c.photo(b)
	c.goDeeper(b)
	c.links(b)
	c.dates(b)
	c.declared(b, "undeclared-topic", "topics", "topic", b.Source.Front.Topics, c.cfg.Check.Topics)
	c.declared(b, "undeclared-author", "authors", "author", b.Source.Front.Authors, c.cfg.Check.Authors)
}

// bodyPos is the first line of a brief's body.
func bodyPos(b *site.Brief) diag.Pos {
	return diag.Pos{File: b.Source.Path, Line: b.Source.BodyLine, Col: 1}
}

func (c *checker) sections(b *site.Brief) {
	src, body := b.Source, b.Body
	if c.on("required-section") {
	required:
		for _, s := range c.cfg.Sections {
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
	if c.on("section-label") {
		for _, l := range body.Labels {
			if name, ok := nearSection(l.Text, c.cfg.Sections); ok {
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

func (c *checker) goDeeper(b *site.Brief) {
	src := b.Source
	for i, l := range src.Front.GoDeeper {
		switch {
		case l.Ref != "":
			target := c.lookup(l.Ref)
			pos := func() diag.Pos { return src.KeyPos("go_deeper", fmt.Sprint(i), "ref") }
			if target == nil {
				c.report(b, pos(), "go-deeper-ref", "go_deeper ref %q names no brief%s", l.Ref, c.suggestRef(l.Ref))
			} else if c.on("unpublished-link") && c.isUnpublished(b, target) {
				c.unpublished(b, target, pos())
			}
		case l.URL != "" && c.on("go-deeper-url"):
			if problem := badURL(l.URL); problem != "" {
				c.report(b, src.KeyPos("go_deeper", fmt.Sprint(i), "url"), "go-deeper-url", "go_deeper url %q %s", l.URL, problem)
			}
		}
	}
}

// lookup finds a brief by ref ("briefs/x") or by slug, as site.New does.
func (c *checker) lookup(ref string) *site.Brief {
	refKey, slugKey := site.RefKeys(ref)
	if b := c.byRef[refKey]; b != nil {
		return b
	}
	return c.bySlug[slugKey]
}

// suggestRef names the brief a broken ref was probably meant for: one
// with the same slug, else one whose ref is a typo away.
func (c *checker) suggestRef(ref string) string {
	if b := c.nearBrief(ref); b != nil {
		return fmt.Sprintf(" (did you mean %q?)", b.Source.Ref)
	}
	return ""
}

// nearBrief returns the brief a ref that names none was probably meant
// for, or nil.
func (c *checker) nearBrief(ref string) *site.Brief {
	ref, slugKey := site.RefKeys(ref)
	if b := c.bySlug[slugKey]; b != nil {
		return b
	}
	var best *site.Brief
	bestDist := 3
	for _, b := range c.briefs {
		name := b.Source.Ref
		if !strings.Contains(ref, "/") {
			name = b.Slug
		}
		if abs(len(name)-len(ref)) >= bestDist {
			continue
		}
		if d := diag.Distance(ref, name); d < bestDist && d <= max(1, len(ref)/4) {
			best, bestDist = b, d
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// relPath is the relative link from the brief file from to the file to.
func relPath(from, to string) string {
	rel, err := filepath.Rel(filepath.FromSlash(path.Dir(from)), filepath.FromSlash(to))
	if err != nil {
		return to
	}
	return filepath.ToSlash(rel)
}

// isUnpublished reports whether a link from a brief that is published, or
// will be, leads to one that is not published by then.
func (c *checker) isUnpublished(from, to *site.Brief) bool {
	return !from.Draft && (to.Draft || to.Date.After(c.opts.Now) && to.Date.After(from.Date))
}

// unpublished reports a link that isUnpublished.
func (c *checker) unpublished(from, to *site.Brief, pos diag.Pos) {
	switch {
	case from.Draft:
	case to.Draft:
		c.report(from, pos, "unpublished-link", "links to %s, a draft: the link goes nowhere until it is published", to.Source.Path)
	case to.Date.After(c.opts.Now) && to.Date.After(from.Date):
		c.report(from, pos, "unpublished-link", "links to %s, scheduled for %s: the link goes nowhere until then",
			to.Source.Path, to.Date.In(c.cfg.Location()).Format("2006-01-02 15:04"))
	}
}

// badURL says what is wrong with an absolute web address, or returns "".
func badURL(raw string) string {
	if strings.ContainsAny(raw, " \t\r\n") {
		return "holds white space"
	}
	u, err := url.Parse(raw)
	if err != nil {
		if ue, ok := err.(*url.Error); ok {
			err = ue.Err
		}
		return fmt.Sprintf("is malformed: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "is not an http or https URL"
	}
	if u.Opaque != "" || !strings.HasPrefix(raw[len(u.Scheme)+1:], "//") {
		return fmt.Sprintf("needs // after %s:", u.Scheme)
	}
	if u.User != nil {
		return "holds a user name or password"
	}
	if p := u.Port(); p != "" {
		if n, err := fmt.Sscan(p, new(uint16)); n != 1 || err != nil {
			return fmt.Sprintf("has a bad port %q", p)
		}
	}
	if problem := badHost(u.Hostname()); problem != "" {
		return problem
	}
	return ""
}

// badHost says what is wrong with the host name of a public web address.
func badHost(host string) string {
	if host == "" {
		return "has no host"
	}
	if net.ParseIP(host) != nil || host == "localhost" {
		return ""
	}
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	if len(labels) < 2 {
		return fmt.Sprintf("has the host %q, which has no domain", host)
	}
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") || len(l) > 63 {
			return fmt.Sprintf("has a malformed host %q", host)
		}
		for _, r := range l {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return fmt.Sprintf("has a malformed host %q", host)
			}
		}
	}
	return ""
}

// links checks the links of the body: internal ones lead to a brief and
// an anchor it has; those meant as web addresses are well-formed.
func (c *checker) links(b *site.Brief) {
	src := b.Source
	for _, l := range b.Body.Links {
		pos := diag.Pos{File: src.Path, Line: l.Line, Col: l.Col}
		dest := l.Dest
		if problem := malformedLink(dest); problem != "" {
			c.report(b, pos, "link-url", "link to %q %s", dest, problem)
			continue
		}
		if l.Image {
			continue
		}
		target, fragment, internal, what := c.resolve(src, dest)
		if !internal {
			continue
		}
		if target == nil {
			c.report(b, pos, "internal-link", "link to %q: %s", dest, what)
			continue
		}
		if fragment != "" && !hasAnchor(target, fragment) {
			c.report(b, pos, "internal-link", "link to %q: %s has no section %q%s", dest, target.Source.Path, fragment, anchors(target))
			continue
		}
		if target != b && c.on("unpublished-link") && c.isUnpublished(b, target) {
			c.unpublished(b, target, pos)
		}
	}
}

// malformedLink says what is wrong with a destination meant as a web
// address, or returns "" (also for destinations meant otherwise).
func malformedLink(dest string) string {
	lower := strings.ToLower(dest)
	switch {
	case strings.HasPrefix(lower, "www."):
		return "has no https:// in front: it points inside the site"
	case strings.HasPrefix(lower, "http//"), strings.HasPrefix(lower, "https//"):
		return "misses the colon after http: it points inside the site"
	case strings.HasPrefix(lower, "http:"), strings.HasPrefix(lower, "https:"):
		return badURL(dest)
	}
	return ""
}

// resolve finds the brief an in-site link leads to. internal is false for
// links that lead elsewhere; when target is nil, what says why.
func (c *checker) resolve(src *content.Source, dest string) (target *site.Brief, fragment string, internal bool, what string) {
	u, err := url.Parse(dest)
	if err != nil || u.Opaque != "" {
		return nil, "", false, ""
	}
	fragment = u.Fragment
	if u.Scheme != "" || u.Host != "" {
		base, err := url.Parse(c.cfg.BaseURL)
		if err != nil || !strings.EqualFold(u.Host, base.Host) || !strings.HasPrefix(u.Path, base.Path) {
			return nil, "", false, ""
		}
		return c.resolveSitePath(strings.TrimPrefix(u.Path, base.Path), fragment)
	}
	switch {
	case u.Path == "" && fragment != "":
		for _, b := range c.briefs {
			if b.Source == src {
				return b, fragment, true, ""
			}
		}
		return nil, "", false, ""
	case strings.HasSuffix(u.Path, ".md"):
		// As markdown resolves links to other briefs' files.
		p := path.Clean(path.Join(path.Dir(src.Path), u.Path))
		ref := content.RefOf(p)
		if b := c.byRef[ref]; b != nil {
			return b, fragment, true, ""
		}
		hint := ""
		if b := c.nearBrief(ref); b != nil {
			hint = fmt.Sprintf(" (did you mean %q?)", relPath(src.Path, b.Source.Path))
		}
		return nil, "", true, fmt.Sprintf("there is no brief %s%s", p, hint)
	case strings.HasPrefix(u.Path, "/"):
		return c.resolveSitePath(strings.TrimPrefix(u.Path, "/"), fragment)
	}
	return nil, "", false, ""
}

// resolveSitePath finds the brief of a path below the site's base:
// "briefs/<slug>/".
func (c *checker) resolveSitePath(p, fragment string) (*site.Brief, string, bool, string) {
	rest, ok := strings.CutPrefix(p, "briefs/")
	if !ok {
		return nil, "", false, ""
	}
	s, _, _ := strings.Cut(rest, "/")
	if s == "" || s == "index.html" {
		return nil, "", false, ""
	}
	if b := c.bySlug[strings.ToLower(s)]; b != nil {
		return b, fragment, true, ""
	}
	hint := ""
	if b := c.nearBrief(s); b != nil {
		hint = fmt.Sprintf(" (did you mean %q?)", "/"+b.Path)
	}
	return nil, "", true, fmt.Sprintf("no brief has the slug %q%s", s, hint)
}

func hasAnchor(b *site.Brief, id string) bool {
	for _, s := range b.Body.Sections {
		if s.ID == id {
			return true
		}
	}
	return false
}

// anchors lists the sections a brief has, for a message.
func anchors(b *site.Brief) string {
	if len(b.Body.Sections) == 0 {
		return " (it has no sections)"
	}
	ids := make([]string, len(b.Body.Sections))
	for i, s := range b.Body.Sections {
		ids[i] = fmt.Sprintf("%q", s.ID)
	}
	return " (it has " + strings.Join(ids, ", ") + ")"
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
func (c *checker) declared(b *site.Brief, rule, key, what string, values, declared []string) {
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
		c.report(b, valuePos(b.Source, key, v), rule, "%s %q is not declared in [check] %s%s", what, v, key, hint)
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
