package content

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/diag"
)

var newYork = mustLoad("America/New_York")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// parse parses src as the brief at path in New York time and fails the test
// on an error.
func parse(t *testing.T, path, src string) *Source {
	t.Helper()
	s, err := Parse(path, []byte(src), Options{Location: newYork})
	if err != nil {
		t.Fatalf("Parse(%s) error:\n%v", path, err)
	}
	return s
}

// errorLines returns each error of err on its own.
func errorLines(err error) []string {
	if err == nil {
		return nil
	}
	var list diag.List
	if errors.As(err, &list) {
		var s []string
		for _, e := range list {
			s = append(s, e.Error())
		}
		return s
	}
	return []string{err.Error()}
}

const tomlBrief = `+++
title   = "Allies fume as spokesman declines to back the minister"
date    = 2026-06-07T09:30:00-04:00
updated = 2026-06-07T14:05:00-04:00
authors = ["Dana Whitfield", "Theo Lindqvist"]
topics  = ["cabinet", "white-house"]
summary = "One-sentence dek."
draft   = true
slug    = "allies-fume"
[photo]
src     = "minister.jpg"
alt     = "The minister leaves a hearing"
credit  = "Jane Doe / Wire Photo"
caption = "The minister on Tuesday."
[[go_deeper]]
title = "Earlier: the minister's recusal"
ref   = "briefs/minister-recusal"
[[go_deeper]]
title = "The hearing transcript"
url   = "https://example.org/transcript"
[[corrections]]
date = 2026-06-08T10:00:00-04:00
text = "An earlier version misstated the hearing date."
[params]
kicker = "Cabinet"
score  = 3
+++
Lede paragraph.

**Why this matters:** ...
`

const yamlBrief = `---
title: "Allies fume as spokesman declines to back the minister"
date: 2026-06-07T09:30:00-04:00
updated: 2026-06-07T14:05:00-04:00
authors:
  - Dana Whitfield
  - Theo Lindqvist
topics: [cabinet, white-house]
summary: One-sentence dek.
draft: true
slug: allies-fume
photo:
  src: minister.jpg
  alt: The minister leaves a hearing
  credit: Jane Doe / Wire Photo
  caption: The minister on Tuesday.
go_deeper:
  - title: "Earlier: the minister's recusal"
    ref: briefs/minister-recusal
  - title: The hearing transcript
    url: https://example.org/transcript
corrections:
  - date: 2026-06-08T10:00:00-04:00
    text: An earlier version misstated the hearing date.
params:
  kicker: Cabinet
  score: 3
---
Lede paragraph.

**Why this matters:** ...
`

func TestParseEveryField(t *testing.T) {
	edt := time.FixedZone("", -4*3600)
	want := FrontMatter{
		Title:   "Allies fume as spokesman declines to back the minister",
		Date:    time.Date(2026, 6, 7, 9, 30, 0, 0, edt),
		Updated: time.Date(2026, 6, 7, 14, 5, 0, 0, edt),
		Authors: []string{"Dana Whitfield", "Theo Lindqvist"},
		Topics:  []string{"cabinet", "white-house"},
		Summary: "One-sentence dek.",
		Draft:   true,
		Slug:    "allies-fume",
		Photo: &Photo{
			Src:     "minister.jpg",
			Alt:     "The minister leaves a hearing",
			Credit:  "Jane Doe / Wire Photo",
			Caption: "The minister on Tuesday.",
		},
		GoDeeper: []Link{
			{Title: "Earlier: the minister's recusal", Ref: "briefs/minister-recusal"},
			{Title: "The hearing transcript", URL: "https://example.org/transcript"},
		},
		Corrections: []Correction{
			{Date: time.Date(2026, 6, 8, 10, 0, 0, 0, edt), Text: "An earlier version misstated the hearing date."},
		},
	}
	for _, tt := range []struct {
		name, src  string
		wantParams map[string]any
	}{
		{"toml", tomlBrief, map[string]any{"kicker": "Cabinet", "score": int64(3)}},
		{"yaml", yamlBrief, map[string]any{"kicker": "Cabinet", "score": 3}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := parse(t, "content/briefs/allies/index.md", tt.src)
			got := s.Front
			checkTimes(t, "Date", got.Date, want.Date)
			checkTimes(t, "Updated", got.Updated, want.Updated)
			if len(got.Corrections) == 1 {
				checkTimes(t, "Corrections[0].Date", got.Corrections[0].Date, want.Corrections[0].Date)
				got.Corrections[0].Date = want.Corrections[0].Date
			}
			got.Date, got.Updated = want.Date, want.Updated
			if !reflect.DeepEqual(got.Params, tt.wantParams) {
				t.Errorf("Params = %#v, want %#v", got.Params, tt.wantParams)
			}
			got.Params = nil
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Front =\n%+v\nwant\n%+v", got, want)
			}
			checks := []struct {
				name      string
				got, want any
			}{
				{"Path", s.Path, "content/briefs/allies/index.md"},
				{"Ref", s.Ref, "briefs/allies"},
				{"Bundle", s.Bundle, "content/briefs/allies"},
				{"Slug", s.Slug, "allies-fume"},
				{"Body", string(s.Body), "Lede paragraph.\n\n**Why this matters:** ...\n"},
				{"BodyLine", s.BodyLine, strings.Count(tt.src[:strings.Index(tt.src, "Lede")], "\n") + 1},
				{"Raw", string(s.Raw), tt.src},
			}
			for _, c := range checks {
				if !reflect.DeepEqual(c.got, c.want) {
					t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
				}
			}
		})
	}
}

