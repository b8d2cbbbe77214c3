package render

import (
	"bytes"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/briefs-dev/briefs/internal/site"
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
	Byline   string // "By A, B and C", or ""
	Topics   string // topic names: "Cabinet, White House"
	Lede     template.HTML
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
	HTML template.HTML // label included
	Text string        // "Why this matters: …", wrapped for plain text
}

// EditionPhoto is a brief's photo sized for a mail column: Width and
// Height are what the img element says; Height is 0 when the photo's own
// size is unknown.
type EditionPhoto struct {
	*Image
	Credit  string
	Caption string
	Text    string // "Photo: <alt>. <caption> (<credit>)", wrapped for plain text
}

// editionWidth is the width of a photo in the edition's 600-pixel column.
const editionWidth = 560

// textWidth is where the plain-text edition wraps its lines.
const textWidth = 72

// EditionDir returns the folder of the edition of a day: "editions/2026-06-07/".
func EditionDir(day string) string { return "editions/" + day + "/" }

// planEditions plans the HTML and plain-text edition of every day with
// briefs.
func (r *Renderer) planEditions(p *plan) {
	s := p.site
	loc := s.Config.Location()
	r.pub.mu.Lock()
	if len(r.pub.email) > len(s.Briefs) { // briefs were removed: forget them
		published := make(map[*site.Brief]bool, len(s.Briefs))
		for _, b := range s.Briefs {
			published[b] = true
		}
		for b := range r.pub.email {
			if !published[b] {
				delete(r.pub.email, b)
			}
		}
	}
	r.pub.mu.Unlock()
	head := newKey(p.global).str("edition").sum()
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
			k := newKey(head).str(day)
			for _, b := range briefs {
				r.photoKey(k.num(p.briefKey[b]), b)
				for _, img := range r.emailImages(b) {
					w, h, _ := r.imageSize(img)
					k.num(uint64(w)).num(uint64(h))
				}
			}
			return k.sum()
		}
		dir := EditionDir(day)
		days[day] = true
		p.addWriter(dir+"index.html", func(w *bytes.Buffer) error {
			return r.writeEditionTo(w, r.sharedEdition(s, day, briefs, keyFn()))
		}, keyFn, false, briefs...)
		p.add(dir+"index.txt", func() ([]byte, error) {
			return r.theme.Document("edition.txt", r.sharedEdition(s, day, briefs, keyFn()))
		}, keyFn, false, briefs...)
	}
	r.pub.mu.Lock()
	for day := range r.pub.editions {
		if !days[day] {
			delete(r.pub.editions, day)
		}
	}
	r.pub.mu.Unlock()
}

