package check

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// countWords counts the words of plain text: runs of non-space characters
// that hold a letter or a digit, so that a dash standing alone is none.
func countWords(s string) int {
	n, counted := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case asciiSpace[c]:
				counted = false
			case !counted && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'):
				n++
				counted = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.IsSpace(r):
			counted = false
		case !counted && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			n++
			counted = true
		}
	}
	return n
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// nextWord returns the first run of non-space characters of s and what
// follows it, or "" when s holds none.
func nextWord(s string) (word, rest string) {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	j := i
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if unicode.IsSpace(r) {
			break
		}
		j += size
	}
	return s[i:j], s[j:]
}

// abbreviations end in a full stop that ends no sentence. Compared in
// lower case, without the stop.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "mx": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"sen": true, "rep": true, "gov": true, "gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "cmdr": true,
	"adm": true, "maj": true, "pres": true, "supt": true, "rev": true, "fr": true, "hon": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "bros": true, "dept": true, "univ": true, "assn": true,
	"vs": true, "etc": true, "approx": true, "est": true, "cf": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true,
	"thurs": true, "fri": true, "sat": true, "sun": true,
	"ave": true, "blvd": true, "rd": true, "mt": true, "ft": true, "hwy": true,
}

// numberAbbreviations are abbreviations only before a number: "No. 5",
// but "He said no."
var numberAbbreviations = map[string]bool{"no": true, "nos": true, "vol": true, "fig": true, "pp": true, "art": true, "ch": true}

// closers may follow a sentence's final stop.
const closers = "\"'”’)]»*_"

// countSentences counts the sentences of a paragraph's plain text. A
// sentence ends with '.', '!' or '?' (closing quotes and brackets may
// follow) before a word that starts with a capital letter, a digit or an
// opening quote. Where it cannot tell, as after "U.S." or "Oct.", it counts
// no new sentence: a limit must not fire on a paragraph that keeps to it.
func countSentences(s string) int {
	w, rest := nextWord(s)
	if w == "" {
		return 0
	}
	n := 1
	for {
		next, after := nextWord(rest)
		if next == "" {
			return n
		}
		if endsSentence(w, next) && startsSentence(next) {
			n++
		}
		w, rest = next, after
	}
}

// endsSentence reports whether word w, followed by next, ends a sentence.
func endsSentence(w, next string) bool {
	w = strings.TrimRight(w, closers)
	if w == "" {
		return false
	}
	switch w[len(w)-1] {
	case '!', '?':
		return true
	case '.':
	default:
		return false
	}
	core := strings.TrimRight(w, ".")
	if len(w)-len(core) > 1 || core == "" {
		return false // an ellipsis written as dots: the sentence may go on
	}
	if strings.Contains(core, ".") {
		return false // U.S., a.m., e.g.
	}
	// The last run of letters: "30–Nov" → "Nov", "(Sen" → "Sen".
	last := strings.LastIndexFunc(core, func(r rune) bool { return !unicode.IsLetter(r) })
	letters := core[last+1:]
	if last >= 0 {
		_, size := utf8.DecodeRuneInString(core[last:])
		letters = core[last+size:]
	}
	if utf8.RuneCountInString(letters) == 1 && unicode.IsUpper([]rune(letters)[0]) {
		return false // an initial: "J. Smith"
	}
	lower := strings.ToLower(letters)
	if numberAbbreviations[lower] {
		r, _ := utf8.DecodeRuneInString(next)
		return !unicode.IsDigit(r)
	}
	return !abbreviations[lower]
}

func startsSentence(w string) bool {
	w = strings.TrimLeft(w, "\"'“‘([«*_")
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}
