// Package slug turns titles and names into the lower-case, hyphenated words used in URLs.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Make returns s as a URL slug: letters and digits lower-cased, accents
// removed, apostrophes dropped ("What's next" → "whats-next"), every other
// run of characters turned into one hyphen, no hyphen at either end.
func Make(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false
	// norm leaves the text after an invalid byte as it is, so drop the
	// invalid bytes first (they would be a separator anyway).
	for _, r := range norm.NFKD.String(strings.ToValidUTF8(s, " ")) {
		switch {
		case unicode.Is(unicode.Mn, r): // combining accent left by NFKD
		case r == '\'' || r == '’' || r == 'ʼ':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}

// Valid reports whether s is a non-empty slug as Make returns it: lower-case
// letters, digits and single inner hyphens, and nothing that could act as a
// path (no dots, slashes or spaces).
func Valid(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if r != '-' && !unicode.IsDigit(r) && !(unicode.IsLetter(r) && !unicode.IsUpper(r)) {
			return false
		}
	}
	return true
}

// Fold returns s as case-insensitive file systems and web hosts compare
// names: case-folded ("Straße" and "STRASSE" fold alike) and in one Unicode
// normal form. Two slugs or paths with the same Fold are one folder or file
// on macOS, Windows and many static hosts.
func Fold(s string) string {
	return cases.Fold().String(norm.NFC.String(s))
}
