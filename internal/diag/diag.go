// Package diag carries source positions and collects the errors of a build so they can be reported together.
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a source file. Line and Col count from 1; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, leaving out the parts that are unknown.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Error is an error at a position.
type Error struct {
	Pos Pos
	Msg string
	Err error // optional underlying error, reachable with errors.Is/As
}

// Errorf returns an *Error at pos with a formatted message.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error at pos whose message is err's text.
func Wrap(pos Pos, err error) *Error {
	return &Error{Pos: pos, Msg: err.Error(), Err: err}
}

func (e *Error) Error() string {
	if p := e.Pos.String(); p != "" {
		return p + ": " + e.Msg
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// List collects errors. The zero value is an empty list ready to use.
type List []*Error

// Add appends err to the list. A List or *Error inside err is flattened; any
// other error is kept with an empty position.
func (l *List) Add(err error) {
	if e, ok := err.(*Error); err == nil || ok && e == nil {
		return // a nil *Error returned as an error is no error
	}
	var list List
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		*l = append(*l, e)
		return
	}
	*l = append(*l, &Error{Msg: err.Error(), Err: err})
}

// Addf appends a formatted error at pos.
func (l *List) Addf(pos Pos, format string, args ...any) {
	*l = append(*l, Errorf(pos, format, args...))
}

// Sort orders the list by file, line, column and message.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Col != b.Col:
			return a.Col < b.Col
		}
		return l[i].Msg < l[j].Msg
	})
}

// Err returns nil for an empty list and the sorted list otherwise.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// maxShown is how many errors Error prints before "and N more".
const maxShown = 10

// Error prints up to ten errors, one per line, and "and N more" for the rest.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i == maxShown {
			fmt.Fprintf(&b, "\nand %d more errors", len(l)-maxShown)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap gives errors.Is and errors.As access to every error in the list.
func (l List) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// LineCol converts a byte offset in src to a 1-based line and column. The
// column counts bytes, as Go's own tools do.
func LineCol(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	if offset < 0 {
		offset = 0
	}
	line = 1
	lineStart := 0
	for i := 0; i < offset; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, offset - lineStart + 1
}

// Excerpt returns up to context lines before and after line (1-based) of src,
// each with its number, for showing an error in its surroundings.
func Excerpt(src []byte, line, context int) []Line {
	if line < 1 {
		return nil
	}
	var out []Line
	n := 1
	for len(src) > 0 || n == 1 {
		text := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			text, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if n >= line-context && n <= line+context {
			out = append(out, Line{N: n, Text: strings.TrimRight(string(text), "\r"), Focus: n == line})
		}
		if n > line+context || len(src) == 0 {
			break
		}
		n++
	}
	return out
}

// Line is one numbered source line of an Excerpt.
type Line struct {
	N     int
	Text  string
	Focus bool
}
