package render

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// encoderJSON is what encoding/json's Encoder writes for v, indented as
// briefJSON writes it.
func encoderJSON(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var jsonStrings = []string{
	"", "plain", `"quoted" and \backslash\`, "<p>HTML &amp; more</p>",
	"controls \b\f\n\r\t \x00\x01\x1f\x7f", "invalid \xff\xfe utf-8 \xe2\x80",
	"separators \u2028 and \u2029", "non-ASCII “quotes” — café ✓ 𝄞",
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range jsonStrings {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

// TestBriefJSONEncoding holds the hand-written encoding of a brief's JSON
// to the bytes encoding/json's Encoder writes for the same document.
func TestBriefJSONEncoding(t *testing.T) {
	full := BriefJSON{
		Version: 1, ID: "tag:example.org,2026:x", Slug: "x", URL: "https://example.org/briefs/x/",
		JSONURL: "https://example.org/briefs/x/index.json", Title: "A <title> & \"more\"",
		Summary: "Dek.", Date: "2026-06-07T09:30:00-04:00", Updated: "2026-06-07T14:05:00-04:00",
		Draft: true, Scheduled: true, Language: "en-US",
		Authors: []JSONTerm{{"Dana", "dana", "https://example.org/authors/dana/"}, {"Ann", "ann", "u"}},
		Topics:  []JSONTerm{{"Cabinet", "cabinet", "https://example.org/topics/cabinet/"}},
		Photo: &JSONPhoto{URL: "https://example.org/p.jpg", Alt: "Alt", Credit: "Credit", Caption: "Caption",
			Type: "image/jpeg", Width: 1200, Height: 675},
		Lede: JSONText{HTML: "<p>Lede\u2028</p>\n", Text: "Lede"},
		Sections: []JSONSection{{Name: "Why this matters", ID: "why-this-matters", Label: "Why it matters",
			HTML: "<p><strong>Why it matters:</strong> x</p>\n", Text: "x", URL: "https://example.org/briefs/x/#why-this-matters"}},
		Body:        JSONText{HTML: "<p>Lede</p>\n<section>\xff</section>\n", Text: "Lede\n\nx"},
		Words:       2,
		GoDeeper:    []JSONLink{{Title: "Earlier", URL: "https://example.org/briefs/y/", Brief: true}, {Title: "Pending"}},
		Corrections: []JSONCorrection{{Date: "2026-06-08", Text: "Fixed."}},
		Params: map[string]any{"b": []any{1.5, "two", map[string]any{"z": nil, "a": true}}, "a": "<x>",
			"empty": map[string]any{}, "list": []any{}, "big": 1e21, "int": int64(3)},
	}
	minimal := BriefJSON{Version: 1, Title: "t", Authors: []JSONTerm{}, Topics: []JSONTerm{},
		Sections: []JSONSection{}, GoDeeper: []JSONLink{}, Corrections: []JSONCorrection{}, Params: map[string]any{}}
	bare := BriefJSON{Photo: &JSONPhoto{}}
	for name, doc := range map[string]BriefJSON{"full": full, "minimal": minimal, "nil slices": bare} {
		got, err := doc.appendIndented(nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := encoderJSON(t, doc); !bytes.Equal(got, want) {
			t.Errorf("%s: appendIndented =\n%s\nwant\n%s", name, got, want)
		}
	}
	bad := BriefJSON{Params: map[string]any{"nan": math.NaN()}}
	if _, err := bad.appendIndented(nil); err == nil {
		t.Errorf("appendIndented with a NaN param: no error, as the Encoder gives")
	}
}

// TestJSONFeedEncoding holds the hand-written encoding of a JSON Feed to the
// bytes encoding/json's Encoder writes for the same document.
func TestJSONFeedEncoding(t *testing.T) {
	item := jsonFeedItem{
		ID: "https://example.org/briefs/x/", URL: "https://example.org/briefs/x/", Title: "A <title> & \"more\"",
		ContentHTML: "<p>Lede\u2028</p>\n<section>\xff</section>\n", ContentText: "Lede", Summary: "Dek.",
		Image: "https://example.org/p.jpg", DatePublished: "2026-06-07T09:30:00-04:00",
		DateModified: "2026-06-07T14:05:00-04:00",
		Authors:      []jsonFeedAuthor{{Name: "Dana", URL: "https://example.org/authors/dana/"}, {Name: "Ann"}},
		Tags:         []string{"Cabinet", "<b>"}, Language: "en-US",
		Sections: []jsonSection{{Name: "Why this matters", ID: "why-this-matters", Text: "x\ty"}},
	}
	full := jsonFeedDoc{Version: "https://jsonfeed.org/version/1.1", Title: "Briefs", HomePageURL: "https://example.org/",
		FeedURL: "https://example.org/feed.json", Description: "News.", Language: "en-US",
		Items: []jsonFeedItem{item, {Title: "bare"}}}
	empty := jsonFeedDoc{Items: []jsonFeedItem{}, Description: "d"}
	emptySlices := jsonFeedDoc{Items: []jsonFeedItem{{Authors: []jsonFeedAuthor{}, Tags: []string{}, Sections: []jsonSection{}}}}
	for name, doc := range map[string]jsonFeedDoc{"full": full, "empty": empty, "nil items": {}, "empty slices": emptySlices} {
		if got, want := doc.appendIndented(nil), encoderJSON(t, doc); !bytes.Equal(got, want) {
			t.Errorf("%s: appendIndented =\n%s\nwant\n%s", name, got, want)
		}
	}
}
