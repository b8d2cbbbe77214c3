package diag

import "testing"

func TestSuggest(t *testing.T) {
	// The top-level keys of a brief's front matter, and some rules of
	// briefs check: the two lists Suggest is asked about.
	keys := []string{"title", "date", "updated", "authors", "topics", "summary", "draft", "slug", "photo", "go_deeper", "corrections", "ignore", "params"}
	rules := []string{"body-words", "lede-words", "paragraph-sentences", "section-label", "go-deeper-ref"}
	tests := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"titel", keys, ` (did you mean "title"?)`},
		{"dates", keys, ` (did you mean "date"?)`},
		{"author", keys, ` (did you mean "authors"?)`},
		{"topic", keys, ` (did you mean "topics"?)`},
		{"go-deeper", keys, ` (did you mean "go_deeper"?)`},
		{"foto", keys, ` (did you mean "photo"?)`},
		{"dat", keys, ` (did you mean "date"?)`},
		{"kicker", keys, ""},
		{"x", keys, ""},
		{"", keys, ""},
		{"body-word", rules, ` (did you mean "body-words"?)`},
		{"body-wrods", rules, ` (did you mean "body-words"?)`},
		{"ledewords", rules, ` (did you mean "lede-words"?)`},
		{"words", rules, ""},
		{"b", []string{"a", "c"}, ""},
		{"ab", []string{"ac", "ab0", "aa"}, ` (did you mean "aa"?)`}, // ties: the first in sort order
		{"titel", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Suggest(tt.name, tt.candidates); got != tt.want {
				t.Errorf("Suggest(%q, %q) = %q, want %q", tt.name, tt.candidates, got, tt.want)
			}
		})
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"why it maters", "why it matters", 1},
		{"the big pictrue", "the big picture", 1}, // a swap is one edit
		{"kitten", "sitting", 3},
		{"“é”", "é", 2},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}
