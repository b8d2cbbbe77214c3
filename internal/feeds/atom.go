package feeds

import (
	"bytes"
	"encoding/xml"
	"path"
	"time"

	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

// AtomFile is the name of an Atom feed beside feed.xml and feed.json.
const AtomFile = "atom.xml"

// planAtom plans the Atom 1.0 feeds of the site, of each topic and of
// each author.
func (f *Family) planAtom(p *plan.Plan) {
	s := p.Site
	f.planAtomFeed(p, "", s.Config.Title, s.Briefs)
	for _, terms := range [][]*site.Term{s.Topics, s.Authors} {
		for _, t := range terms {
			f.planAtomFeed(p, t.Path, s.Config.Title+": "+t.Name, t.Briefs)
		}
	}
}

func (f *Family) planAtomFeed(p *plan.Plan, dir, title string, briefs []*site.Brief) {
	if len(briefs) > feedSize {
		briefs = briefs[:feedSize]
	}
	head := plan.NewKey(p.Global).Str("atom").Str(dir).Str(title).Sum()
	p.Add(dir+AtomFile, func(w *bytes.Buffer) error { return f.atomFeed(w, p.Site, dir, title, p.Briefs(briefs)) }, func() uint64 {
		k := plan.NewKey(head)
		for _, b := range briefs {
			k.Num(p.BriefKey(b))
		}
		return k.Sum()
	}, briefs...)
}

// The Atom feed, as RFC 4287 defines it.
type atomFeedDoc struct {
	XMLName   xml.Name     `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string       `xml:"xml:lang,attr,omitempty"`
	ID        string       `xml:"id"`
	Title     atomText     `xml:"title"`
	Subtitle  *atomText    `xml:"subtitle,omitempty"`
	Updated   string       `xml:"updated"`
	Links     []atomLinkEl `xml:"link"`
	Author    atomPerson   `xml:"author"`
	Generator string       `xml:"generator"`
	Icon      string       `xml:"icon,omitempty"`
	Entries   []atomEntry  `xml:"entry"`
}

type atomText struct {
	Type  string `xml:"type,attr,omitempty"`
	Value string `xml:",chardata"`
}

type atomLinkEl struct {
	Rel   string `xml:"rel,attr"`
	Type  string `xml:"type,attr,omitempty"`
	Href  string `xml:"href,attr"`
	Title string `xml:"title,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr,omitempty"`
	Label  string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLinkEl   `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    atomContent    `xml:"content"`
}

type atomContent struct {
	Type  string `xml:"type,attr"`
	Base  string `xml:"xml:base,attr,omitempty"`
	Value string `xml:",cdata"`
}

func (f *Family) atomFeed(buf *bytes.Buffer, s *site.Site, dir, title string, briefs []*site.Brief) error {
	loc := s.Config.Location()
	doc := atomFeedDoc{
		Lang:  s.Config.Language,
		ID:    s.AbsURL(dir + AtomFile),
		Title: atomText{Type: "text", Value: title},
		Links: []atomLinkEl{
			{Rel: "self", Type: "application/atom+xml", Href: s.AbsURL(dir + AtomFile)},
			{Rel: "alternate", Type: "text/html", Href: s.AbsURL(dir)},
		},
		Author:    atomPerson{Name: s.Config.Title, URI: s.BaseURL},
		Generator: "briefs",
		Icon:      s.AbsURL("assets/favicon.svg"),
	}
	if d := s.Config.Description; d != "" {
		doc.Subtitle = &atomText{Type: "text", Value: d}
	}
	// The feed's own date comes from its briefs, not the clock, so that
	// the same site gives the same bytes.
	var updated time.Time
	for _, b := range briefs {
		if t := b.LastModified(); t.After(updated) {
			updated = t
		}
	}
	if updated.IsZero() {
		updated = time.Unix(0, 0)
	}
	doc.Updated = updated.In(loc).Format(time.RFC3339)
	for _, b := range briefs {
		e := atomEntry{
			ID:        s.EntryID(b),
			Title:     atomText{Type: "text", Value: b.Title},
			Links:     []atomLinkEl{{Rel: "alternate", Type: "text/html", Href: s.AbsURL(b.Path)}},
			Published: b.Date.In(loc).Format(time.RFC3339),
			Updated:   b.LastModified().In(loc).Format(time.RFC3339),
			Content: atomContent{Type: "html", Base: s.AbsURL(b.Path),
				Value: fullContent(s, b)},
		}
		if ph := b.Photo; ph != nil {
			e.Links = append(e.Links, atomLinkEl{Rel: "enclosure", Type: images.Type(path.Ext(ph.URL)), Href: s.AbsURL(ph.URL), Title: ph.Alt})
		}
		if f.outputs.Enabled("brief-json") {
			e.Links = append(e.Links, atomLinkEl{Rel: "alternate", Type: "application/json", Href: s.AbsURL(b.Path + site.JSONFile)})
		}
		for _, a := range b.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: a.Name, URI: s.AbsURL(a.Path)})
		}
		for _, t := range b.Topics {
			e.Categories = append(e.Categories, atomCategory{Term: t.Slug, Scheme: s.AbsURL("topics/"), Label: t.Name})
		}
		if b.Summary != "" {
			e.Summary = &atomText{Type: "text", Value: b.Summary}
		}
		doc.Entries = append(doc.Entries, e)
	}
	return encodeXML(buf, doc)
}
