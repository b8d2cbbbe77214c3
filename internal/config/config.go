// Package config reads a site's config.toml into a typed, validated Config.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // a site's timezone must resolve on hosts without zoneinfo
	"unicode"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/slug"
	"github.com/briefs-dev/briefs/internal/tomlpos"
)

// FileName is the name of the configuration file at the root of a site.
const FileName = "config.toml"

// Config is a site's configuration.
type Config struct {
	Title       string     `toml:"title"`
	Description string     `toml:"description"`
	BaseURL     string     `toml:"base_url"` // absolute, with a trailing slash; may have a sub-path
	Language    string     `toml:"language"` // BCP 47 tag, e.g. "en-US"
	Timezone    string     `toml:"timezone"` // IANA name; dates are shown in it
	Theme       string     `toml:"theme"`    // folder under themes/; "default" falls back to the embedded theme
	Paginate    int        `toml:"paginate"` // briefs per list page
	Sections    []Section  `toml:"sections"` // recognised sections, in no particular order
	Build       Build      `toml:"build"`
	Content     Content    `toml:"content"`
	Markdown    Markdown   `toml:"markdown"`
	Server      Server     `toml:"server"`
	Publishing  Publishing `toml:"publishing"`
	Check       Check      `toml:"check"`
	Outputs     Outputs    `toml:"outputs"`
	Hosting     Hosting    `toml:"hosting"`
	Retired     []Retired  `toml:"retired"`
	Images      Images     `toml:"images"`
	Deploy      []Deploy   `toml:"deploy"` // where briefs deploy publishes
	// Authors and Topics are the site's registries: who writes, and the
	// display names of topics. Briefs name them in authors and topics.
	Authors []Author `toml:"authors"`
	Topics  []Topic  `toml:"topics"`
	// Languages are the languages the site publishes in besides its own
	// (languages.go); OwnLanguageName names its own in the switcher.
	Languages       []Language `toml:"languages"`
	OwnLanguageName string     `toml:"language_name"`
	// Params holds site-specific values for templates.
	Params map[string]any `toml:"params"`

	location *time.Location
	file     string // the file Load read, for KeyPos
	src      []byte // its text
}

// Section is a labelled part of a brief, such as "Why this matters".
type Section struct {
	Name     string   `toml:"name"`     // the label as shown
	Aliases  []string `toml:"aliases"`  // other labels that mean the same section
	Required bool     `toml:"required"` // every brief must have it (checked by briefs check)
}

// ID is the section's anchor: its name as a slug.
func (s Section) ID() string { return slug.Make(s.Name) }

// Build holds build defaults; command-line flags override them.
type Build struct {
	Drafts      bool   `toml:"drafts"`      // include briefs with draft = true
	Future      bool   `toml:"future"`      // include briefs dated after the build time
	Destination string `toml:"destination"` // output folder, relative to the site
	// Sync writes the output to the disk before the build ends (as
	// --sync does), so that it survives a power loss; slower.
	Sync bool `toml:"sync"`
}

// Content holds the limits on what one brief may be. A brief beyond them
// is refused with an error naming it, so that one runaway file (a pasted
// binary, a generated dump) cannot stall a build or the preview.
type Content struct {
	// MaxBriefBytes is the largest brief file accepted, front matter
	// included. Default 1 MB.
	MaxBriefBytes int `toml:"max_brief_bytes"`
	// MaxFrontMatterBytes is the largest front matter accepted. Default
	// 64 KB.
	MaxFrontMatterBytes int `toml:"max_front_matter_bytes"`
}

// The default limits of Content, and the bounds a site may set them to.
const (
	DefaultMaxBriefBytes       = 1 << 20
	DefaultMaxFrontMatterBytes = 64 << 10
	minLimitBytes              = 1 << 10
	maxLimitBytes              = 256 << 20
)

// Markdown holds Markdown settings.
type Markdown struct {
	// Unsafe lets raw HTML in briefs through to the output. Off by default:
	// briefs come from many hands.
	Unsafe bool `toml:"unsafe"`
	// PlainLabels lets a paragraph open a section with a section's name
	// and a colon without bold ("Why this matters: ..."), as text pasted
	// from mail or a wire story arrives. On by default.
	PlainLabels bool `toml:"plain_labels"`
}

// Server holds the preview server's defaults.
type Server struct {
	Host string `toml:"host"`
	Port int    `toml:"port"`
}

