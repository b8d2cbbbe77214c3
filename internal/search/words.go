package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefs-dev/briefs/internal/slug"
)

// searchable reports whether a word is kept in the index: every word but
// a letter or digit on its own, which no reader searches for, and the stop
// words of English sites.
func searchable(w []byte, english bool) bool {
	return utf8.RuneCount(w) >= 2 && !(english && stopWords[string(w)])
}

// cut shortens text to at most max characters, at a word boundary, with
// an ellipsis.
func cut(text string, max int) string {
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	runes := []rune(text)[:max]
	i := len(runes)
	for i > 0 && !unicode.IsSpace(runes[i-1]) {
		i--
	}
	if i == 0 {
		i = len(runes)
	}
	return strings.TrimRightFunc(string(runes[:i]), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	}) + "…"
}

// eachSearchWord calls f with each word of text that search compares:
// letters and digits, lower-cased, accents and apostrophes removed, as
// search.js does to a query. Each is in buf (grown as needed, and returned
// for the next call), which f must not keep. The words are those of
// slug.Make(text) between its hyphens; text of ASCII and common
// typographic punctuation, which is most of a brief's, is split directly,
// without slug.Make's NFKD normalisation, which costs more than the rest.
func eachSearchWord(text string, buf []byte, f func(w []byte)) []byte {
	if !plainText(text) {
		for _, w := range strings.FieldsFunc(slug.Make(text), func(r rune) bool { return r == '-' }) {
			buf = append(buf[:0], w...)
			f(buf)
		}
		return buf
	}
	word := buf[:0]
	for _, r := range text {
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			word = append(word, byte(r))
		case 'A' <= r && r <= 'Z':
			word = append(word, byte(r+'a'-'A'))
		case r == '\'' || r == '’':
			// An apostrophe joins the parts of a word, as slug.Make does.
		default:
			if len(word) > 0 {
				f(word)
				word = word[:0]
			}
		}
	}
	if len(word) > 0 {
		f(word)
	}
	return word
}

// plainText reports whether text is made of ASCII and the typographic
// punctuation that NFKD leaves without letters or digits (curly quotes,
// dashes, ellipsis, guillemets, no-break space): text that
// eachSearchWord may split without slug.Make.
func plainText(text string) bool {
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf:
		case r == '’', r == '“', r == '”', r == '‘', r == '—', r == '–', r == '…', r == '«', r == '»', r == '\u00a0':
		default:
			return false
		}
	}
	return true
}

// stopWordList are English words too common to find anything with.
var stopWordList = strings.Fields(`a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during each few
for from further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours ourselves
out over own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves`)

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range stopWordList {
		m[w] = true
	}
	return m
}()
