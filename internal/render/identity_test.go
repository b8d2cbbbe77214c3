package render_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"slices"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/site"
)

// The logo of [publishing] is the Organization's on the home page and the
// publisher's of every NewsArticle; og:locale is the site's language as
// Open Graph writes it.
func TestSiteIdentity(t *testing.T) {
	tests := []struct {
		logo, language      string
		wantLogo, wantLocal string
	}{
		{"images/logo.png", "en-US", "https://example.org/news/images/logo.png", "en_US"},
		{"/logo.png", "pt-BR", "https://example.org/news/logo.png", "pt_BR"},
		{"https://cdn.example/logo.png", "fr", "https://cdn.example/logo.png", "fr_FR"}, // the likely territory
		{"", "de-CH", "", "de_CH"},
	}
	for _, tt := range tests {
		t.Run(tt.logo, func(t *testing.T) {
			cfg := testConfig(t)
			cfg.Publishing.Logo, cfg.Language = tt.logo, tt.language
			files := renderAll(t, newRenderer(t, cfg, nil), newSite(t, cfg, briefs, site.Options{}))

			home := parseHTML(t, "index.html", files["index.html"])
			if got, _ := meta(home, "property", "og:locale"); got != tt.wantLocal {
				t.Errorf("og:locale = %q, want %q", got, tt.wantLocal)
			}
			var identity struct {
				Graph []struct {
					Type string `json:"@type"`
					Logo *struct {
						URL string `json:"url"`
					} `json:"logo"`
					InLanguage string `json:"inLanguage"`
				} `json:"@graph"`
			}
			scripts := all(home, and(tag(atom.Script), hasAttr("type", "application/ld+json")))
			if len(scripts) != 1 {
				t.Fatalf("home page: %d JSON-LD scripts, want 1", len(scripts))
			}
			if err := json.Unmarshal([]byte(scripts[0].FirstChild.Data), &identity); err != nil || len(identity.Graph) != 2 {
				t.Fatalf("home page JSON-LD: %v, %d nodes", err, len(identity.Graph))
			}
			org, web := identity.Graph[0], identity.Graph[1]
			if org.Type != "Organization" || web.Type != "WebSite" || web.InLanguage != tt.language {
				t.Errorf("home page: %s and %s in %q", org.Type, web.Type, web.InLanguage)
			}
			if got := logoURL(org.Logo); got != tt.wantLogo {
				t.Errorf("Organization logo = %q, want %q", got, tt.wantLogo)
			}

			// Only the first page of the home page has them.
			if p2, ok := files["page/2/index.html"]; !ok {
				t.Errorf("no page 2 of the home page")
			} else if n := len(jsonLDBlocks(p2)); n != 0 {
				t.Errorf("page 2 of the home page has %d JSON-LD blocks, want none", n)
			}

			brief := parseHTML(t, "brief", files["briefs/minister-declines/index.html"])
			var article struct {
				Publisher struct {
					Logo *struct {
						URL string `json:"url"`
					} `json:"logo"`
				} `json:"publisher"`
			}
			ld := all(brief, and(tag(atom.Script), hasAttr("type", "application/ld+json")))
			if err := json.Unmarshal([]byte(ld[0].FirstChild.Data), &article); err != nil {
				t.Fatal(err)
			}
			if got := logoURL(article.Publisher.Logo); got != tt.wantLogo {
				t.Errorf("NewsArticle publisher logo = %q, want %q", got, tt.wantLogo)
			}
		})
	}
}

func logoURL(logo *struct {
	URL string `json:"url"`
}) string {
	if logo == nil {
		return ""
	}
	return logo.URL
}

