// Package editions writes the newsletter editions of a site: for each
// day with briefs, an HTML edition fit for mail and a plain-text one, from
// the theme's edition.html and edition.txt.
package editions

import (
	"bytes"
	"html"
	"html/template"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/i18n"
	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/theme"
)

// Edition is the data of the edition templates (edition.html and
// edition.txt): the briefs of one day, for a newsletter. Every URL in it is
// absolute, as mail needs.
type Edition struct {
	Site    *site.Site
	Date    time.Time // the start of the day in the site's time zone
	Day     string    // "2026-06-07"
	Title   string    // "The Test Brief: June 7, 2026"
	URL     string    // the HTML edition
	TextURL string    // the plain-text edition
	Briefs  []*EditionBrief
}

// EditionBrief is one brief of an edition.
type EditionBrief struct {
	*site.Brief
	URL      string
	Byline   string          // "By A, B and C", or ""
	Topics   string          // topic names: "Cabinet, White House"
	Lede     template.HTML   // written for mail by the Markdown converter
	LedeText string          // wrapped for plain text
	Why      *EditionSection // the "Why this matters" section, or nil
	Photo    *EditionPhoto   // or nil
	// CorrectionsText holds the corrections wrapped for plain text:
	// "Correction, June 8, 2026: …".
	CorrectionsText []string
}

// EditionSection is a section of a brief in an edition.
type EditionSection struct {
	Name string
	HTML template.HTML // written for mail, label included
	Text string        // "Why this matters: …", wrapped for plain text
}

// EditionPhoto is a brief's photo sized for a mail column: Width and
// Height are what the img element says; Height is 0 when the photo's own
// size is unknown.
type EditionPhoto struct {
	*images.Image
	Credit  string
	Caption string
	Text    string // "Photo: <alt>. <caption> (<credit>)", wrapped for plain text
}

// textWidth is where the plain-text edition wraps its lines.
const textWidth = 72

// whySection is the section an edition shows beside the lede, as the
// default configuration names it. A site in another language names it
// its own way, keeping this name as an alias.
const whySection = "Why this matters"

// WhySection returns the name of the section an edition shows beside the
// lede, of a language with sections: the one named "Why this matters", or
// that has it as an alias ("Por qué importa", aliases = ["Why this
// matters"]).
func WhySection(sections []config.Section) string {
	key := config.SectionKey(whySection)
	for _, s := range sections {
		if config.SectionKey(s.Name) == key || slices.ContainsFunc(s.Aliases, func(a string) bool { return config.SectionKey(a) == key }) {
			return s.Name
		}
	}
	return whySection
}

