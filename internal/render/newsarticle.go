package render

import (
	"encoding/json"
	"html/template"
	"strings"
	"time"
)

// newsArticleDoc is the schema.org NewsArticle of a brief page, the JSON-LD
// search engines read. Its fields are in the order of their keys' names,
// the order the page has always written them in. WorkStatus is
// "Retracted" for a retracted brief.
type newsArticleDoc struct {
	Context          string       `json:"@context"`
	Type             string       `json:"@type"`
	ArticleSection   string       `json:"articleSection,omitempty"` // the first topic
	Author           []schemaUnit `json:"author,omitempty"`
	Correction       []string     `json:"correction,omitempty"`
	WorkStatus       string       `json:"creativeWorkStatus,omitempty"`
	DateModified     string       `json:"dateModified"`
	DatePublished    string       `json:"datePublished"`
	Description      string       `json:"description"`
	Headline         string       `json:"headline"`
	Image            any          `json:"image,omitempty"` // a *schemaImage, or the []*schemaImage of a processed photo's crops
	InLanguage       string       `json:"inLanguage"`
	Keywords         string       `json:"keywords,omitempty"` // the topics
	MainEntityOfPage string       `json:"mainEntityOfPage"`
	Publisher        schemaUnit   `json:"publisher"`
	URL              string       `json:"url"`
	WordCount        int          `json:"wordCount"`
}

// schemaUnit is a schema.org Person or Organization.
type schemaUnit struct {
	Type string      `json:"@type"`
	Logo *schemaLogo `json:"logo,omitempty"` // an Organization's
	Name string      `json:"name"`
	URL  string      `json:"url"`
}

// schemaImage is a schema.org ImageObject: a brief's photo.
type schemaImage struct {
	Type        string `json:"@type"`
	Caption     string `json:"caption,omitempty"`
	CreditText  string `json:"creditText"`
	Description string `json:"description"` // the photo's alt text
	URL         string `json:"url"`
	Width       int    `json:"width,omitempty"`
	Height      int    `json:"height,omitempty"`
}

// newsArticle is the template function that writes the NewsArticle of a
// brief page into its <script type="application/ld+json">. encoding/json
// escapes <, > and & in strings, so no text of a brief can close the
// script element or open a comment in it.
func newsArticle(p *Page) (template.JS, error) {
	data, err := json.Marshal(newNewsArticle(p))
	return template.JS(data), err
}

// newNewsArticle returns the NewsArticle of a brief page.
func newNewsArticle(p *Page) *newsArticleDoc {
	b, s := p.Brief, p.Site
	loc := s.Config.Location()
	doc := &newsArticleDoc{
		Context:          "https://schema.org",
		Type:             "NewsArticle",
		DateModified:     b.LastModified().In(loc).Format(time.RFC3339),
		DatePublished:    b.Date.In(loc).Format(time.RFC3339),
		Description:      b.Summary,
		Headline:         b.Title,
		InLanguage:       s.Config.Language,
		MainEntityOfPage: s.AbsURL(b.Path),
		Publisher:        schemaUnit{Type: "Organization", Logo: logo(s), Name: s.Config.Title, URL: s.BaseURL},
		URL:              s.AbsURL(b.Path),
		WordCount:        b.Body.Words,
	}
	if len(b.Topics) > 0 {
		names := make([]string, len(b.Topics))
		for i, t := range b.Topics {
			names[i] = t.Name
		}
		doc.ArticleSection = names[0]
		doc.Keywords = strings.Join(names, ", ")
	}
	for _, a := range b.Authors {
		doc.Author = append(doc.Author, schemaUnit{Type: "Person", Name: a.Name, URL: s.AbsURL(a.Path)})
	}
	for _, c := range b.Corrections {
		doc.Correction = append(doc.Correction, c.Date.In(loc).Format("2006-01-02")+": "+c.Text)
	}
	if r := b.Retracted; r != nil {
		doc.WorkStatus = "Retracted"
		doc.Description = "Retracted: " + r.Reason
		doc.DateModified = r.Date.In(loc).Format(time.RFC3339)
		doc.WordCount = 0
	}
	if ph := b.Photo; ph != nil {
		doc.Image = &schemaImage{Type: "ImageObject", Caption: ph.Caption, CreditText: ph.Credit,
			Description: ph.Alt, URL: s.AbsURL(ph.URL)}
	}
	return doc
}
