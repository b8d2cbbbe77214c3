package slug

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestMake(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"What's next", "whats-next"},
		{"What’s next", "whats-next"},
		{"Émile Zola", "emile-zola"},
		{"Ça va, São Paulo?", "ca-va-sao-paulo"},
		{"naïve café", "naive-cafe"},
		{"Hello,   world!!!", "hello-world"},
		{"a -- b", "a-b"},
		{"a/b\\c.d", "a-b-c-d"},
		{"  --Leading and trailing--  ", "leading-and-trailing"},
		{"...!!!", ""},
		{"", ""},
		{"   ", ""},
		{"2026 budget", "2026-budget"},
		{"Top 10 of 2026", "top-10-of-2026"},
		{"COVID-19", "covid-19"},
		{"White House", "white-house"},
		{"white-house", "white-house"},
		{"Behind-the-scenes", "behind-the-scenes"},
		{"ﬁnance", "finance"}, // ligature decomposed
		{"x²", "x2"},
		{"Ελλάδα", "ελλαδα"},
		{"Straße", "straße"},
		{"日本 語", "日本-語"},
		{"tab\there", "tab-here"},
		{"emoji 🎉 party", "emoji-party"},
		{"\xff\xfeabc", "abc"},
		{"\xf6ˠ", "ɣ"}, // normalised after an invalid byte too
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Make(tt.in); got != tt.want {
				t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"whats-next", true},
		{"a", true},
		{"2026", true},
		{"covid-19", true},
		{"ελλαδα", true},
		{"", false},
		{"-a", false},
		{"a-", false},
		{"a--b", false},
		{"A", false},
		{"Whats-next", false},
		{"a b", false},
		{"a.b", false},
		{"..", false},
		{"a/b", false},
		{`a\b`, false},
		{"a_b", false},
		{"a'b", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Valid(tt.in); got != tt.want {
				t.Errorf("Valid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestMakeEveryRune checks Make's promises for each code point alone and
// between two letters.
func TestMakeEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) || !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z) {
			continue // unassigned code points and controls are separators
		}
		for _, s := range []string{string(r), "a" + string(r) + "b"} {
			got := Make(s)
			if got != "" && !Valid(got) {
				t.Errorf("Make(%q) = %q, not a valid slug", s, got)
			}
			if again := Make(got); again != got {
				t.Errorf("Make(Make(%q)) = %q, want %q", s, again, got)
			}
		}
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{
		"What's next", "Émile Zola", "Allies fume as spokesman declines to back the minister",
		"Commission reprints 40,000 overseas ballots after district misprint",
		"White House", "--a--b--", "ǅungla", "İstanbul", "ﬁ", "x²", "\xff", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if got != "" && !Valid(got) {
			t.Errorf("Make(%q) = %q, not a valid slug", s, got)
		}
		if again := Make(got); again != got {
			t.Errorf("Make(Make(%q)) = %q, want %q", s, again, got)
		}
	})
}

func TestFold(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"budget", "Budget", true},
		{"budget", "BUDGET", true},
		{"straße", "STRASSE", true},
		{"ελλαδας", "ελλαδασ", true}, // final sigma
		{"\u212a", "k", true},        // Kelvin sign
		{"caf\u00e9", "cafe\u0301", true},
		{"cafe", "café", false},
		{"a-b", "a_b", false},
		{"content/briefs/Photo.JPG", "content/briefs/photo.jpg", true},
	}
	for _, tt := range tests {
		if got := Fold(tt.a) == Fold(tt.b); got != tt.same {
			t.Errorf("Fold(%q) == Fold(%q) is %v, want %v (%q, %q)", tt.a, tt.b, got, tt.same, Fold(tt.a), Fold(tt.b))
		}
	}
}
