package render_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/briefjson"
	"github.com/briefs-dev/briefs/internal/search"
	"github.com/briefs-dev/briefs/internal/site"
)

func TestBriefJSON(t *testing.T) {
	s, files := publishSite(t, site.Options{}, testEnv())
	for _, b := range s.Briefs {
		path := b.Path + "index.json"
		data, ok := files[path]
		if !ok {
			t.Errorf("no %s", path)
			continue
		}
		var doc briefjson.BriefJSON
		d := json.NewDecoder(bytes.NewReader(data))
		d.DisallowUnknownFields()
		if err := d.Decode(&doc); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if doc.Version != 1 || doc.Title != b.Title || doc.Slug != b.Slug || doc.URL != baseURL+b.Path || doc.JSONURL != baseURL+path {
			t.Errorf("%s: version %d, title %q, slug %q, url %q, json_url %q", path, doc.Version, doc.Title, doc.Slug, doc.URL, doc.JSONURL)
		}
		if _, err := time.Parse(time.RFC3339, doc.Date); err != nil {
			t.Errorf("%s: date: %v", path, err)
		}
		if doc.Lede.Text == "" || doc.Lede.HTML == "" || doc.Body.HTML != b.Body.HTML {
			t.Errorf("%s: lede %+v, body html %q", path, doc.Lede, doc.Body.HTML)
		}
		if len(doc.Sections) != len(b.Body.Sections) || len(doc.Authors) != len(b.Authors) || len(doc.Topics) != len(b.Topics) {
			t.Errorf("%s: %d sections, %d authors, %d topics", path, len(doc.Sections), len(doc.Authors), len(doc.Topics))
		}
		for _, sec := range doc.Sections {
			if sec.Name == "" || sec.ID == "" || sec.HTML == "" || sec.Text == "" || sec.URL != baseURL+b.Path+"#"+sec.ID {
				t.Errorf("%s: section %+v", path, sec)
			}
		}
		for _, term := range append(doc.Authors, doc.Topics...) {
			if !strings.HasPrefix(term.URL, baseURL) || files[strings.TrimPrefix(term.URL, baseURL)+"index.html"] == nil {
				t.Errorf("%s: term %+v leads to no page", path, term)
			}
		}
		// JSON in HTML, or in a script element, cannot break out.
		if bytes.ContainsAny(data, "<>") {
			t.Errorf("%s: unescaped < or >", path)
		}
	}

	var doc briefjson.BriefJSON
	if err := json.Unmarshal(files["briefs/minister-declines/index.json"], &doc); err != nil {
		t.Fatal(err)
	}
	want := &briefjson.JSONPhoto{URL: baseURL + "briefs/minister-declines/minister.svg", Alt: "The minister leaves a hearing",
		Credit: "Jane Doe / Wire Photo", Caption: "The minister after the hearing on Monday.", Type: "image/svg+xml", Width: 1200, Height: 675}
	if doc.Photo == nil || *doc.Photo != *want {
		t.Errorf("photo = %+v, want %+v", doc.Photo, want)
	}
	if doc.Date != "2026-06-07T09:30:00-04:00" || doc.Updated != "2026-06-07T14:05:00-04:00" {
		t.Errorf("date %q, updated %q", doc.Date, doc.Updated)
	}
	if len(doc.Corrections) != 1 || doc.Corrections[0].Date != "2026-06-08T10:00:00-04:00" {
		t.Errorf("corrections = %+v", doc.Corrections)
	}
	if len(doc.GoDeeper) != 2 || doc.GoDeeper[0].URL != baseURL+"briefs/minister-recusal/" || !doc.GoDeeper[0].Brief ||
		doc.GoDeeper[1].URL != "https://example.com/transcript" || doc.GoDeeper[1].Brief {
		t.Errorf("go_deeper = %+v", doc.GoDeeper)
	}
	if s := doc.Sections[0]; s.Name != "Why this matters" || s.ID != "why-this-matters" || strings.HasPrefix(s.Text, "Why") {
		t.Errorf("first section = %+v", s)
	}
	if doc.ID != "tag:example.org,2026-06-07:/news/briefs/minister-declines/" {
		t.Errorf("id = %q", doc.ID)
	}
}

// Front matter params reach the JSON, including values JSON has no words
// for.
func TestBriefJSONParams(t *testing.T) {
	files := maps.Clone(briefs)
	files["content/briefs/params.md"] = `+++
title = "Params"
date = 2026-06-02T08:00:00Z
[params]
score = nan
limit = inf
desk = "Politics"
tags = ["a", "b"]
[params.nested]
n = 3
+++
Body.
`
	cfg := testConfig(t)
	s := newSite(t, cfg, files, site.Options{})
	out := renderAll(t, newRenderer(t, cfg, nil), s)
	var doc briefjson.BriefJSON
	if err := json.Unmarshal(out["briefs/params/index.json"], &doc); err != nil {
		t.Fatalf("%v\n%s", err, out["briefs/params/index.json"])
	}
	p := doc.Params
	if p["desk"] != "Politics" || p["score"] != nil || p["limit"] != nil || p["nested"].(map[string]any)["n"] != float64(3) {
		t.Errorf("params = %#v", p)
	}
}

// TestGoldenJSON pins the bytes of the JSON documents: a brief's JSON, the
// site's and a topic's JSON Feed, the search index and a page's JSON-LD
// (on a line of its own), of the test site
// and of a site whose one brief tries to break out of every field. After
// an intended change, refresh them with
//
//	go test ./internal/render -run TestGoldenJSON -update
func TestGoldenJSON(t *testing.T) {
	_, files := publishSite(t, site.Options{}, testEnv())
	cfg := testConfig(t)
	cfg.Title, cfg.Description = breakout, breakout
	hostile := renderAll(t, newRenderer(t, cfg, nil), newSite(t, cfg, hostileBrief, site.Options{}))
	tests := []struct {
		golden string
		files  map[string][]byte
		path   string
	}{
		{"brief.json", files, "briefs/minister-declines/" + site.JSONFile},
		{"feed.json", files, "feed.json"},
		{"topic-feed.json", files, "topics/cabinet/feed.json"},
		{"search-index.json", files, search.IndexPath},
		{"search-fragment.json", files, "search/briefs/3.json"},
		{"search-shard.json", files, "search/words/m.json"},
		{"search-topic.json", files, "search/topics/2.json"},
		{"hostile-brief.json", hostile, "briefs/hostile/" + site.JSONFile},
		{"hostile-feed.json", hostile, "feed.json"},
		{"hostile-search-index.json", hostile, search.IndexPath},
		{"hostile-search-fragment.json", hostile, "search/briefs/0.json"},
		{"hostile-search-shard.json", hostile, "search/words/t.json"},
		{"hostile-newsarticle.json", hostile, "briefs/hostile/index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			got := tt.files[tt.path]
			if got == nil {
				t.Fatalf("no %s", tt.path)
			}
			if strings.HasSuffix(tt.path, ".html") {
				got = jsonLD(t, got)
			}
			golden(t, tt.golden, got)
		})
	}
}

// jsonLD returns the text of the JSON-LD script element of a page, and a
// newline.
func jsonLD(t *testing.T, page []byte) []byte {
	t.Helper()
	const open = `<script type="application/ld+json">`
	_, ld, ok := bytes.Cut(page, []byte(open))
	if ok {
		ld, _, ok = bytes.Cut(ld, []byte("</script>"))
	}
	if !ok {
		t.Fatalf("no JSON-LD in the page:\n%s", page)
	}
	return append(ld, '\n')
}
