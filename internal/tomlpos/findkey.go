// Package tomlpos finds positions and checks limits in TOML text: where a
// key is set, which keys a decode left unknown, how deep a document nests,
// and the position of a toml package error. config.toml and the front
// matter of briefs are both read with it.
package tomlpos

import (
	"bytes"
	"strings"

	"github.com/BurntSushi/toml"
)

// FindKey returns the line and column where key is set in the TOML document
// src, or 0, 0 when it cannot tell. The toml package reports the names of
// undecoded keys but not their positions, so this scans the document's table
// headers and key lines the way TOML defines them.
func FindKey(src []byte, key toml.Key) (line, col int) {
	if len(key) == 0 {
		return 0, 0
	}
	var table []string // the current [table] or [[array]] header
	open := ""         // the delimiter of the multi-line string being read
	for n, raw := range bytes.Split(src, []byte("\n")) {
		text := strings.TrimRight(string(raw), "\r")
		inString := open != ""
		open = scanStrings(text, open)
		if inString {
			continue // a line of a multi-line string holds no keys
		}
		trimmed := strings.TrimLeft(text, " \t")
		indent := len(text) - len(trimmed)
		switch {
		case strings.HasPrefix(trimmed, "#"), trimmed == "":
			continue
		case strings.HasPrefix(trimmed, "["):
			name := strings.Trim(strings.SplitN(trimmed, "]", 2)[0], "[ \t")
			table = splitDotted(name)
			// A header is where a whole unknown table is defined.
			if equalKeys(table, key) {
				return n + 1, indent + 1
			}
			continue
		}
		eq := strings.IndexByte(trimmed, '=')
		if eq < 0 {
			continue
		}
		full := append(append([]string(nil), table...), splitDotted(trimmed[:eq])...)
		if equalKeys(full, key) || (len(full) < len(key) && equalKeys(full, key[:len(full)]) &&
			strings.Contains(trimmed[eq:], key[len(key)-1])) {
			// Either the key itself, or an inline table holding it.
			if c := strings.Index(text, key[len(key)-1]); len(full) < len(key) && c >= 0 {
				return n + 1, c + 1
			}
			return n + 1, indent + 1
		}
	}
	return 0, 0
}

// scanStrings reads line, which starts inside the multi-line string opened
// by open (if not ""), and returns the delimiter of the multi-line string
// still open at its end, or "".
func scanStrings(line, open string) string {
	for i := 0; i < len(line); {
		if open != "" {
			j := strings.Index(line[i:], open)
			for open == `"""` && j > 0 && escaped(line, i+j) {
				k := strings.Index(line[i+j+1:], open)
				if k < 0 {
					j = -1
					break
				}
				j += 1 + k
			}
			if j < 0 {
				return open
			}
			i += j + len(open)
			for i < len(line) && line[i] == open[0] {
				i++ // a string may end in up to two quotes of its own
			}
			open = ""
			continue
		}
		switch c := line[i]; {
		case c == '#':
			return ""
		case strings.HasPrefix(line[i:], `"""`), strings.HasPrefix(line[i:], "'''"):
			open = line[i : i+3]
			i += 3
		case c == '"' || c == '\'':
			i++
			for i < len(line) && line[i] != c {
				if c == '"' && line[i] == '\\' {
					i++
				}
				i++
			}
			i++
		default:
			i++
		}
	}
	return open
}

// escaped reports whether line[i] follows an odd number of backslashes.
func escaped(line string, i int) bool {
	n := 0
	for i > 0 && line[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}

// splitDotted splits a TOML key such as `a. "b.c" .d` into its parts.
func splitDotted(s string) []string {
	var parts []string
	var cur strings.Builder
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		case c == ' ' || c == '\t':
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

func equalKeys(a []string, b toml.Key) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
