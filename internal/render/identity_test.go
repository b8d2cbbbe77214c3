package render_test

import (
	"encoding/json"
	"testing"

	"golang.org/x/net/html/atom"

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
		{"https://cdn.example/logo.png", "fr", "https://cdn.example/logo.png", "fr"},
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
