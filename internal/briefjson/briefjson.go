// Package briefjson writes each brief as a JSON document beside its page
// (/briefs/<slug>/index.json), for apps, a CMS or a summariser.
package briefjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

// BriefJSON is a brief as /briefs/<slug>/index.json gives it to other
// systems: apps, a CMS, a summariser. Dates are RFC 3339 in the site's time
// zone and URLs absolute.
type BriefJSON struct {
	Version     int              `json:"version"` // of this format
	ID          string           `json:"id"`      // as the Atom feed's entry id
	Slug        string           `json:"slug"`
	URL         string           `json:"url"`
	JSONURL     string           `json:"json_url"`
	Title       string           `json:"title"`
	Summary     string           `json:"summary,omitempty"`
	Date        string           `json:"date"`
	Updated     string           `json:"updated,omitempty"`
	Draft       bool             `json:"draft,omitempty"`
	Scheduled   bool             `json:"scheduled,omitempty"`
	Language    string           `json:"language"`
	Authors     []JSONTerm       `json:"authors"`
	Topics      []JSONTerm       `json:"topics"`
	Photo       *JSONPhoto       `json:"photo,omitempty"`
	Lede        JSONText         `json:"lede"`
	Sections    []JSONSection    `json:"sections"`
	Body        JSONText         `json:"body"`
	Words       int              `json:"words"`
	GoDeeper    []JSONLink       `json:"go_deeper"`
	Corrections []JSONCorrection `json:"corrections"`
	Params      map[string]any   `json:"params,omitempty"`
}

// JSONTerm is a topic or an author.
type JSONTerm struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
	URL  string `json:"url"`
}

// JSONPhoto is a brief's photo; width and height are in pixels when known.
type JSONPhoto struct {
	URL     string `json:"url"`
	Alt     string `json:"alt"`
	Credit  string `json:"credit"`
	Caption string `json:"caption,omitempty"`
	Type    string `json:"type,omitempty"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
}

// JSONText is HTML with its plain text.
type JSONText struct {
	HTML string `json:"html"`
	Text string `json:"text"`
}

// JSONSection is one labelled section.
type JSONSection struct {
	Name  string `json:"name"`  // as configured: "Why this matters"
	ID    string `json:"id"`    // the anchor on the brief's page
	Label string `json:"label"` // as written: "Why it matters"
	HTML  string `json:"html"`  // label included
	Text  string `json:"text"`  // label left out
	URL   string `json:"url"`   // the section on the brief's page
}

// JSONLink is a "Go deeper" link; URL is empty for a brief not published.
type JSONLink struct {
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
	Brief bool   `json:"brief"` // it leads to another brief
}

// JSONCorrection is a dated correction.
type JSONCorrection struct {
	Date string `json:"date"`
	Text string `json:"text"`
}

// planBriefJSON plans the JSON of every brief.
func (f *Family) Plan(p *plan.Plan) {
	s, head := p.Site, plan.NewKey(p.Global).Str("brief json").Sum()
	for _, b := range s.Briefs {
		p.Add(b.Path+site.JSONFile, func(w *bytes.Buffer) error { return f.write(w, p.Site, p.Brief(b)) }, func() uint64 {
			return plan.NewKey(head).Num(p.BriefKey(b)).Photo(f.images, p.Brief(b)).Sum()
		}, b)
	}
}

// writeBriefJSON writes the JSON document of brief b to w.
func (f *Family) write(w *bytes.Buffer, s *site.Site, b *site.Brief) error {
	loc := s.Config.Location()
	stamp := func(t time.Time) string { return t.In(loc).Format(time.RFC3339) }
	pageURL := s.AbsURL(b.Path)
	doc := BriefJSON{
		Version:     1,
		ID:          s.EntryID(b),
		Slug:        b.Slug,
		URL:         pageURL,
		JSONURL:     s.AbsURL(b.Path + site.JSONFile),
		Title:       b.Title,
		Summary:     b.Summary,
		Date:        stamp(b.Date),
		Draft:       b.Draft,
		Scheduled:   b.Future,
		Language:    s.Config.Language,
		Authors:     make([]JSONTerm, 0, len(b.Authors)),
		Topics:      make([]JSONTerm, 0, len(b.Topics)),
		Lede:        JSONText{HTML: b.Body.Lede, Text: b.Body.LedeText},
		Sections:    make([]JSONSection, 0, len(b.Body.Sections)),
		Body:        JSONText{HTML: b.Body.HTML, Text: b.Body.Text},
		Words:       b.Body.Words,
		GoDeeper:    make([]JSONLink, 0, len(b.GoDeeper)),
		Corrections: make([]JSONCorrection, 0, len(b.Corrections)),
	}
	if !b.Updated.IsZero() {
		doc.Updated = stamp(b.Updated)
	}
	for _, a := range b.Authors {
		doc.Authors = append(doc.Authors, JSONTerm{Name: a.Name, Slug: a.Slug, URL: s.AbsURL(a.Path)})
	}
	for _, t := range b.Topics {
		doc.Topics = append(doc.Topics, JSONTerm{Name: t.Name, Slug: t.Slug, URL: s.AbsURL(t.Path)})
	}
	if ph := b.Photo; ph != nil {
		img := f.images.Image(ph.URL, ph.Alt)
		doc.Photo = &JSONPhoto{URL: img.URL, Alt: ph.Alt, Credit: ph.Credit, Caption: ph.Caption,
			Type: img.Type, Width: img.Width, Height: img.Height}
	}
	for _, sec := range b.Body.Sections {
		doc.Sections = append(doc.Sections, JSONSection{Name: sec.Name, ID: sec.ID, Label: sec.Label,
			HTML: sec.HTML, Text: sec.Text, URL: pageURL + "#" + sec.ID})
	}
	for _, l := range b.GoDeeper {
		link := JSONLink{Title: l.Title, Brief: l.Internal}
		if l.URL != "" {
			link.URL = s.AbsURL(l.URL)
		}
		doc.GoDeeper = append(doc.GoDeeper, link)
	}
	for _, c := range b.Corrections {
		doc.Corrections = append(doc.Corrections, JSONCorrection{Date: stamp(c.Date), Text: c.Text})
	}
	if len(b.Params) > 0 {
		doc.Params, _ = jsonSafe(b.Params).(map[string]any)
	}
	// Compact: indenting would take encoding/json a second pass over every
	// byte, which costs it several times the encoding. <, > and & are
	// escaped, so the JSON is safe inside a script element too.
	if err := json.NewEncoder(w).Encode(&doc); err != nil {
		return fmt.Errorf("%s: %w", b.Source.Path, err)
	}
	return nil
}

// jsonSafe returns front matter params as JSON can hold them: TOML's inf
// and nan become null, and YAML maps with keys that are not strings get
// string keys.
func jsonSafe(v any) any {
	switch v := v.(type) {
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return nil
		}
		return v
	case float32:
		return jsonSafe(float64(v))
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = jsonSafe(e)
		}
		return m
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[fmt.Sprint(k)] = jsonSafe(e)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, e := range v {
			s[i] = jsonSafe(e)
		}
		return s
	case []map[string]any:
		s := make([]any, len(v))
		for i, e := range v {
			s[i] = jsonSafe(e)
		}
		return s
	}
	return v
}

// Family plans the JSON of every brief.
type Family struct{ images *images.Set }

// New returns the brief JSON family of a site whose photos are in imgs.
func New(imgs *images.Set) *Family { return &Family{images: imgs} }
