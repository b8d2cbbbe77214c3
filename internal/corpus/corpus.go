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
}

// Write writes config.toml and content/ for a generated site into dir,
// which must exist, and returns the slash paths of the briefs. Brief i is
// content/briefs/brief-<i>.md, or content/briefs/brief-<i>/index.md with a
// photo.
func Write(dir string, opts Options) ([]string, error) {
	if opts.Photos < 0 {
		opts.Photos = 0.5
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(Config), 0o644); err != nil {
		return nil, err
	}
	g := newGen(opts.Seed)
	paths := make([]string, opts.Briefs)
	for i := range paths {
		b := g.brief(i, opts.Briefs, opts.Photos)
		if err := writeBrief(dir, b); err != nil {
			return nil, err
		}
		paths[i] = b.Path
	}
	return paths, nil
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

type gen struct {
	r       *rand.Rand
	topics  []string
	authors []string
}

func newGen(seed uint64) *gen {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for i := 0; i < 40; i++ {
		g.topics = append(g.topics, words[(i*7)%len(words)]+"-"+words[(i*13+5)%len(words)])
	}
	for i := 0; i < 15; i++ {
		g.authors = append(g.authors, capitalize(names[i%len(names)])+" "+capitalize(names[(i*5+3)%len(names)]))
	}
	return g
}

// zipf picks an index below n with a long-tail distribution.
func (g *gen) zipf(n int) int {
	for {
		i := int(float64(n) * g.r.Float64() * g.r.Float64() * g.r.Float64() * 1.5)
		if i < n {
			return i
		}
	}
}

var sectionLabels = []string{"Why this matters", "Behind-the-scenes", "Some added nuance", "The big picture", "Between the lines", "What's next", "By the numbers", "What they're saying"}

func (g *gen) brief(i, total int, photos float64) Brief {
	var b strings.Builder
	start := time.Date(2020, 1, 1, 8, 0, 0, 0, time.UTC)
	date := start.Add(time.Duration(i) * 4 * time.Hour).Add(time.Duration(g.r.IntN(180)) * time.Minute)
	title := g.sentence(5, 10)
	title = strings.TrimSuffix(title, ".")
	fmt.Fprintf(&b, "+++\ntitle = %q\ndate = %s\n", title, date.Format(time.RFC3339))
	if g.r.IntN(5) == 0 {
		fmt.Fprintf(&b, "updated = %s\n", date.Add(3*time.Hour).Format(time.RFC3339))
	}
	fmt.Fprintf(&b, "authors = [%q]\n", g.authors[g.zipf(len(g.authors))])
	t1, t2 := g.zipf(len(g.topics)), g.zipf(len(g.topics))
	if t1 == t2 {
		fmt.Fprintf(&b, "topics = [%q]\n", g.topics[t1])
	} else {
		fmt.Fprintf(&b, "topics = [%q, %q]\n", g.topics[t1], g.topics[t2])
	}
	if g.r.IntN(2) == 0 {
		fmt.Fprintf(&b, "summary = %q\n", g.sentence(12, 20))
	}
	path := fmt.Sprintf("content/briefs/brief-%d.md", i)
	photo := ""
	if g.r.Float64() < photos {
		path = fmt.Sprintf("content/briefs/brief-%d/index.md", i)
		photo = fmt.Sprintf("content/briefs/brief-%d/photo.svg", i)
		fmt.Fprintf(&b, "[photo]\nsrc = \"photo.svg\"\nalt = %q\ncredit = \"Generated / Benchmark Wire\"\n", g.sentence(6, 10))
	}
	if i > 0 && g.r.IntN(3) == 0 {
		fmt.Fprintf(&b, "[[go_deeper]]\ntitle = %q\nref = \"brief-%d\"\n", g.sentence(4, 8), g.r.IntN(i))
	}
	if g.r.IntN(4) == 0 {
		fmt.Fprintf(&b, "[[go_deeper]]\ntitle = %q\nurl = \"https://example.com/%d\"\n", g.sentence(4, 8), i)
	}
	if g.r.IntN(20) == 0 {
		fmt.Fprintf(&b, "[[corrections]]\ndate = %s\ntext = %q\n", date.Add(24*time.Hour).Format(time.RFC3339), g.sentence(10, 16))
	}
	b.WriteString("+++\n")
	// Lede.
	b.WriteString(g.paragraph(2, 3) + "\n\n")
	labels := g.r.Perm(len(sectionLabels))[:4]
	labels[0] = 0 // every brief has "Why this matters"
	for k, li := range labels {
		label := sectionLabels[li]
		if g.r.IntN(3) == 0 {
			fmt.Fprintf(&b, "## %s\n\n%s\n\n", label, g.paragraph(2, 4))
		} else {
			fmt.Fprintf(&b, "**%s:** %s\n\n", label, g.paragraph(2, 4))
		}
		switch k {
		case 1:
			fmt.Fprintf(&b, "> \"%s\"\n\n", g.sentence(10, 18))
		case 2:
			for j := 0; j < 3; j++ {
				fmt.Fprintf(&b, "- %d %s\n", g.r.IntN(500), g.sentence(3, 7))
			}
			b.WriteString("\n")
		case 3:
			if i > 0 {
				fmt.Fprintf(&b, "Read [the earlier brief](brief-%d.md) and [the source](https://example.com/src/%d).\n\n", g.r.IntN(i), i)
			}
		}
	}
	return Brief{Path: path, Text: []byte(b.String()), Photo: photo}
}

func (g *gen) sentence(lo, hi int) string {
	n := lo + g.r.IntN(hi-lo+1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[g.zipf(len(words))]
	}
	ws[0] = capitalize(ws[0])
	if g.r.IntN(6) == 0 {
		ws[n/2] = "**" + ws[n/2] + "**"
	}
	return strings.Join(ws, " ") + "."
}

func (g *gen) paragraph(lo, hi int) string {
	n := lo + g.r.IntN(hi-lo+1)
	ss := make([]string, n)
	for i := range ss {
		ss[i] = g.sentence(8, 18)
	}
	return strings.Join(ss, " ")
}

var words = strings.Fields(`the assembly minister vote budget committee cabinet coalition party leader
campaign poll deputy bill law court ruling election district reform spending tax treasury deficit
hearing inquiry report opposition government speaker session chamber amendment motion debate
majority minority senator mayor council province region border trade tariff union strike
wage pension health school housing transport energy climate water police justice prosecutor
judge appeal verdict ballot turnout primary candidate nominee platform pledge promise scandal
resignation reshuffle portfolio office staff aide adviser memo leak briefing statement press
agency regulator audit contract tender grant subsidy loan bond market bank inflation growth
jobs factory farm port rail road bridge airport hospital clinic university police army navy
treaty summit ally rival neighbour envoy embassy sanction aid refugee migrant census survey
data figure percent million billion quarter month week year today yesterday tomorrow night
morning late early again still never already soon later first second third final new old
major minor key quiet loud fast slow sharp narrow broad deep public private local national
said says told asked warned argued claimed denied confirmed announced approved rejected
passed blocked delayed signed vetoed filed opened closed won lost led joined left backed
with without after before during under over against between among across through into`)

var names = strings.Fields(`ada bram celia dario edda farid greta hugo ines jonas kira lars mira
nils olga piet quinn rosa sven tilde ugo vera wim xenia yara zeno`)

func capitalize(w string) string { return strings.ToUpper(w[:1]) + w[1:] }
