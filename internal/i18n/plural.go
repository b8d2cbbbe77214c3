package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// pluralForm returns the CLDR plural category of the whole number n in the
// translator's language: "one" for 1 in English, for 0 and 1 in French
// and Brazilian Portuguese.
func (t *Translator) pluralForm(n int) string {
	if n < 0 {
		n = -n
	}
	return formName(plural.Cardinal.MatchPlural(t.tag, n, 0, 0, 0, 0))
}

// neededForms returns the plural categories whole numbers take in the
// language, in the order of Categories. CLDR's rules for integers repeat
// within the first thousand and at the powers of ten above it (a rule
// such as French "many" for millions is met there), so those are tried.
func neededForms(tag language.Tag) []string {
	seen := map[string]bool{}
	try := func(n int) { seen[formName(plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0))] = true }
	for n := 0; n <= 1000; n++ {
		try(n)
	}
	for n := 10_000; n <= 1_000_000_000; n *= 10 {
		try(n)
		try(n + 1)
	}
	var out []string
	for _, c := range Categories {
		if seen[c] {
			out = append(out, c)
		}
	}
	return out
}

func formName(f plural.Form) string {
	switch f {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}
