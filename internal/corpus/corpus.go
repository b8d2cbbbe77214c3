// Package corpus generates synthetic sites of briefs, deterministic from a seed, for benchmarks and load tests.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options sizes a generated site.
type Options struct {
	Briefs int    // number of briefs
	Seed   uint64 // same seed, same site
	// Photos is the share of briefs that are page bundles with a photo
	// (0 to 1); negative means the default, 0.5.
	Photos float64
	// Translated is the share of briefs that have a Spanish translation
	// (0 to 1), on a site in two languages (TranslatedConfig); 0 makes a
	// site of one language.
	Translated float64
}

// Write writes config.toml and content/ for a generated site into dir,
// which must exist, and returns the slash paths of the briefs. Brief i is
// content/briefs/brief-<i>.md, or content/briefs/brief-<i>/index.md with
// its photo, photo.svg, beside it.
//
// The site is what a newsroom's archive looks like to the tools: bodies of
// about 250 words within the editorial budget, sections written both as
// bold lead-ins and as headings, a quote and a list, links to earlier
// briefs, Go deeper references, topics and authors with a long tail, and a
// few corrections. It builds without a warning and passes briefs check.
func Write(dir string, opts Options) ([]string, error) {
	if opts.Photos < 0 {
		opts.Photos = 0.5
	}
	config := Config
	if opts.Translated > 0 {
		config = TranslatedConfig
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(config), 0o644); err != nil {
		return nil, err
	}
	g := newGen(opts)
	paths := make([]string, opts.Briefs)
	var translations []string
	for i := range paths {
		b := g.brief(i)
		if err := writeBrief(dir, b); err != nil {
			return nil, err
		}
		paths[i] = b.Path
		if g.isTranslated(i) {
			t := Translate(b)
			if err := writeBrief(dir, t); err != nil {
				return nil, err
			}
			translations = append(translations, t.Path)
		}
	}
	return append(paths, translations...), nil
}

// TranslatedConfig is the config.toml of a generated site in two
// languages: English at the root, Spanish under /es/.
const TranslatedConfig = Config + `language_name = "English"

[[languages]]
code = "es"
name = "Español"
title = "Resúmenes generados"
path = "es"
`

// Translate returns the Spanish translation of a generated brief: its file
// named for the language (brief-1.es.md, brief-1/index.es.md, beside the
// same photo), its headline marked. The body stays as it is: what a build
// does with a translation does not depend on its words.
func Translate(b Brief) Brief {
	return Brief{
		Path: strings.TrimSuffix(b.Path, ".md") + ".es.md",
		Text: []byte(strings.Replace(string(b.Text), "title = \"", "title = \"(ES) ", 1)),
	}
}

// Config is the config.toml of a generated site.
const Config = `title = "Generated Briefs"
description = "A generated site for benchmarks."
base_url = "https://example.org/"
language = "en-US"
timezone = "America/New_York"
paginate = 10
`

// Brief is one generated brief file.
type Brief struct {
	Path  string // slash path relative to the site
	Text  []byte
	Photo string // slash path of the photo file, or ""
}

