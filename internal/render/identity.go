package render

import (
	"encoding/json"
	"html/template"

	"github.com/briefs-dev/briefs/internal/i18n"
	"github.com/briefs-dev/briefs/internal/site"
)

// The JSON-LD of the site's identity, which search engines read: the
// Organization that publishes it and the WebSite on the home page, and the
// BreadcrumbList of each brief. Like the NewsArticle, each is a struct
// encoded by encoding/json, whose fields are in the order of their keys.

// schemaLogo is a schema.org ImageObject of the publication's logo.
type schemaLogo struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

// organizationDoc is the schema.org Organization that publishes the site.
type organizationDoc struct {
	Type        string      `json:"@type"`
	ID          string      `json:"@id"`
	Description string      `json:"description,omitempty"`
	Logo        *schemaLogo `json:"logo,omitempty"`
	Name        string      `json:"name"`
	URL         string      `json:"url"`
}

// webSiteDoc is the schema.org WebSite, published by the Organization.
type webSiteDoc struct {
	Type        string   `json:"@type"`
	ID          string   `json:"@id"`
	Description string   `json:"description,omitempty"`
	InLanguage  string   `json:"inLanguage"`
	Name        string   `json:"name"`
	Publisher   schemaID `json:"publisher"`
	URL         string   `json:"url"`
}

// schemaID refers to a node of the same page's graph by its @id.
type schemaID struct {
	ID string `json:"@id"`
}

// identityDoc is the home page's graph of the Organization and WebSite.
type identityDoc struct {
	Context string `json:"@context"`
	Graph   []any  `json:"@graph"`
}

// breadcrumbListDoc is the schema.org BreadcrumbList of a brief page: the
// home page, the brief's first topic, the brief.
type breadcrumbListDoc struct {
	Context         string        `json:"@context"`
	Type            string        `json:"@type"`
	ItemListElement []listItemDoc `json:"itemListElement"`
}

// listItemDoc is one step of a BreadcrumbList.
type listItemDoc struct {
	Type     string `json:"@type"`
	Item     string `json:"item"`
	Name     string `json:"name"`
	Position int    `json:"position"`
}

// organizationID and webSiteID are the @id of the site's Organization
// and WebSite: fragments of the home page's URL.
func organizationID(s *site.Site) string { return s.BaseURL + "#organization" }
func webSiteID(s *site.Site) string      { return s.BaseURL + "#website" }

// logo returns the site's logo, or nil when it has none.
func logo(s *site.Site) *schemaLogo {
	if l := s.Config.Publishing.Logo; l != "" {
		return &schemaLogo{Type: "ImageObject", URL: s.AbsURL(l)}
	}
	return nil
}

// siteJSONLD is the template function that writes the home page's
// Organization and WebSite into its <script type="application/ld+json">.
func siteJSONLD(p *Page) (template.JS, error) {
	s := p.Site
	c := s.Config
	doc := identityDoc{Context: "https://schema.org", Graph: []any{
		organizationDoc{Type: "Organization", ID: organizationID(s), Logo: logo(s), Name: c.Title, URL: s.BaseURL},
		webSiteDoc{Type: "WebSite", ID: webSiteID(s), Description: c.Description, InLanguage: c.Language,
			Name: c.Title, Publisher: schemaID{organizationID(s)}, URL: s.BaseURL},
	}}
	data, err := json.Marshal(doc)
	return template.JS(data), err
}

// breadcrumbs is the template function that writes a brief page's
// BreadcrumbList into its <script type="application/ld+json">.
func breadcrumbs(p *Page) (template.JS, error) {
	s, b := p.Site, p.Brief
	doc := breadcrumbListDoc{Context: "https://schema.org", Type: "BreadcrumbList"}
	add := func(name, path string) {
		doc.ItemListElement = append(doc.ItemListElement, listItemDoc{Type: "ListItem",
			Item: s.AbsURL(path), Name: name, Position: len(doc.ItemListElement) + 1})
	}
	add(s.Config.Title, "")
	if len(b.Topics) > 0 {
		add(b.Topics[0].Name, b.Topics[0].Path)
	}
	add(b.Title, b.Path)
	data, err := json.Marshal(doc)
	return template.JS(data), err
}

// ogLocale is the template function that gives the site's language as
// Open Graph writes a locale: "en_US" for "en-US", "es_ES" for "es".
func ogLocale(language string) string { return i18n.OGLocale(language) }

// profilePageDoc is the schema.org ProfilePage of an author's page, whose
// main entity is the author.
type profilePageDoc struct {
	Context    string    `json:"@context"`
	Type       string    `json:"@type"`
	MainEntity personDoc `json:"mainEntity"`
	URL        string    `json:"url"`
}

// personDoc is a schema.org Person: an author, with what [[authors]] says
// of them.
type personDoc struct {
	Type        string   `json:"@type"`
	Description string   `json:"description,omitempty"` // the bio
	Email       string   `json:"email,omitempty"`
	Image       string   `json:"image,omitempty"`
	JobTitle    string   `json:"jobTitle,omitempty"`
	Name        string   `json:"name"`
	SameAs      []string `json:"sameAs,omitempty"`
	URL         string   `json:"url"`
}

// profilePage is the template function that writes an author page's
// ProfilePage into its <script type="application/ld+json">.
func profilePage(p *Page) (template.JS, error) {
	s, t := p.Site, p.Term
	person := personDoc{Type: "Person", Name: t.Name, URL: s.AbsURL(t.Path)}
	if a := t.Author; a != nil {
		person.Description, person.Email, person.JobTitle, person.SameAs = a.Bio, a.Email, a.Role, a.Links
		if a.Photo != "" {
			person.Image = s.AbsURL(a.Photo)
		}
	}
	data, err := json.Marshal(profilePageDoc{Context: "https://schema.org", Type: "ProfilePage",
		MainEntity: person, URL: s.AbsURL(t.Path)})
	return template.JS(data), err
}

// termDescription is what a topic's or author's page says of it in its
// description: the registry's description or bio, or "".
func termDescription(t *site.TermLink) string {
	switch {
	case t.Topic != nil:
		return t.Topic.Description
	case t.Author != nil:
		return t.Author.Bio
	}
	return ""
}
