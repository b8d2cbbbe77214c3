package tomlpos

import "bytes"

// Depth returns the offset in the TOML document text of the first key
// or value nested deeper than max levels, and false; or true. The levels
// of a key are the parts of its [table] header, of the keys whose values
// (inline tables, arrays) hold it, and its own parts; an array is a level
// too. The toml package takes time quadratic in that depth and worse (a
// value 15,000 inline tables deep, 60 KB, took five minutes), so a
// document from outside is checked first, in one pass.
func Depth(text []byte, max int) (offset int, ok bool) {
	var stack []int // what each open array or inline table adds to path
	var braces []bool
	header, path := 0, 0 // parts of the [header]; levels of the open values
	keyStart, parts := -1, 0
	inKey := true     // at a key: a line's start, or after { or , in a table
	afterKey := false // right after a key's "="
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '#':
			for i < len(text) && text[i] != '\n' {
				i++
			}
			i--
		case c == ' ' || c == '\t' || c == '\r':
		case c == '\n':
			if len(stack) == 0 {
				inKey, keyStart, parts = true, -1, 0
			}
		case c == '[' && inKey && len(stack) == 0 && keyStart < 0:
			// A [table] or [[array of tables]] header.
			start := i
			header = 1
			for i++; i < len(text) && text[i] != '\n' && text[i] != ']'; i++ {
				switch text[i] {
				case '.':
					header++
				case '"', '\'':
					i = skipTOMLString(text, i) - 1
				}
			}
			if header > max {
				return start, false
			}
			for i < len(text) && text[i] != '\n' {
				i++
			}
			i--
		case inKey:
			if keyStart < 0 {
				keyStart = i
			}
			switch c {
			case '"', '\'':
				i = skipTOMLString(text, i) - 1
			case '.':
				parts++
			case '=':
				if header+path+parts+1 > max {
					return keyStart, false
				}
				inKey, afterKey = false, true
				continue
			}
		case c == '"' || c == '\'':
			i = skipTOMLString(text, i) - 1
		case c == '{' || c == '[':
			add := 0
			if afterKey {
				add = parts + 1 // the key whose value this is
			}
			if c == '[' {
				add++ // an array is a level of its own
			}
			stack, braces = append(stack, add), append(braces, c == '{')
			path += add
			parts = 0
			if header+path > max {
				return i, false
			}
			if c == '{' {
				inKey, keyStart = true, -1
			}
		case (c == '}' || c == ']') && len(stack) > 0:
			path -= stack[len(stack)-1]
			stack, braces = stack[:len(stack)-1], braces[:len(braces)-1]
		case c == ',' && len(stack) > 0 && braces[len(braces)-1]:
			inKey, keyStart, parts = true, -1, 0
		}
		if c != ' ' && c != '\t' {
			afterKey = false
		}
	}
	return 0, true
}

// skipTOMLString returns the offset after the TOML string that starts at
// text[i], a quote: basic or literal, on one line or three-quoted.
func skipTOMLString(text []byte, i int) int {
	q := text[i]
	if bytes.HasPrefix(text[i:], []byte{q, q, q}) {
		end := bytes.Index(text[i+3:], []byte{q, q, q})
		for q == '"' && end >= 0 && escapedAt(text, i+3+end) {
			next := bytes.Index(text[i+3+end+1:], []byte{q, q, q})
			if next < 0 {
				end = -1
				break
			}
			end += 1 + next
		}
		if end < 0 {
			return len(text)
		}
		return i + 3 + end + 3
	}
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j + 1
		case '\n':
			return j
		}
	}
	return len(text)
}

// escapedAt reports whether text[i] follows an odd number of backslashes.
func escapedAt(text []byte, i int) bool {
	n := 0
	for i > 0 && text[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}