// writeEditionTo writes the HTML edition e to w: in Go when
// compiled_edition.go can, else through the theme.
func (r *Renderer) writeEditionTo(w *bytes.Buffer, e *Edition) error {
	if !r.compiled["edition.html"] {
		data, err := r.theme.Document("edition.html", e)
		w.Write(data)
		return err
	}
	r.writeEdition(w, e)
	return nil
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
func (r *Renderer) sharedEdition(s *site.Site, day string, briefs []*site.Brief, key uint64) *Edition {
	p := &r.pub
	p.mu.Lock()
	if p.editions == nil {
		p.editions = map[string]*sharedEdition{}
	}
	e := p.editions[day]
	if e == nil || e.key != key {
		e = &sharedEdition{key: key}
		p.editions[day] = e
	}
	if e.uses++; e.uses == 2 {
		delete(p.editions, day)
	}
	p.mu.Unlock()
	e.once.Do(func() { e.edition = r.edition(s, day, briefs) })
	return e.edition
}

// edition returns the data of the edition of day.
func (r *Renderer) edition(s *site.Site, day string, briefs []*site.Brief) *Edition {
	loc := s.Config.Location()
	start, _ := time.ParseInLocation("2006-01-02", day, loc)
	e := &Edition{
		Site:    s,
		Date:    start,
		Day:     day,
		Title:   s.Config.Title + ": " + start.Format("January 2, 2006"),
		URL:     s.AbsURL(EditionDir(day)),
		TextURL: s.AbsURL(EditionDir(day) + "index.txt"),
	}
	for _, b := range briefs {
		eb := &EditionBrief{
			Brief:    b,
			URL:      s.AbsURL(b.Path),
			Byline:   byline(b.Authors),
			Lede:     r.emailHTML(b.Body.Lede),
			LedeText: wrap(b.Body.LedeText, textWidth),
		}
		var names []string
		for _, t := range b.Topics {
			names = append(names, t.Name)
		}
		eb.Topics = strings.Join(names, ", ")
		if sec := b.Section("Why this matters"); sec != nil {
			eb.Why = &EditionSection{Name: sec.Name, HTML: r.emailHTML(sec.HTML),
				Text: wrap(sec.Name+": "+sec.Text, textWidth)}
		}
		if img := r.photo(b); img != nil {
			ph := &EditionPhoto{Image: &Image{URL: img.URL, Alt: img.Alt, Type: img.Type, Width: editionWidth},
				Credit: b.Photo.Credit, Caption: b.Photo.Caption}
			if img.Width > 0 && img.Height > 0 {
				ph.Width = min(editionWidth, img.Width)
				ph.Height = (img.Height*ph.Width + img.Width/2) / img.Width
			}
			text := "Photo: " + strings.TrimSuffix(img.Alt, ".") + "."
			if ph.Caption != "" {
				text += " " + ph.Caption
			}
			ph.Text = wrap(text+" ("+ph.Credit+")", textWidth)
			eb.Photo = ph
		}
		for _, c := range b.Corrections {
			eb.CorrectionsText = append(eb.CorrectionsText,
				wrap("Correction, "+c.Date.In(loc).Format("January 2, 2006")+": "+c.Text, textWidth))
		}
		e.Briefs = append(e.Briefs, eb)
	}
	return e
}

// emailImages returns the site paths of the images in the parts of a
// brief an edition shows, once per version of the brief.
func (r *Renderer) emailImages(b *site.Brief) []string {
	p := &r.pub
	p.mu.Lock()
	c, ok := p.email[b]
	p.mu.Unlock()
	if ok && c.version == b.Version {
		return c.images
	}
	c = cachedEmail{version: b.Version}
	html := b.Body.Lede
	if sec := b.Section("Why this matters"); sec != nil {
		html += sec.HTML
	}
	var nodes []*xhtml.Node
	if mayHaveImage(html) { // most briefs: nothing to parse
		nodes = parseFragment(html)
	}
	for _, n := range nodes {
		walkHTML(n, func(n *xhtml.Node) {
			if n.DataAtom == atom.Img {
				if u := r.sitePath(attrOf(n, "src")); u != "" {
					c.images = append(c.images, u)
				}
			}
		})
	}
	p.mu.Lock()
	if p.email == nil {
		p.email = map[*site.Brief]cachedEmail{}
	}
	p.email[b] = c
	p.mu.Unlock()
	return c.images
}

type cachedEmail struct {
	version uint64
	images  []string
}

// emailHTML returns a brief's HTML fit for mail: every image gets its
// width and height when known, scaled to the column, and styles that keep
// it inside the column when not; other elements get inline styles, and
// classes, which select nothing in mail, go.
func (r *Renderer) emailHTML(fragment string) template.HTML {
	if html, ok := r.emailFast(fragment); ok {
		return template.HTML(html)
	}
	return r.emailParsed(fragment)
}

// emailParsed is emailHTML by way of the HTML parser: the fragment is read
// into a tree, rewritten, and rendered again.
func (r *Renderer) emailParsed(fragment string) template.HTML {
	nodes := parseFragment(fragment)
	var out strings.Builder
	for _, n := range nodes {
		walkHTML(n, func(n *xhtml.Node) {
			// Mail has no style sheet for classes to select.
			n.Attr = slices.DeleteFunc(n.Attr, func(a xhtml.Attribute) bool { return a.Key == "class" })
			if style := emailStyles[n.DataAtom]; style != "" && attrOf(n, "style") == "" {
				setAttr(n, "style", style)
			}
			if n.DataAtom != atom.Img {
				return
			}
			if p := r.sitePath(attrOf(n, "src")); p != "" {
				if img := r.image(p, ""); img.Width > 0 && img.Height > 0 {
					w := min(editionWidth, img.Width)
					setAttr(n, "width", strconv.Itoa(w))
					setAttr(n, "height", strconv.Itoa((img.Height*w+img.Width/2)/img.Width))
				}
			}
			setAttr(n, "style", emailImageStyle)
		})
		if err := xhtml.Render(&out, n); err != nil {
			return template.HTML(fragment)
		}
	}
	return template.HTML(out.String())
}

// emailImageStyle is the inline style of an image in an edition.
const emailImageStyle = "display:block;max-width:100%;height:auto;border:0;"

// emailStyles are the inline styles of the elements of a brief's HTML in
// an edition: mail clients differ most in their default margins.
var emailStyles = map[atom.Atom]string{
	atom.A:          "color:#a3161c;",
	atom.P:          "margin:0 0 14px 0;",
	atom.H2:         "margin:18px 0 8px 0;font-size:19px;line-height:24px;",
	atom.H3:         "margin:18px 0 8px 0;font-size:17px;line-height:22px;",
	atom.Ul:         "margin:0 0 14px 0;padding:0 0 0 22px;",
	atom.Ol:         "margin:0 0 14px 0;padding:0 0 0 22px;",
	atom.Blockquote: "margin:0 0 14px 0;padding:0 0 0 14px;border-left:3px solid #d9d5cc;color:#3d4148;",
}

// sitePath returns the site path of an absolute URL below the base URL, or
// "".
func (r *Renderer) sitePath(u string) string {
	if !strings.HasPrefix(u, r.cfg.BaseURL) {
		return ""
	}
	p, _, _ := strings.Cut(strings.TrimPrefix(u, r.cfg.BaseURL), "?")
	p, _, _ = strings.Cut(p, "#")
	return p
}

// mayHaveImage reports whether HTML may hold an img element: the parser
// makes one only of an "img" or "image" start tag, in any case.
func mayHaveImage(html string) bool {
	for i := strings.IndexByte(html, '<'); i >= 0 && i+3 <= len(html); {
		if strings.EqualFold(html[i+1:i+3], "im") {
			return true
		}
		j := strings.IndexByte(html[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func parseFragment(s string) []*xhtml.Node {
	nodes, err := xhtml.ParseFragment(strings.NewReader(s), &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return nil
	}
	return nodes
}

func walkHTML(n *xhtml.Node, f func(*xhtml.Node)) {
	if n.Type == xhtml.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkHTML(c, f)
	}
}

func attrOf(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *xhtml.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, xhtml.Attribute{Key: key, Val: val})
}

// byline joins author names as the byline partial does: "By A, B and C".
func byline(authors []*site.Term) string {
	if len(authors) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("By ")
	for i, a := range authors {
		switch {
		case i == 0:
		case i == len(authors)-1:
			b.WriteString(" and ")
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
