package config

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/briefs-dev/briefs/internal/slug"
)

// Author is an entry of [[authors]]: a person who writes briefs, as their
// author page shows them.
type Author struct {
	Name  string   `toml:"name"`  // as briefs write it in authors
	Role  string   `toml:"role"`  // "Political correspondent"
	Bio   string   `toml:"bio"`   // a few sentences, plain text
	Photo string   `toml:"photo"` // a path of the site or an absolute URL
	Email string   `toml:"email"`
	Links []string `toml:"links"` // their pages elsewhere (schema.org sameAs)
}

// Slug is the author's slug, which briefs' author names match.
func (a Author) Slug() string { return slug.Make(a.Name) }

// Topic is an entry of [[topics]]: a topic under its display name.
type Topic struct {
	ID          string `toml:"id"`   // as briefs write it in topics: "white-house"
	Name        string `toml:"name"` // as pages show it: "White House"
	Description string `toml:"description"`
}

// AuthorBySlug returns the [[authors]] entry of an author slug, or nil.
func (c *Config) AuthorBySlug(s string) *Author {
	for i := range c.Authors {
		if c.Authors[i].Slug() == s {
			return &c.Authors[i]
		}
	}
	return nil
}

// TopicBySlug returns the [[topics]] entry of a topic slug, or nil.
func (c *Config) TopicBySlug(s string) *Topic {
	for i := range c.Topics {
		if c.Topics[i].ID == s {
			return &c.Topics[i]
		}
	}
	return nil
}

// registryProblems checks [[authors]] and [[topics]]. The key of each
// problem names the entry by its number, as "authors.2.photo".
func (c *Config) registryProblems() []problem {
	var ps []problem
	add := func(table string, i int, key, format string, args ...any) {
		ps = append(ps, problem{table + "." + strconv.Itoa(i) + "." + key, fmt.Sprintf(format, args...)})
	}
	seen := map[string]int{}
	for i, a := range c.Authors {
		switch {
		case a.Slug() == "":
			add("authors", i, "name", "an author needs a name with letters or digits")
		case seen[a.Slug()] > 0:
			add("authors", i, "name", "%q is the author of entry %d again", a.Name, seen[a.Slug()])
		default:
			seen[a.Slug()] = i + 1
		}
		if msg := imageRefProblem(a.Photo); msg != "" {
			add("authors", i, "photo", "%s", msg)
		}
		if a.Email != "" {
			if addr, err := mail.ParseAddress(a.Email); err != nil || addr.Address != a.Email {
				add("authors", i, "email", "%q is not an email address", a.Email)
			}
		}
		for _, l := range a.Links {
			if u, err := url.Parse(l); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				add("authors", i, "links", "%q is not an absolute http or https URL", l)
			}
		}
	}
	clear(seen)
	for i, t := range c.Topics {
		switch {
		case !slug.Valid(t.ID):
			add("topics", i, "id", "%q is not a topic slug: lower-case letters, digits and hyphens, as %q", t.ID, slug.Make(t.ID))
		case seen[t.ID] > 0:
			add("topics", i, "id", "%q is the topic of entry %d again", t.ID, seen[t.ID])
		default:
			seen[t.ID] = i + 1
		}
		if strings.TrimSpace(t.Name) == "" {
			add("topics", i, "name", "topic %q needs a name", t.ID)
		}
	}
	return ps
}

// imageRefProblem returns what is wrong with img as an image of the site,
// a path of the site or an absolute http(s) URL, or "".
func imageRefProblem(img string) string {
	if img == "" {
		return ""
	}
	u, err := url.Parse(img)
	switch {
	case err != nil:
		return fmt.Sprintf("%q is not a URL: %v", img, err)
	case u.Scheme != "" || u.Host != "":
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Sprintf("%q is neither an absolute http or https URL nor a path of the site", img)
		}
	case u.RawQuery != "" || u.Fragment != "" || slices.Contains(strings.Split(u.Path, "/"), ".."):
		return fmt.Sprintf("%q must be a plain path of the site, without .., query or fragment", img)
	}
	return ""
}