// Publishing holds settings of the outputs for other systems: the Google
// News sitemap and the Open Graph image of pages without a photo.
type Publishing struct {
	// NewsName is the publication's name in the Google News sitemap, as
	// Google News knows it; empty means the site's title.
	NewsName string `toml:"news_name"`
	// DefaultImage is the image shared for pages without a photo: a site
	// path of a file in static/ ("images/share.png") or an absolute http(s)
	// URL. Empty means none.
	DefaultImage string `toml:"default_image"`
	// DefaultImageAlt describes DefaultImage; empty means the site's title.
	DefaultImageAlt string `toml:"default_image_alt"`
	// Logo is the publication's logo in its Organization and NewsArticle
	// metadata, a path or URL as DefaultImage. Google asks for a square
	// image of at least 112 pixels. Empty means none.
	Logo string `toml:"logo"`
}

// Outputs switches families of output files off; every family is on by
// default. A newsroom that sends no newsletter need not build editions.
type Outputs struct {
	// Disable names the families the site does not publish, from
	// OutputFamilies.
	Disable []string `toml:"disable"`
	// FullTextMaxWords is the longest body, in words, that feeds and
	// editions carry in full; a longer brief is there as its summary and a
	// link, so that one huge brief is not repeated in every feed.
	FullTextMaxWords int `toml:"full_text_max_words"`
}

// DefaultFullTextMaxWords is the default of [outputs] full_text_max_words:
// some fifty times the body a brief is meant to have.
const DefaultFullTextMaxWords = 15000

// OutputFamilies are the families of output files a site may switch off:
// the newsletter editions, each brief's JSON, the search index and page,
// the Atom and JSON feeds, and the Google News sitemap.
var OutputFamilies = []string{"editions", "brief-json", "search", "atom", "json-feed", "news-sitemap"}

// Enabled reports whether the output family is on.
func (o Outputs) Enabled(family string) bool { return !slices.Contains(o.Disable, family) }

// Check holds the settings of briefs check. Which sections are required
// is set on each section.
type Check struct {
	BodyWords          int `toml:"body_words"`          // words in a brief's body
	LedeWords          int `toml:"lede_words"`          // words in its lede
	ParagraphSentences int `toml:"paragraph_sentences"` // sentences in one paragraph
	// ScheduleDays is how far ahead a brief that is not a draft may be
	// dated: a site that leaves future briefs out of its build publishes
	// them on their date, but a date further ahead is more likely a typo.
	ScheduleDays int `toml:"schedule_days"`
	// Topics and Authors declare the site's topics and authors; when set,
	// briefs may use no others. Entries match by slug, as the site files
	// briefs ("White House" = "white-house").
	Topics  []string `toml:"topics"`
	Authors []string `toml:"authors"`
	// RequireAuthors refuses to publish a brief that names no author (the
	// rule "author"); true unless config.toml turns it off.
	RequireAuthors bool `toml:"require_authors"`
	// Rules sets a rule's severity by its id: "error", "warning" or "off".
	Rules map[string]string `toml:"rules"`

	rulePos map[string]diag.Pos
}

// Severities are the values a rule may be set to under [check.rules].
var Severities = []string{"error", "warning", "off"}

// RulePos returns where config.toml sets rule id under [check.rules], or a
// position naming only the file.
func (c *Check) RulePos(id string) diag.Pos {
	if p, ok := c.rulePos[id]; ok {
		return p
	}
	return diag.Pos{File: FileName}
}

// DefaultSections are the sections a site knows when its config lists none.
var defaultSections = []Section{
	{Name: "Why this matters", Required: true},
	{Name: "Behind-the-scenes"},
	{Name: "Some added nuance"},
	{Name: "The big picture"},
	{Name: "Between the lines"},
	{Name: "What's next"},
	{Name: "Go deeper"},
	{Name: "By the numbers"},
	{Name: "What they're saying"},
	{Name: "Yes, but"},
	{Name: "Zoom in"},
	{Name: "Zoom out"},
	{Name: "Flashback"},
	{Name: "The bottom line"},
}

// Default returns the configuration of a site without config.toml.
func Default() Config {
	c := Config{
		Title:    "Briefs",
		BaseURL:  "http://localhost:1313/",
		Language: "en-US",
		Timezone: "UTC",
		Theme:    "default",
		Paginate: 10,
		Sections: append([]Section(nil), defaultSections...),
		Build:    Build{Destination: "public"},
		Markdown: Markdown{PlainLabels: true},
		Content:  Content{MaxBriefBytes: DefaultMaxBriefBytes, MaxFrontMatterBytes: DefaultMaxFrontMatterBytes},
		Server:   Server{Host: "127.0.0.1", Port: 1313},
		Check:    Check{BodyWords: 300, LedeWords: 60, ParagraphSentences: 3, ScheduleDays: 90, RequireAuthors: true},
		Images:   defaultImages(),
		Outputs:  Outputs{FullTextMaxWords: DefaultFullTextMaxWords},
		location: time.UTC,
	}
	return c
}