func checkTimes(t *testing.T, name string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
	_, gotOff := got.Zone()
	_, wantOff := want.Zone()
	if gotOff != wantOff {
		t.Errorf("%s offset = %d, want %d", name, gotOff, wantOff)
	}
}

func TestParseDates(t *testing.T) {
	tests := []struct {
		name, toml, yaml string
		want             time.Time
	}{
		{"offset", "2026-06-07T09:30:00-04:00", "2026-06-07T09:30:00-04:00", time.Date(2026, 6, 7, 13, 30, 0, 0, time.UTC)},
		{"UTC", "2026-06-07T09:30:00Z", "2026-06-07T09:30:00Z", time.Date(2026, 6, 7, 9, 30, 0, 0, time.UTC)},
		{"fraction", "2026-06-07T09:30:00.5+02:00", "2026-06-07T09:30:00.5+02:00", time.Date(2026, 6, 7, 7, 30, 0, 5e8, time.UTC)},
		{"local summer", "2026-06-07T09:30:00", "2026-06-07T09:30:00", time.Date(2026, 6, 7, 9, 30, 0, 0, newYork)},
		{"local winter", "2026-12-07T09:30:00", "2026-12-07T09:30:00", time.Date(2026, 12, 7, 9, 30, 0, 0, newYork)},
		{"local with space", "2026-06-07 09:30:00", "2026-06-07 09:30:00", time.Date(2026, 6, 7, 9, 30, 0, 0, newYork)},
		{"date only", "2026-06-07", "2026-06-07", time.Date(2026, 6, 7, 0, 0, 0, 0, newYork)},
		{"yaml quoted", "2026-06-07", `"2026-06-07T09:30"`, time.Date(2026, 6, 7, 0, 0, 0, 0, newYork)},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/toml", func(t *testing.T) {
			src := "+++\ntitle = \"x\"\ndate = " + tt.toml + "\n[[corrections]]\ndate = " + tt.toml + "\ntext = \"y\"\n+++\n"
			s := parse(t, "content/x.md", src)
			if !s.Front.Date.Equal(tt.want) {
				t.Errorf("date = %s: got %v, want %v", tt.toml, s.Front.Date, tt.want)
			}
			if got := s.Front.Date.Location().String(); tt.want.Location() == newYork && got != newYork.String() {
				t.Errorf("date = %s: location %q, want %q", tt.toml, got, newYork)
			}
			if !s.Front.Corrections[0].Date.Equal(tt.want) {
				t.Errorf("correction date = %s: got %v, want %v", tt.toml, s.Front.Corrections[0].Date, tt.want)
			}
		})
		if tt.name == "yaml quoted" {
			continue
		}
		t.Run(tt.name+"/yaml", func(t *testing.T) {
			src := "---\ntitle: x\ndate: " + tt.yaml + "\nupdated: " + tt.yaml + "\ncorrections:\n  - date: " + tt.yaml + "\n    text: y\n---\n"
			s := parse(t, "content/x.md", src)
			for name, got := range map[string]time.Time{"date": s.Front.Date, "updated": s.Front.Updated, "correction": s.Front.Corrections[0].Date} {
				if !got.Equal(tt.want) {
					t.Errorf("%s: %s: got %v, want %v", name, tt.yaml, got, tt.want)
				}
			}
		})
	}
	t.Run("yaml quoted minute", func(t *testing.T) {
		s := parse(t, "content/x.md", "---\ntitle: x\ndate: \"2026-06-07T09:30\"\n---\n")
		if want := time.Date(2026, 6, 7, 9, 30, 0, 0, newYork); !s.Front.Date.Equal(want) {
			t.Errorf("date = %v, want %v", s.Front.Date, want)
		}
	})
	t.Run("default location is UTC", func(t *testing.T) {
		s, err := Parse("content/x.md", []byte("+++\ntitle = \"x\"\ndate = 2026-06-07T09:30:00\n+++\n"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 6, 7, 9, 30, 0, 0, time.UTC); !s.Front.Date.Equal(want) {
			t.Errorf("date = %v, want %v", s.Front.Date, want)
		}
	})
}