// With [[topics]] and [[authors]], a topic shows its display name
// wherever it is shown, its page its description, and an author's page
// their photo, role, bio and links, with a ProfilePage.
func TestRegistries(t *testing.T) {
	cfg := testConfig(t)
	cfg.Topics = []config.Topic{{ID: "cabinet", Name: "The Cabinet Room", Description: "Ministers & their portfolios."}}
	cfg.Authors = []config.Author{{Name: "Dana Whitfield", Role: "Correspondent", Bio: "Dana covers <the> cabinet.",
		Photo: "people/dana.jpg", Email: "dana@example.org", Links: []string{"https://social.example/@dana"}}}
	files := renderAll(t, newRenderer(t, cfg, nil), newSite(t, cfg, briefs, site.Options{}))

	topic := parseHTML(t, "topic", files["topics/cabinet/index.html"])
	brief := parseHTML(t, "brief", files["briefs/minister-recusal/index.html"])
	var article struct {
		ArticleSection string `json:"articleSection"`
	}
	ld := all(brief, and(tag(atom.Script), hasAttr("type", "application/ld+json")))
	if err := json.Unmarshal([]byte(ld[0].FirstChild.Data), &article); err != nil {
		t.Fatal(err)
	}
	ogTitle, _ := meta(topic, "property", "og:title")
	desc, _ := meta(topic, "name", "description")
	var rss struct {
		Title string `xml:"channel>title"`
	}
	if err := xml.Unmarshal(files["topics/cabinet/feed.xml"], &rss); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ where, got, want string }{
		{"topic page h1", text(all(topic, hasAttr("class", "term-name"))[0]), "The Cabinet Room"},
		{"topic og:title", ogTitle, "Topic: The Cabinet Room"},
		{"topic description", desc, "Ministers & their portfolios."},
		{"topic page text", text(all(topic, hasAttr("class", "term-description"))[0]), "Ministers & their portfolios."},
		{"topic feed title", rss.Title, "The Test Brief: The Cabinet Room"},
		{"NewsArticle articleSection", article.ArticleSection, "The Cabinet Room"},
		{"brief topic link", text(all(brief, hasAttr("href", "/news/topics/cabinet/"))[0]), "The Cabinet Room"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.where, c.got, c.want)
		}
	}

	author := parseHTML(t, "author", files["authors/dana-whitfield/index.html"])
	img := all(author, hasAttr("class", "author-photo"))
	if len(img) != 1 {
		t.Fatalf("%d author photos", len(img))
	}
	if src, _ := attr(img[0], "src"); src != "/news/people/dana.jpg" {
		t.Errorf("author photo src = %q", src)
	}
	for class, want := range map[string]string{"author-role": "Correspondent", "author-bio": "Dana covers <the> cabinet."} {
		if got := all(author, hasAttr("class", class)); len(got) != 1 || text(got[0]) != want {
			t.Errorf("%s: want %q", class, want)
		}
	}
	var links []string
	for _, a := range all(author, and(tag(atom.A), func(n *html.Node) bool {
		return n.Parent != nil && n.Parent.Parent != nil && hasAttr("class", "author-links")(n.Parent.Parent)
	})) {
		h, _ := attr(a, "href")
		links = append(links, h)
	}
	if want := []string{"mailto:dana@example.org", "https://social.example/@dana"}; !slices.Equal(links, want) {
		t.Errorf("author links %q, want %q", links, want)
	}
	var profile struct {
		Type       string `json:"@type"`
		MainEntity struct {
			Type                                      string `json:"@type"`
			Name, Description, Image, JobTitle, Email string
			SameAs                                    []string
		} `json:"mainEntity"`
	}
	blocks := jsonLDBlocks(files["authors/dana-whitfield/index.html"])
	if len(blocks) != 1 {
		t.Fatalf("author page: %d JSON-LD blocks", len(blocks))
	}
	if err := json.Unmarshal(blocks[0], &profile); err != nil {
		t.Fatal(err)
	}
	p := profile.MainEntity
	if profile.Type != "ProfilePage" || p.Type != "Person" || p.Name != "Dana Whitfield" || p.Description != "Dana covers <the> cabinet." ||
		p.Image != "https://example.org/news/people/dana.jpg" || p.JobTitle != "Correspondent" || p.Email != "dana@example.org" ||
		!slices.Equal(p.SameAs, []string{"https://social.example/@dana"}) {
		t.Errorf("ProfilePage = %+v", profile)
	}
	// An author not in the registry has a ProfilePage of their name.
	if blocks := jsonLDBlocks(files["authors/marisol-okafor/index.html"]); len(blocks) != 1 || !bytes.Contains(blocks[0], []byte(`"name":"Marisol Okafor"`)) {
		t.Errorf("author page without registry entry: JSON-LD %q", blocks)
	}
}