func writeBrief(dir string, b Brief) error {
	p := filepath.Join(dir, filepath.FromSlash(b.Path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, b.Text, 0o644); err != nil {
		return err
	}
	if b.Photo != "" {
		return os.WriteFile(filepath.Join(dir, filepath.FromSlash(b.Photo)), []byte(photoSVG), 0o644)
	}
	return nil
}

const photoSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"><title>Generated</title><rect width="1200" height="675" fill="#d8d2c4"/><circle cx="600" cy="337" r="200" fill="#7a2e2e"/></svg>
`

// Dates run from first at most every step, and close up so that the newest
// brief is dated before last: a generated site never depends on the clock.
var (
	first = time.Date(2019, 1, 1, 8, 0, 0, 0, time.UTC)
	last  = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
)

const step = 4 * time.Hour

// Editorial limits of the default config.toml that generated briefs keep
// to, with a margin under the body budget of 300 words.
const (
	maxBodyWords = 295
	maxSentences = 3
)

// gen generates the briefs of one site. Brief i draws from its own random
// stream, so it does not depend on how many briefs come after it; only the
// spacing of dates does.
type gen struct {
	seed       uint64
	photos     float64
	translated float64
	step       time.Duration
}

func newGen(opts Options) *gen {
	g := &gen{seed: opts.Seed, photos: opts.Photos, translated: opts.Translated, step: step}
	if n := opts.Briefs; n > 1 && time.Duration(n)*step > last.Sub(first) {
		g.step = last.Sub(first) / time.Duration(n)
	}
	return g
}

// brief holds the state of one brief while it is generated.
type brief struct {
	r      *rand.Rand
	i      int
	bundle bool
	body   strings.Builder
	count  int // words written to the body so far
}

// rand returns the random stream of brief i.
func (g *gen) rand(i int) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, uint64(i)^0x9e3779b97f4a7c15))
}

// isTranslated reports whether brief i has a translation: a stream of its
// own, so that translating does not change the site's briefs.
func (g *gen) isTranslated(i int) bool {
	return g.translated > 0 && rand.New(rand.NewPCG(g.seed^0x7e57, uint64(i))).Float64() < g.translated
}

// isBundle reports whether brief i is a page bundle: the first draw of
// its stream.
func (g *gen) isBundle(i int) bool { return g.rand(i).Float64() < g.photos }

func (g *gen) brief(i int) Brief {
	b := &brief{r: g.rand(i), i: i}
	r := b.r
	b.bundle = r.Float64() < g.photos // as isBundle
	path := fmt.Sprintf("content/briefs/brief-%d.md", i)
	photo := ""
	if b.bundle {
		path = fmt.Sprintf("content/briefs/brief-%d/index.md", i)
		photo = fmt.Sprintf("content/briefs/brief-%d/photo.svg", i)
	}

	var fm strings.Builder
	date := first.Add(time.Duration(i)*g.step + time.Duration(r.Int64N(int64(g.step*3/4))))
	date = date.Truncate(time.Minute)
	fmt.Fprintf(&fm, "+++\ntitle = %q\ndate = %s\n", b.title(), date.Format(time.RFC3339))
	if r.IntN(5) == 0 {
		fmt.Fprintf(&fm, "updated = %s\n", date.Add(time.Duration(30+r.IntN(300))*time.Minute).Format(time.RFC3339))
	}
	fmt.Fprintf(&fm, "authors = %s\n", quoteList(b.pick(authors, 1+b.oneIn(7))))
	fmt.Fprintf(&fm, "topics = %s\n", quoteList(b.pick(topics, 1+r.IntN(3))))
	if r.IntN(2) == 0 {
		fmt.Fprintf(&fm, "summary = %q\n", b.sentence(12+r.IntN(10)))
	}
	if b.bundle {
		fmt.Fprintf(&fm, "[photo]\nsrc = \"photo.svg\"\nalt = %q\ncredit = %q\n",
			strings.TrimSuffix(b.sentence(6+r.IntN(6)), "."), credits[r.IntN(len(credits))])
	}
	if i > 0 && r.IntN(3) == 0 {
		fmt.Fprintf(&fm, "[[go_deeper]]\ntitle = %q\nref = \"brief-%d\"\n", b.title(), b.earlier())
	}
	if r.IntN(4) == 0 {
		fmt.Fprintf(&fm, "[[go_deeper]]\ntitle = %q\nurl = \"https://example.com/reports/%d\"\n", b.title(), i)
	}
	if r.IntN(30) == 0 {
		fmt.Fprintf(&fm, "[[corrections]]\ndate = %s\ntext = %q\n",
			date.Add(time.Duration(2+r.IntN(46))*time.Hour).Format(time.RFC3339), "An earlier version misstated "+strings.ToLower(b.sentence(6+r.IntN(8))))
	}
	fm.WriteString("+++\n")

	b.write(g)
	return Brief{Path: path, Text: []byte(fm.String() + b.body.String()), Photo: photo}
}

// write writes the body: a lede, then sections until the brief's budget of
// words is spent. Most briefs come close to the editorial budget, a long
// tail are shorter: about 250 words on average.
func (b *brief) write(g *gen) {
	r := b.r
	budget := maxBodyWords - r.IntN(100)*r.IntN(100)/50

	b.paragraph(1+r.IntN(2), budget) // the lede, within its 60 words

	labels := []string{"Why this matters"}
	for _, k := range r.Perm(len(middleLabels))[:2+r.IntN(3)] {
		labels = append(labels, middleLabels[k])
	}
	if r.IntN(2) == 0 {
		labels = append(labels, endLabels[r.IntN(len(endLabels))])
	}
	// One section gets the quote, one the list, one the links.
	quote, list, links := r.IntN(len(labels)), r.IntN(len(labels)), r.IntN(len(labels))
	for k, label := range labels {
		switch label {
		case "What they're saying":
			quote = k
		case "By the numbers":
			list = k
		}
	}
	for k, label := range labels {
		left := budget - b.count
		share := left / (len(labels) - k)
		if share < 12 {
			break
		}
		end := b.count + share
		b.lead(label, end)
		if k == links {
			b.links(g, end)
		}
		if k == quote {
			b.quote(end)
		}
		if k == list {
			b.list(end)
		}
		for b.count+8 < end {
			b.paragraph(1+r.IntN(maxSentences), end)
		}
	}
}

// lead starts a section: a heading and its first paragraph, or a bold
// lead-in that opens the paragraph, with the colon inside or outside.
func (b *brief) lead(label string, end int) {
	text := b.sentences(1+b.r.IntN(2), end-b.count-len(strings.Fields(label)))
	switch n := b.r.IntN(10); {
	case n < 3:
		b.add("## "+label+"\n\n"+text, end)
	case n < 4:
		b.add("**"+label+"**: "+text, end)
	default:
		b.add("**"+label+":** "+text, end)
	}
}

// paragraph adds a paragraph of up to n sentences that ends by word end.
func (b *brief) paragraph(n, end int) {
	if s := b.sentences(n, end-b.count); s != "" {
		b.add(s, end)
	}
}

// links adds a paragraph with links to one or two earlier briefs, as
// relative paths from this brief's file, sometimes to a section, and often
// one to a source on the web.
func (b *brief) links(g *gen, end int) {
	r := b.r
	if b.i == 0 {
		return
	}
	s := b.words(8 + r.IntN(6))
	s[0] = capitalize(s[0])
	for range 1 + b.oneIn(4) {
		j := b.earlier()
		dest := fmt.Sprintf("brief-%d.md", j)
		if g.isBundle(j) {
			dest = fmt.Sprintf("brief-%d/index.md", j)
		}
		if b.bundle {
			dest = "../" + dest
		}
		if r.IntN(5) == 0 {
			dest += "#why-this-matters"
		}
		link(s, r.IntN(len(s)-2), dest)
	}
	text := strings.Join(s, " ") + "."
	if r.IntN(3) > 0 {
		w := b.words(6 + r.IntN(4))
		w[0] = capitalize(w[0])
		link(w, r.IntN(len(w)-2), fmt.Sprintf("https://example.com/sources/%d", b.i))
		text += " " + strings.Join(w, " ") + "."
	}
	b.add(text, end)
}

// link makes the words at s[i] and s[i+1] the text of a link to dest,
// unless a link already starts or ends there.
func link(s []string, i int, dest string) {
	if strings.ContainsAny(s[i]+s[i+1], "[]*") {
		return
	}
	s[i] = "[" + s[i]
	s[i+1] += "](" + dest + ")"
}

// quote adds a quotation as a block quote, attributed.
func (b *brief) quote(end int) {
	q := strings.TrimSuffix(b.sentence(8+b.r.IntN(8)), ".")
	who := authors[b.r.IntN(len(authors))]
	b.add(fmt.Sprintf("> \"%s,\" said %s.", q, who), end)
}

// list adds a bulleted list of figures.
func (b *brief) list(end int) {
	n := 2 + b.r.IntN(3)
	var s strings.Builder
	for k := range n {
		if k > 0 {
			s.WriteString("\n")
		}
		w := b.words(3 + b.r.IntN(4))
		fmt.Fprintf(&s, "- %d %s %s.", 1+b.r.IntN(900), units[b.r.IntN(len(units))], strings.Join(w, " "))
	}
	b.add(s.String(), end)
}

// add appends a block of Markdown to the body and counts its words, unless
// the body would then run past word end.
func (b *brief) add(block string, end int) {
	n := countWords(block)
	if b.count+n > end {
		return
	}
	b.count += n
	b.body.WriteString(block)
	b.body.WriteString("\n\n")
}

// sentences returns up to n sentences of 8 to 18 words, together at most
// max words, or "" when fewer than 5 fit.
func (b *brief) sentences(n, max int) string {
	var ss []string
	for range n {
		w := min(8+b.r.IntN(11), max)
		if w < 5 {
			break
		}
		ss = append(ss, b.sentence(w))
		max -= w
	}
	return strings.Join(ss, " ")
}

// sentence returns a sentence of n words, sometimes with one in bold.
func (b *brief) sentence(n int) string {
	ws := b.words(n)
	ws[0] = capitalize(ws[0])
	if n > 3 && b.r.IntN(6) == 0 {
		ws[n/2] = "**" + ws[n/2] + "**"
	}
	return strings.Join(ws, " ") + "."
}

// words returns n words drawn with a long tail, as in running text.
func (b *brief) words(n int) []string {
	z := rand.NewZipf(b.r, 1.1, 2, uint64(len(vocabulary)-1))
	ws := make([]string, n)
	for i := range ws {
		ws[i] = vocabulary[z.Uint64()]
	}
	return ws
}

// title returns a headline: a few words of news and a number, so that
// titles do not repeat.
func (b *brief) title() string {
	ws := b.words(4 + b.r.IntN(5))
	ws[0] = capitalize(ws[0])
	return fmt.Sprintf("%s %s %d %s", strings.Join(ws, " "), verbs[b.r.IntN(len(verbs))], 2+b.r.IntN(998), units[b.r.IntN(len(units))])
}

// pick returns up to n different entries of list, the first ones far more
// often than the last.
func (b *brief) pick(list []string, n int) []string {
	z := rand.NewZipf(b.r, 1.3, 3, uint64(len(list)-1))
	var out []string
	for range n {
		e := list[z.Uint64()]
		if !contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// earlier returns an earlier brief to refer to: most often a recent one.
func (b *brief) earlier() int {
	if b.r.IntN(4) == 0 {
		return b.r.IntN(b.i)
	}
	z := rand.NewZipf(b.r, 1.2, 1, uint64(b.i-1))
	return b.i - 1 - int(z.Uint64())
}

// oneIn returns 1 once in n calls, else 0.
func (b *brief) oneIn(n int) int {
	if b.r.IntN(n) == 0 {
		return 1
	}
	return 0
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// countWords counts words as briefs check does: runs of non-space
// characters that hold a letter or a digit.
func countWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool {
			return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		}) >= 0 {
			n++
		}
	}
	return n
}

func capitalize(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// middleLabels and endLabels are section names of the default config.toml.
var (
	middleLabels = []string{"Behind-the-scenes", "Some added nuance", "The big picture", "Between the lines", "By the numbers", "What they're saying", "Yes, but", "Zoom in", "Flashback"}
	endLabels    = []string{"What's next", "The bottom line"}
)

// topics are 40 topics, the first far more common than the last.
var topics = strings.Fields(`elections cabinet congress white-house budget courts health-care economy
immigration climate taxes trade energy education housing defense foreign-policy supreme-court
labor technology transportation public-safety state-capitols campaign-finance polling media
infrastructure banking agriculture water privacy pensions science cities europe china
middle-east justice-department senate veterans`)

// authors are 15 reporters, the first far more prolific than the last.
var authors = []string{
	"Dana Whitfield", "Marcus Oyelaran", "Priya Raman", "Tomás Herrera", "Hannah Kowalski",
	"Felix Brandt", "Aisha Mensah", "Jonah Lindqvist", "Chloé Martin", "Samuel Adeyemi",
	"Mei Lin Zhao", "Rafael Costa", "Ingrid Solberg", "Kwame Boateng", "Lucy Okafor",
}

var credits = []string{"Jane Doe / Wire Photo", "Staff photo", "Pool / Capitol Pictures", "Ray Chen / Northern Photo Agency", "Handout / Office of the Governor"}

var verbs = strings.Fields(`tops nears passes clears misses hits crosses reaches loses gains`)

var units = strings.Fields(`votes seats jobs schools districts counties miles homes projects contracts`)

var vocabulary = strings.Fields(`the assembly minister vote budget committee cabinet coalition party leader
campaign poll deputy bill law court ruling election district reform spending tax treasury deficit
hearing inquiry report opposition government speaker session chamber amendment motion debate
majority minority senator mayor council province region border trade tariff union strike
wage pension health school housing transport energy climate water police justice prosecutor
judge appeal verdict ballot turnout primary candidate nominee platform pledge promise scandal
resignation reshuffle portfolio office staff aide adviser memo leak briefing statement press
agency regulator audit contract tender grant subsidy loan bond market bank inflation growth
jobs factory farm port rail road bridge airport hospital clinic university army navy
treaty summit ally rival neighbour envoy embassy sanction aid refugee migrant census survey
data figure percent million billion quarter month week year today yesterday tomorrow night
morning late early again still never already soon later first second third final new old
major minor key quiet loud fast slow sharp narrow broad deep public private local national
said says told asked warned argued claimed denied confirmed announced approved rejected
passed blocked delayed signed vetoed filed opened closed won lost led joined left backed
with without after before during under over against between among across through into`)