func TestParseErrors(t *testing.T) {
	const x = "content/briefs/x.md"
	tests := []struct {
		name string
		path string
		src  string
		want []string
	}{
		{
			"unknown key",
			x, "+++\ntitel = \"x\"\ndate = 2026-06-07\n+++\n",
			[]string{x + `:2:1: unknown front matter key "titel" (did you mean "title"?)`},
		},
		{
			"unknown key, no suggestion",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\nkicker = \"x\"\n+++\n",
			[]string{x + `:4:1: unknown front matter key "kicker"`},
		},
		{
			"unknown table is one error",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[foto]\nsrc = \"a.jpg\"\nalt = \"b\"\n+++\n",
			[]string{x + `:4:1: unknown front matter key "foto" (did you mean "photo"?)`},
		},
		{
			"unknown key in photo",
			"content/briefs/x/index.md", "+++\ntitle = \"x\"\ndate = 2026-06-07\n[photo]\nsrc = \"a.jpg\"\naltt = \"b\"\ncredit = \"c\"\n+++\n",
			[]string{`content/briefs/x/index.md:6:1: unknown front matter key "photo.altt" (did you mean "alt"?)`},
		},
		{
			"unknown key in second go_deeper",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[[go_deeper]]\ntitle = \"a\"\nurl = \"https://a.org\"\n[[go_deeper]]\n  titel = \"b\"\n  url = \"https://b.org\"\n+++\n",
			[]string{x + `:8:3: unknown front matter key "go_deeper.titel" (did you mean "title"?)`},
		},
		{
			"toml syntax error",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\nsummary = \"unclosed\n+++\n",
			[]string{x + `:4:20: strings cannot contain newlines`},
		},
		{
			"yaml syntax error",
			x, "---\ntitle: x\ndate: 2026-06-07\nsummary: [unclosed\n---\n",
			[]string{x + `:4: did not find expected ',' or ']'`},
		},
		{
			"yaml syntax error on the first line",
			x, "---\ntitle: [x\n---\n",
			[]string{x + `:2: did not find expected ',' or ']'`},
		},
		{
			"yaml scanner error",
			x, "---\ntitle: x\n  bad: indent\n---\n",
			[]string{x + `:3: mapping values are not allowed in this context`},
		},
		{
			"yaml block error",
			x, "---\ntitle: x\ntopics:\n  - a\n  b: 2\n---\n",
			[]string{x + `:4: did not find expected '-' indicator`},
		},
		{
			"yaml tab",
			x, "---\ntitle: x\n\tdate: 2026-06-07\n---\n",
			// yaml names the line of the scalar the tab would continue.
			[]string{x + `:2: found a tab character that violates indentation`},
		},
		{
			"toml time without date",
			x, "+++\ntitle = \"x\"\ndate = 09:30:00\n+++\n",
			[]string{x + `:3:1: date needs a date, not only a time of day`},
		},
		{
			"toml correction time without date",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[[corrections]]\ntext = \"y\"\n  date = 09:30:00\n+++\n",
			[]string{x + `:6:3: date needs a date, not only a time of day`},
		},
		{
			"retraction without reason",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\nretracted = { date = 2026-06-09T10:00:00Z }\n+++\n",
			[]string{x + `:4:1: retracted needs a reason: readers are owed one`},
		},
		{
			"yaml retraction without date",
			x, "---\ntitle: x\ndate: 2026-06-07\nretracted:\n  reason: The source recanted.\n---\n",
			[]string{x + `:4:1: retracted needs the date of the retraction`},
		},
		{
			"alias outside the site",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\naliases = [\"/ok/\", \"https://elsewhere.example/x/\"]\n+++\n",
			[]string{x + `:4:1: alias "https://elsewhere.example/x/" is outside the site: an alias is a path of the site, such as /briefs/old-slug/`},
		},
		{
			"yaml alias climbing out",
			x, "---\ntitle: x\ndate: 2026-06-07\naliases:\n  - /../../x/\n---\n",
			[]string{x + `:4:1: alias "/../../x/" is outside the site: it may not hold ..`},
		},
		{
			"toml publish_at without offset",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\npublish_at = 2026-06-07T09:30:00\n+++\n",
			[]string{x + `:4:1: publish_at needs an offset, such as 2026-06-07T09:30:00-04:00 or 2026-06-07T13:30:00Z: an embargo must not depend on the time zone of the machine that builds`},
		},
		{
			"toml expires as a day",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n  expires = 2026-07-01\n+++\n",
			[]string{x + `:4:3: expires needs an offset, such as 2026-06-07T09:30:00-04:00 or 2026-06-07T13:30:00Z: an embargo must not depend on the time zone of the machine that builds`},
		},
		{
			"toml publish_at as a time of day",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\npublish_at = 09:30:00\n+++\n",
			[]string{x + `:4:1: publish_at needs a date, not only a time of day`},
		},
		{
			"yaml publish_at without offset",
			x, "---\ntitle: x\ndate: 2026-06-07\npublish_at: 2026-06-07 09:30\n---\n",
			[]string{x + `:4:13: publish_at needs an offset, such as 2026-06-07T09:30:00-04:00 or 2026-06-07T13:30:00Z: an embargo must not depend on the time zone of the machine that builds`},
		},
		{
			"yaml expires as a day",
			x, "---\ntitle: x\ndate: 2026-06-07\nexpires: 2026-07-01\n---\n",
			[]string{x + `:4:10: expires needs an offset, such as 2026-06-07T09:30:00-04:00 or 2026-06-07T13:30:00Z: an embargo must not depend on the time zone of the machine that builds`},
		},
		{
			"yaml unknown key",
			x, "---\ntitle: x\ndate: 2026-06-07\n  \ntitel: y\n---\n",
			[]string{x + `:5:1: unknown front matter key "titel" (did you mean "title"?)`},
		},
		{
			"yaml unknown key in photo",
			"content/briefs/x/index.md", "---\ntitle: x\ndate: 2026-06-07\nphoto:\n  src: a.jpg\n  altt: b\n  credit: c\n---\n",
			[]string{`content/briefs/x/index.md:6:3: unknown front matter key "photo.altt" (did you mean "alt"?)`},
		},
		{
			"yaml unknown key in second go_deeper",
			x, "---\ntitle: x\ndate: 2026-06-07\ngo_deeper:\n  - title: a\n    url: https://a.org\n  - titel: b\n    url: https://b.org\n---\n",
			[]string{x + `:7:5: unknown front matter key "go_deeper.1.titel" (did you mean "title"?)`},
		},
		{
			"yaml bad date",
			x, "---\ntitle: x\ndate: next tuesday\n---\n",
			[]string{x + `:3:7: date: "next tuesday" is not a date such as 2026-06-07T09:30:00-04:00 or 2026-06-07`},
		},
		{
			"yaml type error",
			x, "---\ntitle: x\ndate: 2026-06-07\nauthors: {a: b}\n---\n",
			[]string{x + `:4: cannot unmarshal !!map into []string`},
		},
		{
			"yaml not a mapping",
			x, "---\n- a\n- b\n---\n",
			[]string{x + `:2:1: front matter must be a mapping of keys to values`},
		},
		{
			"missing title and date",
			x, "+++\nsummary = \"x\"\n+++\n",
			[]string{x + `:1:1: date is required`, x + `:1:1: title is required`},
		},
		{
			"blank title",
			x, "+++\ntitle = \"  \"\ndate = 2026-06-07\n+++\n",
			[]string{x + `:2:1: title is required`},
		},
		{
			"yaml missing title",
			x, "---\ndate: 2026-06-07\n---\n",
			[]string{x + `:1:1: title is required`},
		},
		{
			"empty yaml",
			x, "---\n---\nbody\n",
			[]string{x + `:1:1: date is required`, x + `:1:1: title is required`},
		},
		{
			"photo without alt and credit",
			"content/briefs/x/index.md", "+++\ntitle = \"x\"\ndate = 2026-06-07\n\n[photo]\nsrc = \"a.jpg\"\n+++\n",
			[]string{
				`content/briefs/x/index.md:5:1: photo needs a credit`,
				`content/briefs/x/index.md:5:1: photo needs alt text describing it`,
			},
		},
		{
			"photo focus out of range",
			"content/briefs/x/index.md", "+++\ntitle = \"x\"\ndate = 2026-06-07\n\n[photo]\nsrc = \"a.jpg\"\nalt = \"A hall\"\ncredit = \"c\"\nfocus = \"0.5,1.2\"\n+++\n",
			[]string{`content/briefs/x/index.md:9:1: photo focus "0.5,1.2" is not "x,y", two numbers between 0 and 1 such as "0.5,0.3"`},
		},
		{
			"yaml photo focus not a pair",
			"content/briefs/x/index.md", "---\ntitle: x\ndate: 2026-06-07\nphoto:\n  src: a.jpg\n  alt: A hall\n  credit: c\n  focus: centre\n---\n",
			[]string{`content/briefs/x/index.md:8:3: photo focus "centre" is not "x,y", two numbers between 0 and 1 such as "0.5,0.3"`},
		},
		{
			"yaml photo without alt",
			"content/briefs/x/index.md", "---\ntitle: x\ndate: 2026-06-07\nphoto:\n  src: a.jpg\n  credit: c\n---\n",
			[]string{`content/briefs/x/index.md:4:1: photo needs alt text describing it`},
		},
		{
			"photo without src",
			"content/briefs/x/index.md", "+++\ntitle = \"x\"\ndate = 2026-06-07\n[photo]\nalt = \"a\"\ncredit = \"c\"\n+++\n",
			[]string{`content/briefs/x/index.md:4:1: photo needs src`},
		},
		{
			"relative photo outside a bundle",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[photo]\nsrc = \"a.jpg\"\nalt = \"a\"\ncredit = \"c\"\n+++\n",
			[]string{x + `:5:1: photo src "a.jpg" is relative, but the brief is not a page bundle: move it to content/briefs/x/index.md with the photo beside it`},
		},
		{
			"photo src leaves the bundle",
			"content/briefs/x/index.md", "+++\ntitle = \"x\"\ndate = 2026-06-07\n[photo]\nsrc = \"../../secret.jpg\"\nalt = \"a\"\ncredit = \"c\"\n+++\n",
			[]string{`content/briefs/x/index.md:5:1: photo src "../../secret.jpg": points outside the brief's bundle: put the photo beside index.md`},
		},
		{
			"root photo src leaves the site",
			"content/briefs/x/index.md", "+++\ntitle = \"x\"\ndate = 2026-06-07\n[photo]\nsrc = \"/a/../../b.jpg\"\nalt = \"a\"\ncredit = \"c\"\n+++\n",
			[]string{`content/briefs/x/index.md:5:1: photo src "/a/../../b.jpg": points outside the site`},
		},
		{
			"photo src with backslash",
			"content/briefs/x/index.md", "+++\ntitle = \"x\"\ndate = 2026-06-07\n[photo]\nsrc = 'a\\b.jpg'\nalt = \"a\"\ncredit = \"c\"\n+++\n",
			[]string{`content/briefs/x/index.md:5:1: photo src "a\\b.jpg": must be a slash path inside the bundle or an http(s) URL`},
		},
		{
			"go_deeper with both ref and url",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[[go_deeper]]\ntitle = \"a\"\nref = \"briefs/a\"\nurl = \"https://a.org\"\n+++\n",
			[]string{x + `:4:1: go_deeper link "a" needs either ref (another brief) or url, not both`},
		},
		{
			"second go_deeper with neither",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[[go_deeper]]\ntitle = \"a\"\nref = \"briefs/a\"\n[[go_deeper]]\ntitle = \"b\"\n+++\n",
			[]string{x + `:7:1: go_deeper link "b" needs either ref (another brief) or url, not both`},
		},
		{
			"second go_deeper header with a comment",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[[go_deeper]]\ntitle = \"a\"\nref = \"briefs/a\"\n[[ go_deeper ]] # the second\ntitle = \"b\"\n+++\n",
			[]string{x + `:7:1: go_deeper link "b" needs either ref (another brief) or url, not both`},
		},
		{
			"yaml duplicate key",
			x, "---\ntitle: x\ndate: 2026-06-07\ntitle: y\n---\n",
			[]string{x + `:4: mapping key "title" already defined at line 2`},
		},
		{
			"go_deeper without title",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[[go_deeper]]\nref = \"briefs/a\"\n+++\n",
			[]string{x + `:4:1: go_deeper link needs a title`},
		},
		{
			"go_deeper bad url",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[[go_deeper]]\ntitle = \"a\"\n  url = \"example.org/a\"\n+++\n",
			[]string{x + `:6:3: go_deeper url "example.org/a" is not an absolute http or https URL`},
		},
		{
			"go_deeper javascript url",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[[go_deeper]]\ntitle = \"a\"\nurl = \"javascript:alert(1)\"\n+++\n",
			[]string{x + `:6:1: go_deeper url "javascript:alert(1)" is not an absolute http or https URL`},
		},
		{
			"yaml go_deeper bad url",
			x, "---\ntitle: x\ndate: 2026-06-07\ngo_deeper:\n  - title: a\n    url: https://a.org\n  - title: b\n    url: b.org\n---\n",
			[]string{x + `:8:5: go_deeper url "b.org" is not an absolute http or https URL`},
		},
		{
			"correction without date",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[[corrections]]\ntext = \"fixed\"\n+++\n",
			[]string{x + `:4:1: correction needs a date`},
		},
		{
			"correction without text",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n[[corrections]]\ndate = 2026-06-08\n+++\n",
			[]string{x + `:4:1: correction needs text`},
		},
		{
			"topic without letters",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\ntopics = [\"ok\", \"!!\"]\n+++\n",
			[]string{x + `:4:1: topics entry "!!" needs letters or digits`},
		},
		{
			"invalid slug",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\nslug = \"Bad Slug\"\n+++\n",
			[]string{x + `:4:1: slug "Bad Slug" may only hold lower-case letters, digits and hyphens`},
		},
		{
			"slug with a slash",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\nslug = \"../x\"\n+++\n",
			[]string{x + `:4:1: slug "../x" may only hold lower-case letters, digits and hyphens`},
		},
		{
			"no slug from the file name",
			"content/briefs/!!!.md", "+++\ntitle = \"x\"\ndate = 2026-06-07\n+++\n",
			[]string{`content/briefs/!!!.md: cannot make a slug from the file name: rename it or set slug`},
		},
		{
			"NUL byte",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n+++\nab\x00c\n",
			[]string{x + `:5:3: brief contains a NUL byte: is it a binary file?`},
		},
		{
			"invalid UTF-8",
			x, "+++\ntitle = \"caf\xe9\"\ndate = 2026-06-07\n+++\n",
			[]string{x + `:2:13: brief is not valid UTF-8: save it as UTF-8`},
		},
		{
			"unclosed front matter",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n\nBody.\n",
			[]string{x + `:1:1: front matter opened with +++ is never closed`},
		},
		{
			"yaml closed with toml delimiter",
			x, "---\ntitle: x\n+++\n",
			[]string{x + `:1:1: front matter opened with --- is never closed`},
		},
		{
			"no front matter",
			x, "Just a body.\n",
			[]string{x + `:1:1: brief has no front matter: start the file with a +++ (TOML) or --- (YAML) line`},
		},
		{
			"empty file",
			x, "",
			[]string{x + `:1:1: brief has no front matter: start the file with a +++ (TOML) or --- (YAML) line`},
		},
		{
			"too large",
			x, "+++\ntitle = \"x\"\ndate = 2026-06-07\n+++\n" + strings.Repeat("a", config.DefaultMaxBriefBytes),
			[]string{x + `:1:1: brief is 1048614 bytes, more than the limit of 1048576 ([content] max_brief_bytes in config.toml)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(tt.path, []byte(tt.src), Options{Location: newYork})
			if err == nil {
				t.Fatalf("Parse() = %+v, want errors %q", s, tt.want)
			}
			if s != nil {
				t.Errorf("Parse() returned a Source with an error")
			}
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			checkDiag(t, tt.path, err)
		})
	}
}

// checkDiag checks that err is made of diag errors in file.
func checkDiag(t *testing.T, file string, err error) {
	t.Helper()
	var errs []*diag.Error
	var list diag.List
	var one *diag.Error
	switch {
	case errors.As(err, &list):
		errs = list
	case errors.As(err, &one):
		errs = []*diag.Error{one}
	default:
		t.Fatalf("error %T %q is neither a diag.List nor a *diag.Error", err, err)
	}
	if len(errs) == 0 {
		t.Errorf("error %q is an empty list", err)
	}
	for _, e := range errs {
		if e == nil {
			t.Errorf("nil *diag.Error in %q", err)
			continue
		}
		if e.Pos.File != file {
			t.Errorf("error %q: File = %q, want %q", e, e.Pos.File, file)
		}
		if e.Pos.Line < 0 || e.Pos.Col < 0 || (e.Pos.Line == 0 && e.Pos.Col != 0) {
			t.Errorf("error %q: bad position %d:%d", e, e.Pos.Line, e.Pos.Col)
		}
	}
}

func TestParseBOMAndCRLF(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"BOM toml", "\ufeff+++\ntitle = \"x\"\ndate = 2026-06-07\n+++\nBody.\n"},
		{"BOM yaml", "\ufeff---\ntitle: x\ndate: 2026-06-07\n---\nBody.\n"},
		{"CRLF toml", "+++\r\ntitle = \"x\"\r\ndate = 2026-06-07\r\n+++\r\nBody.\r\n"},
		{"CRLF yaml", "---\r\ntitle: x\r\ndate: 2026-06-07\r\n---\r\nBody.\r\n"},
		{"BOM and CRLF", "\ufeff+++\r\ntitle = \"x\"\r\ndate = 2026-06-07\r\n+++\r\nBody.\r\n"},
		{"trailing spaces on delimiters", "+++  \ntitle = \"x\"\ndate = 2026-06-07\n+++\t\nBody.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := parse(t, "content/x.md", tt.src)
			if s.Front.Title != "x" {
				t.Errorf("Title = %q, want %q", s.Front.Title, "x")
			}
			if got := strings.TrimRight(string(s.Body), "\r\n"); got != "Body." {
				t.Errorf("Body = %q, want %q", s.Body, "Body.")
			}
			if s.BodyLine != 5 {
				t.Errorf("BodyLine = %d, want 5", s.BodyLine)
			}
		})
	}
}

func TestParseErrorLineWithCRLF(t *testing.T) {
	src := "+++\r\ntitle = \"x\"\r\ndate = 2026-06-07\r\n  titel = \"y\"\r\n+++\r\n"
	_, err := Parse("content/x.md", []byte(src), Options{})
	want := []string{`content/x.md:4:3: unknown front matter key "titel" (did you mean "title"?)`}
	if got := errorLines(err); !reflect.DeepEqual(got, want) {
		t.Errorf("Parse() errors = %q, want %q", got, want)
	}
}

func TestParseBodyLine(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want int
		body string
	}{
		{"toml", "+++\ntitle = \"x\"\ndate = 2026-06-07\n+++\nBody.\n", 5, "Body.\n"},
		{"yaml", "---\ntitle: x\ndate: 2026-06-07\n---\nBody.\n", 5, "Body.\n"},
		{"blank lines kept", "+++\ntitle = \"x\"\ndate = 2026-06-07\n+++\n\n\nBody.\n", 5, "\n\nBody.\n"},
		{"no body", "+++\ntitle = \"x\"\ndate = 2026-06-07\n+++", 5, ""},
		{"no body, newline", "+++\ntitle = \"x\"\ndate = 2026-06-07\n+++\n", 5, ""},
		{"long front matter", "+++\ntitle = \"x\"\n\n\n\ndate = 2026-06-07\n+++\nBody.", 8, "Body."},
		{"delimiter-like line in body", "+++\ntitle = \"x\"\ndate = 2026-06-07\n+++\na\n+++\nb\n", 5, "a\n+++\nb\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := parse(t, "content/x.md", tt.src)
			if s.BodyLine != tt.want {
				t.Errorf("BodyLine = %d, want %d", s.BodyLine, tt.want)
			}
			if string(s.Body) != tt.body {
				t.Errorf("Body = %q, want %q", s.Body, tt.body)
			}
			// The body is the tail of the file starting on BodyLine.
			lines := strings.SplitAfter(tt.src, "\n")
			if tail := strings.Join(lines[min(tt.want-1, len(lines)):], ""); tail != string(s.Body) {
				t.Errorf("lines %d… of the file = %q, Body = %q", tt.want, tail, s.Body)
			}
		})
	}
}

func TestParseSlugAndRef(t *testing.T) {
	const fm = "+++\ntitle = \"x\"\ndate = 2026-06-07\n"
	tests := []struct {
		name, path, extra string
		slug, ref, bundle string
	}{
		{"file name", "content/briefs/budget-vote.md", "", "budget-vote", "briefs/budget-vote", ""},
		{"file name made a slug", "content/briefs/What's Next 2026.md", "", "whats-next-2026", "briefs/What's Next 2026", ""},
		{"bundle folder", "content/briefs/budget-vote/index.md", "", "budget-vote", "briefs/budget-vote", "content/briefs/budget-vote"},
		{"nested folder", "content/a/b/c.md", "", "c", "a/b/c", ""},
		{"front matter", "content/briefs/x.md", "slug = \"my-slug\"\n", "my-slug", "briefs/x", ""},
		{"front matter over bundle", "content/briefs/x/index.md", "slug = \"other\"\n", "other", "briefs/x", "content/briefs/x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := parse(t, tt.path, fm+tt.extra+"+++\n")
			if s.Slug != tt.slug || s.Ref != tt.ref || s.Bundle != tt.bundle {
				t.Errorf("Parse(%q): Slug, Ref, Bundle = %q, %q, %q; want %q, %q, %q", tt.path, s.Slug, s.Ref, s.Bundle, tt.slug, tt.ref, tt.bundle)
			}
		})
	}
}

func TestParsePhotoSources(t *testing.T) {
	tests := []struct {
		name, path, src string
	}{
		{"bundle relative", "content/briefs/x/index.md", "a.jpg"},
		{"bundle subfolder", "content/briefs/x/index.md", "img/a.jpg"},
		{"bundle dot slash", "content/briefs/x/index.md", "./a.jpg"},
		{"site root", "content/briefs/x.md", "/images/a.jpg"},
		{"remote", "content/briefs/x.md", "https://cdn.example.org/a.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "+++\ntitle = \"x\"\ndate = 2026-06-07\n[photo]\nsrc = \"" + tt.src + "\"\nalt = \"a\"\ncredit = \"c\"\n+++\n"
			s := parse(t, tt.path, src)
			if s.Front.Photo == nil || s.Front.Photo.Src != tt.src {
				t.Errorf("Photo = %+v, want src %q", s.Front.Photo, tt.src)
			}
		})
	}
}

func TestKeyPos(t *testing.T) {
	s := parse(t, "content/briefs/allies/index.md", tomlBrief)
	y := parse(t, "content/briefs/allies/index.md", yamlBrief)
	// A build releases the body once converted; positions in the front
	// matter must stay, also when an earlier lookup cached its lines.
	sr := parse(t, "content/briefs/allies/index.md", tomlBrief)
	yr := parse(t, "content/briefs/allies/index.md", yamlBrief)
	sr.KeyPos("go_deeper", "1", "url")
	sr.ReleaseBody()
	yr.ReleaseBody()
	if sr.Raw != nil || sr.Body != nil || yr.Raw != nil || yr.Body != nil {
		t.Errorf("ReleaseBody kept Raw or Body")
	}
	tests := []struct {
		key        []string
		toml, yaml string
	}{
		{[]string{"title"}, "2:1", "2:1"},
		{[]string{"photo"}, "10:1", "12:1"},
		{[]string{"photo", "alt"}, "12:1", "14:3"},
		{[]string{"go_deeper", "0"}, "15:1", "18:5"},
		{[]string{"go_deeper", "1"}, "18:1", "20:5"},
		{[]string{"go_deeper", "1", "url"}, "20:1", "21:5"},
		{[]string{"go_deeper", "1", "ref"}, "18:1", "20:5"}, // absent: the entry
		{[]string{"go_deeper", "5", "ref"}, "15:1", "17:1"}, // no such entry: the list
		{[]string{"nothing"}, "1:1", "1:1"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.key, "."), func(t *testing.T) {
			pos := func(p diag.Pos) string { return strings.TrimPrefix(p.String(), p.File+":") }
			if got := pos(s.KeyPos(tt.key...)); got != tt.toml {
				t.Errorf("toml: KeyPos(%q) = %s, want %s", tt.key, got, tt.toml)
			}
			if got := pos(y.KeyPos(tt.key...)); got != tt.yaml {
				t.Errorf("yaml: KeyPos(%q) = %s, want %s", tt.key, got, tt.yaml)
			}
			if got := pos(sr.KeyPos(tt.key...)); got != tt.toml {
				t.Errorf("toml, body released: KeyPos(%q) = %s, want %s", tt.key, got, tt.toml)
			}
			if got := pos(yr.KeyPos(tt.key...)); got != tt.yaml {
				t.Errorf("yaml, body released: KeyPos(%q) = %s, want %s", tt.key, got, tt.yaml)
			}
		})
	}
}

func TestParseInlineTables(t *testing.T) {
	src := "+++\ntitle = \"x\"\ndate = 2026-06-07\ngo_deeper = [\n  { title = \"a\", ref = \"briefs/a\" },\n  { title = \"b\" },\n]\n+++\n"
	_, err := Parse("content/x.md", []byte(src), Options{})
	want := []string{`content/x.md:4:1: go_deeper link "b" needs either ref (another brief) or url, not both`}
	if got := errorLines(err); !reflect.DeepEqual(got, want) {
		t.Errorf("Parse() errors = %q, want %q", got, want)
	}
}

func TestParseReadsRealBriefs(t *testing.T) {
	fsys := siteFS(t)
	briefs, _, err := Walk(fsys, Dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(briefs) == 0 {
		t.Skip("no briefs in the demo site")
	}
	for _, p := range briefs {
		data, err := readFS(fsys, p)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(p, data, Options{Location: newYork})
		if err != nil {
			t.Errorf("Parse(%s) error: %v", p, err)
			continue
		}
		if s.Front.Title == "" || (s.Front.Date.IsZero() && !IsPage(p)) || !bytes.HasSuffix(data, s.Body) {
			t.Errorf("Parse(%s) = %+v, want a title, a date (but for a page) and the body", p, s.Front)
		}
	}
}

func TestWalk(t *testing.T) {
	fsys := fstest.MapFS{
		"content/briefs/b.md":                 {},
		"content/briefs/a.md":                 {},
		"content/briefs/x/index.md":           {},
		"content/briefs/x/photo.jpg":          {},
		"content/briefs/.draft.md":            {},
		"content/briefs/.DS_Store":            {},
		"content/.git/config":                 {},
		"content/.hidden/y.md":                {},
		"content/notes.txt":                   {},
		"content/briefs/folder.md/inside.jpg": {},
		"static/other.md":                     {},
	}
	briefs, files, err := Walk(fsys, Dir)
	if err != nil {
		t.Fatalf("Walk() error = %v", err)
	}
	wantBriefs := []string{"content/briefs/a.md", "content/briefs/b.md", "content/briefs/x/index.md"}
	wantFiles := []string{"content/briefs/folder.md/inside.jpg", "content/briefs/x/photo.jpg", "content/notes.txt"}
	if !reflect.DeepEqual(briefs, wantBriefs) {
		t.Errorf("Walk() briefs = %q, want %q", briefs, wantBriefs)
	}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("Walk() files = %q, want %q", files, wantFiles)
	}
}

func TestWalkMissingDir(t *testing.T) {
	briefs, files, err := Walk(fstest.MapFS{"static/a.css": {}}, Dir)
	if err != nil || briefs != nil || files != nil {
		t.Errorf("Walk(no content/) = %q, %q, %v; want nothing and no error", briefs, files, err)
	}
}

func TestParseIgnore(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Ignore
		errs []string
	}{
		{
			"toml",
			"+++\ntitle = \"x\"\ndate = 2026-06-07\n[[ignore]]\nrule = \"body-words\"\nreason = \"An explainer.\"\n+++\n",
			[]Ignore{{Rule: "body-words", Reason: "An explainer."}}, nil,
		},
		{
			"yaml",
			"---\ntitle: x\ndate: 2026-06-07\nignore:\n  - rule: body-words\n    reason: An explainer.\n---\n",
			[]Ignore{{Rule: "body-words", Reason: "An explainer."}}, nil,
		},
		{
			"no reason",
			"+++\ntitle = \"x\"\ndate = 2026-06-07\n[[ignore]]\nrule = \"body-words\"\n+++\n",
			nil, []string{`content/x.md:4:1: ignore of "body-words" needs a reason`},
		},
		{
			"no rule",
			"---\ntitle: x\ndate: 2026-06-07\nignore:\n  - reason: Why not.\n---\n",
			nil, []string{`content/x.md:5:5: ignore needs the rule it silences`},
		},
		{
			"unknown key",
			"+++\ntitle = \"x\"\ndate = 2026-06-07\n[[ignore]]\nrule = \"body-words\"\nreasn = \"x\"\n+++\n",
			nil, []string{`content/x.md:6:1: unknown front matter key "ignore.reasn" (did you mean "reason"?)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("content/x.md", []byte(tt.src), Options{})
			if tt.errs != nil {
				if got := errorLines(err); !reflect.DeepEqual(got, tt.errs) {
					t.Errorf("Parse() errors = %q, want %q", got, tt.errs)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse() error = %v", err)
			}
			if !reflect.DeepEqual(s.Front.Ignore, tt.want) {
				t.Errorf("Ignore = %+v, want %+v", s.Front.Ignore, tt.want)
			}
		})
	}
}

func TestRefOf(t *testing.T) {
	tests := []struct{ path, want string }{
		{"content/briefs/x.md", "briefs/x"},
		{"content/briefs/x/index.md", "briefs/x"},
		{"content/x.md", "x"},
		{"content/a/b/c.md", "a/b/c"},
	}
	for _, tt := range tests {
		if got := RefOf(tt.path); got != tt.want {
			t.Errorf("RefOf(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