// Sections returns the sections an edition shows beside the lede, in
// each language of the site: the only ones whose HTML a build has the
// converter write for mail.
func Sections(cfg *config.Config) []string {
	names := []string{WhySection(cfg.Sections)}
	for _, l := range cfg.Languages {
		if n := WhySection(l.Sections); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// EditionDir returns the folder of the edition of a day: "editions/2026-06-07/".
func Dir(day string) string { return "editions/" + day + "/" }

// planEditions plans the HTML and plain-text edition of every day with
// briefs.
func (f *Family) Plan(p *plan.Plan) {
	s := p.Site
	loc := s.Config.Location()
	head := plan.NewKey(p.Global).Str("edition").Sum()
	days := map[string]bool{}
	dayOf := func(b *site.Brief) int {
		y, m, d := b.Date.In(loc).Date()
		return y*10000 + int(m)*100 + d
	}
	for i := 0; i < len(s.Briefs); {
		first := dayOf(s.Briefs[i])
		day := s.Briefs[i].Date.In(loc).Format("2006-01-02")
		j := i + 1
		for j < len(s.Briefs) && dayOf(s.Briefs[j]) == first {
			j++
		}
		briefs := s.Briefs[i:j:j]
		i = j
		keyFn := func() uint64 {
			k := plan.NewKey(head).Str(day)
			for _, b := range p.Briefs(briefs) {
				k.Num(p.BriefKey(b)).Photo(f.images, b)
				// The sizes of the images its mail HTML states.
				for _, img := range b.Body.MailImages {
					k.Str(img.File).Num(uint64(img.Width)).Num(uint64(img.Height))
				}
			}
			return k.Sum()
		}
		dir := Dir(day)
		days[day] = true
		p.Add(dir+"index.html", func(w *bytes.Buffer) error {
			return f.theme.ExecuteDocument(w, "edition.html", f.sharedEdition(p.Site, day, p.Briefs(briefs), keyFn()))
		}, keyFn, briefs...)
		p.Add(dir+"index.txt", func(w *bytes.Buffer) error {
			return f.theme.ExecuteDocument(w, "edition.txt", f.sharedEdition(p.Site, day, p.Briefs(briefs), keyFn()))
		}, keyFn, briefs...)
	}
	f.mu.Lock()
	for day := range f.editions {
		if !days[day] {
			delete(f.editions, day)
		}
	}
	f.mu.Unlock()
}

// sharedEdition is an edition made once for its two files, the HTML and
// the plain text: the key of their jobs says which version of the day.
type sharedEdition struct {
	key     uint64
	once    sync.Once
	edition *Edition
	uses    int // files rendered from it; at 2 it is forgotten
}

// sharedEdition returns the edition of day, made once for both its files.
func (f *Family) sharedEdition(s *site.Site, day string, briefs []*site.Brief, key uint64) *Edition {
	f.mu.Lock()
	e := f.editions[day]
	if e == nil || e.key != key {
		e = &sharedEdition{key: key}
		f.editions[day] = e
	}
	if e.uses++; e.uses == 2 {
		delete(f.editions, day)
	}
	f.mu.Unlock()
	e.once.Do(func() { e.edition = f.edition(s, day, briefs) })
	return e.edition
}

// edition returns the data of the edition of day.
func (f *Family) edition(s *site.Site, day string, briefs []*site.Brief) *Edition {
	loc := s.Config.Location()
	tr := f.translator(s.Config.Language)
	start, _ := time.ParseInLocation("2006-01-02", day, loc)
	e := &Edition{
		Site:    s,
		Date:    start,
		Day:     day,
		Title:   word(tr, "edition_title", "site", s.Config.Title, "date", tr.Date(start)),
		URL:     s.AbsURL(Dir(day)),
		TextURL: s.AbsURL(Dir(day) + "index.txt"),
	}
	width := f.theme.Mail().Width // of the mail's column
	for _, b := range briefs {
		eb := &EditionBrief{
			Brief:    b,
			URL:      s.AbsURL(b.Path),
			Byline:   byline(tr, b.Authors),
			Lede:     template.HTML(b.Body.MailLede),
			LedeText: wrap(b.Body.LedeText, textWidth),
		}
		var names []string
		for _, t := range b.Topics {
			names = append(names, t.Name)
		}
		eb.Topics = strings.Join(names, ", ")
		if b.Body.Words > s.Config.Outputs.FullTextMaxWords {
			// Too long to repeat in every edition's mail: the summary
			// stands in, above the link every brief has.
			style := ""
			if st := f.theme.Mail().Styles["p"]; st != "" {
				style = ` style="` + html.EscapeString(st) + `"`
			}
			eb.Lede = template.HTML("<p" + style + ">" + html.EscapeString(b.Summary) + "</p>")
			eb.LedeText = wrap(b.Summary, textWidth)
		} else if sec := b.Section(WhySection(s.Config.Sections)); sec != nil {
			eb.Why = &EditionSection{Name: sec.Name, HTML: template.HTML(sec.Mail),
				Text: wrap(sec.Name+": "+sec.Text, textWidth)}
		}
		if b.Photo != nil {
			img := f.images.Image(b.Photo.URL, b.Photo.Alt)
			ph := &EditionPhoto{Image: &images.Image{URL: img.URL, Alt: img.Alt, Type: img.Type, Width: width},
				Credit: b.Photo.Credit, Caption: b.Photo.Caption}
			if mail := f.images.Photo(b.Photo.URL); mail != nil && mail.Mail != nil {
				// One JPEG at twice the mail's width, never the original.
				ph.URL = s.AbsURL(images.VariantPath(b.Photo.URL, mail.Mail.Name))
				ph.Type = mail.Mail.Type
				img.Width, img.Height = mail.Mail.Width, mail.Mail.Height
			}
			if img.Width > 0 && img.Height > 0 {
				ph.Width = min(width, img.Width)
				ph.Height = (img.Height*ph.Width + img.Width/2) / img.Width
			}
			text := word(tr, "photo") + ": " + strings.TrimSuffix(img.Alt, ".") + "."
			if ph.Caption != "" {
				text += " " + ph.Caption
			}
			ph.Text = wrap(text+" ("+ph.Credit+")", textWidth)
			eb.Photo = ph
		}
		for _, c := range b.Corrections {
			eb.CorrectionsText = append(eb.CorrectionsText,
				wrap(word(tr, "correction_on", "date", tr.Date(c.Date.In(loc)))+" "+c.Text, textWidth))
		}
		e.Briefs = append(e.Briefs, eb)
	}
	return e
}

// byline joins author names as the byline partial does: "By A, B and C",
// in the language of tr.
func byline(tr *i18n.Translator, authors []*site.TermLink) string {
	if len(authors) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(word(tr, "by") + " ")
	for i, a := range authors {
		switch {
		case i == 0:
		case i == len(authors)-1:
			b.WriteString(" " + word(tr, "and") + " ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(a.Name)
	}
	return b.String()
}

// wrap breaks each paragraph of text (paragraphs are separated by a blank
// line) into lines of at most width characters, between words; a longer
// word, such as a URL, gets a line of its own.
func wrap(text string, width int) string {
	var out strings.Builder
	out.Grow(len(text))
	i := 0
	for para := range strings.SplitSeq(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			out.WriteString("\n\n")
		}
		i++
		n, j := 0, 0
		for w := range strings.FieldsSeq(para) {
			l := utf8.RuneCountInString(w)
			j++
			switch {
			case j == 1:
			case n+1+l > width:
				out.WriteByte('\n')
				n = 0
			default:
				out.WriteByte(' ')
				n++
			}
			out.WriteString(w)
			n += l
		}
	}
	return out.String()
}

// Family plans the editions of a site.
type Family struct {
	theme    *theme.Theme
	images   *images.Set
	mu       sync.Mutex
	editions map[string]*sharedEdition   // by day
	words    map[string]*i18n.Translator // by language
}

// New returns the editions family of a site with theme th, whose photos
// are in imgs.
func New(th *theme.Theme, imgs *images.Set) *Family {
	return &Family{theme: th, images: imgs, editions: map[string]*sharedEdition{}}
}