// Load reads name from fsys over the defaults and validates the result. A
// missing file gives the defaults. Every problem is reported, each with its
// position, as a diag.List.
func Load(fsys fs.FS, name string) (Config, error) {
	c := Default()
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return c, c.Validate()
	}
	if err != nil {
		return c, err
	}
	if len(data) > maxFileBytes {
		return c, diag.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "%d bytes, more than the limit of %d for a site's configuration", len(data), maxFileBytes)
	}
	if offset, ok := tomlpos.Depth(data, maxDepth); !ok {
		line, col := diag.LineCol(data, offset)
		return c, diag.Errorf(diag.Pos{File: name, Line: line, Col: col}, "keys and tables nest more than %d levels deep here: flatten them", maxDepth)
	}
	c.Sections = nil // a config that lists sections replaces the defaults
	c.file, c.src = name, data
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&c)
	if err != nil {
		return c, tomlpos.ErrorIn(name, data, err)
	}
	var errs diag.List
	params := func(key []string) bool { return key[0] == "params" } // free-form
	for i, key := range tomlpos.Unknown(md, params) {
		line, col := tomlpos.FindKey(data, key) // a scan of the file: cut a flood short
		if i == maxUnknownKeys {
			errs.Addf(diag.Pos{File: name, Line: line, Col: col}, "and more unknown keys from here on")
			break
		}
		errs.Addf(diag.Pos{File: name, Line: line, Col: col}, "unknown key %q", key.String())
	}
	if !md.IsDefined("sections") {
		c.Sections = append([]Section(nil), defaultSections...)
	}
	for id := range c.Check.Rules {
		line, col := tomlpos.FindKey(data, toml.Key{"check", "rules", id})
		if c.Check.rulePos == nil {
			c.Check.rulePos = map[string]diag.Pos{}
		}
		c.Check.rulePos[id] = diag.Pos{File: name, Line: line, Col: col}
	}
	for _, p := range c.problems() {
		line, col := p.find(data)
		errs.Addf(diag.Pos{File: name, Line: line, Col: col}, "%s: %s", p.label(), p.msg)
	}
	if len(errs) == 0 {
		c.location, _ = time.LoadLocation(c.Timezone)
	}
	return c, errs.Err()
}

// KeyPos returns where the file Load read sets key, such as ("markdown",
// "unsafe"); a position naming only the file when it cannot tell, and no
// position at all for a configuration that was not read from a file.
func (c *Config) KeyPos(key ...string) diag.Pos {
	if c.file == "" {
		return diag.Pos{}
	}
	line, col := tomlpos.FindKey(c.src, key)
	return diag.Pos{File: c.file, Line: line, Col: col}
}

// Limits on config.toml, which may come from outside too (a pull request).
const (
	maxFileBytes   = 1 << 20
	maxDepth       = 32
	maxUnknownKeys = 50
)

// problem is a validation failure of one key.
type problem struct{ key, msg string }

// path splits the key into its parts. A rule id under check.rules may
// hold dots of its own.
func (p problem) path() toml.Key {
	if id, ok := strings.CutPrefix(p.key, "check.rules."); ok {
		return toml.Key{"check", "rules", id}
	}
	return strings.Split(p.key, ".")
}

// Validate checks the values and normalises BaseURL to end in a slash.
func (c *Config) Validate() error {
	var errs diag.List
	for _, p := range c.problems() {
		errs.Addf(diag.Pos{}, "%s: %s", p.label(), p.msg)
	}
	if len(errs) == 0 {
		c.location, _ = time.LoadLocation(c.Timezone)
	}
	return errs.Err()
}

func (c *Config) problems() []problem {
	var ps []problem
	add := func(key, format string, args ...any) {
		ps = append(ps, problem{key, fmt.Sprintf(format, args...)})
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		add("base_url", "%q is not an absolute http or https URL", c.BaseURL)
	} else if u.RawQuery != "" || u.Fragment != "" {
		add("base_url", "%q must not have a query or fragment", c.BaseURL)
	} else if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if strings.TrimSpace(c.Language) == "" {
		add("language", "must not be empty")
	} else if _, err := language.Parse(c.Language); err != nil {
		add("language", "%q is not a BCP 47 language tag such as \"en-US\", \"es\" or \"pt-BR\"", c.Language)
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil || c.Timezone == "" {
		add("timezone", "unknown time zone %q", c.Timezone)
	}
	if c.Theme == "" || strings.ContainsAny(c.Theme, `/\:`) || strings.HasPrefix(c.Theme, ".") {
		add("theme", "%q is not a theme folder name", c.Theme)
	}
	for _, name := range c.Outputs.Disable {
		if !slices.Contains(OutputFamilies, name) {
			add("outputs.disable", "unknown output %q: the outputs that can be switched off are %s", name, strings.Join(OutputFamilies, ", "))
		}
	}
	if c.Paginate < 1 {
		add("paginate", "must be at least 1, not %d", c.Paginate)
	}
	if c.Outputs.FullTextMaxWords < 1 {
		add("outputs.full_text_max_words", "must be at least 1, not %d", c.Outputs.FullTextMaxWords)
	}
	if c.Server.Port < 0 || c.Server.Port > 65535 {
		add("server.port", "%d is not a port number", c.Server.Port)
	}
	for _, ref := range [][2]string{{"publishing.default_image", c.Publishing.DefaultImage}, {"publishing.logo", c.Publishing.Logo}} {
		if msg := imageRefProblem(ref[1]); msg != "" {
			add(ref[0], "%s", msg)
		}
	}
	if c.Build.Destination == "" {
		c.Build.Destination = "public"
	}
	for _, limit := range []struct {
		key   string
		value int
	}{{"content.max_brief_bytes", c.Content.MaxBriefBytes}, {"content.max_front_matter_bytes", c.Content.MaxFrontMatterBytes}} {
		if limit.value < minLimitBytes || limit.value > maxLimitBytes {
			add(limit.key, "%d is not between %d (1 KB) and %d (256 MB)", limit.value, minLimitBytes, maxLimitBytes)
		}
	}
	seen := map[string]string{}
	for _, s := range c.Sections {
		if strings.TrimSpace(s.Name) == "" || s.ID() == "" {
			add("sections", "a section needs a name with letters or digits")
			continue
		}
		for _, label := range append([]string{s.Name}, s.Aliases...) {
			k := SectionKey(label)
			if other, dup := seen[k]; dup {
				add("sections", "%q and %q name the same section", other, label)
			}
			seen[k] = label
		}
	}
	ps = append(ps, c.Check.problems()...)
	ps = append(ps, c.retiredProblems()...)
	ps = append(ps, c.Images.problems(c.Build.Destination)...)
	ps = append(ps, c.deployProblems()...)
	ps = append(ps, c.registryProblems()...)
	ps = append(ps, c.languageProblems()...)
	return ps
}

func (c *Check) problems() []problem {
	var ps []problem
	add := func(key, format string, args ...any) {
		ps = append(ps, problem{"check." + key, fmt.Sprintf(format, args...)})
	}
	for _, limit := range []struct {
		key   string
		value int
	}{{"body_words", c.BodyWords}, {"lede_words", c.LedeWords}, {"paragraph_sentences", c.ParagraphSentences}} {
		if limit.value < 1 {
			add(limit.key, "must be at least 1, not %d (to turn the rule off, set it to \"off\" under [check.rules])", limit.value)
		}
	}
	if c.ScheduleDays < 0 {
		add("schedule_days", "must not be negative, not %d", c.ScheduleDays)
	}
	for _, list := range []struct {
		key    string
		values []string
	}{{"topics", c.Topics}, {"authors", c.Authors}} {
		for _, v := range list.values {
			if slug.Make(v) == "" {
				add(list.key, "entry %q needs letters or digits", v)
			}
		}
	}
	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if v := c.Rules[id]; !slices.Contains(Severities, v) {
			add("rules."+id, "%q is not a severity: use \"error\", \"warning\" or \"off\"", v)
		}
	}
	return ps
}

// Location is the site's time zone.
func (c *Config) Location() *time.Location {
	if c.location == nil {
		return time.UTC
	}
	return c.location
}

// apostrophes are dropped from section labels: "What's next" = "Whats next".
// One Replacer for every call: SectionKey runs for every block of every brief.
var apostrophes = strings.NewReplacer("'", "", "’", "")

// SectionKey normalises a section label for matching: case, punctuation and
// the "it"/"this" variant are ignored, so "Why it matters:" and "why this
// matters" give the same key.
func SectionKey(label string) string {
	label = apostrophes.Replace(strings.ToLower(label))
	words := strings.FieldsFunc(label, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range words {
		if w == "it" {
			words[i] = "this"
		}
	}
	return strings.Join(words, " ")
}
