package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{}, ""},
		{Pos{File: "x.md"}, "x.md"},
		{Pos{File: "x.md", Line: 3}, "x.md:3"},
		{Pos{File: "x.md", Line: 3, Col: 7}, "x.md:3:7"},
		{Pos{File: "x.md", Col: 7}, "x.md"}, // a column without a line means nothing
		{Pos{Line: 2, Col: 1}, ":2:1"},
		{Pos{File: "content/briefs/x.md", Line: 12, Col: 3}, "content/briefs/x.md:12:3"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.pos.String(); got != tt.want {
				t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"no position", &Error{Msg: "boom"}, "boom"},
		{"file only", &Error{Pos: Pos{File: "a.md"}, Msg: "boom"}, "a.md: boom"},
		{"full", Errorf(Pos{File: "a.md", Line: 2, Col: 1}, "unknown key %q", "titel"), `a.md:2:1: unknown key "titel"`},
		{"wrap", Wrap(Pos{File: "a.md", Line: 4}, fs.ErrNotExist), "a.md:4: file does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWrapUnwrap(t *testing.T) {
	err := Wrap(Pos{File: "a.md"}, fmt.Errorf("reading: %w", fs.ErrPermission))
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("errors.Is(%v, fs.ErrPermission) = false, want true", err)
	}
	if got := Errorf(Pos{}, "x").Unwrap(); got != nil {
		t.Errorf("Errorf(...).Unwrap() = %v, want nil", got)
	}
}

func TestListAdd(t *testing.T) {
	e1 := Errorf(Pos{File: "a.md", Line: 1}, "one")
	e2 := Errorf(Pos{File: "b.md", Line: 2}, "two")
	e3 := Errorf(Pos{File: "c.md", Line: 3}, "three")
	plain := errors.New("plain")
	tests := []struct {
		name string
		add  []error
		want []string
	}{
		{"nil", []error{nil}, nil},
		{"empty list", []error{List(nil)}, nil},
		{"one error", []error{e1}, []string{"a.md:1: one"}},
		{"list flattened", []error{List{e1, e2}, e3}, []string{"a.md:1: one", "b.md:2: two", "c.md:3: three"}},
		{"wrapped list flattened", []error{fmt.Errorf("build: %w", List{e1, e2})}, []string{"a.md:1: one", "b.md:2: two"}},
		{"wrapped error keeps position", []error{fmt.Errorf("x: %w", e3)}, []string{"c.md:3: three"}},
		{"plain error", []error{plain}, []string{"plain"}},
		{"typed nil *Error", []error{(*Error)(nil)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l List
			for _, err := range tt.add {
				l.Add(err)
			}
			var got []string
			for _, e := range l {
				got = append(got, e.Error())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("after Add: %q, want %q", got, tt.want)
			}
		})
	}
}

func TestListAddPlainKeepsError(t *testing.T) {
	var l List
	l.Add(fs.ErrNotExist)
	if !errors.Is(l.Err(), fs.ErrNotExist) {
		t.Errorf("errors.Is(list, fs.ErrNotExist) = false, want true")
	}
}

func TestListSort(t *testing.T) {
	l := List{
		Errorf(Pos{File: "b.md", Line: 1, Col: 1}, "b"),
		Errorf(Pos{File: "a.md", Line: 10, Col: 1}, "a10"),
		Errorf(Pos{File: "a.md", Line: 2, Col: 5}, "a2:5"),
		Errorf(Pos{File: "a.md", Line: 2, Col: 1}, "z"),
		Errorf(Pos{File: "a.md", Line: 2, Col: 1}, "y"),
		Errorf(Pos{}, "no position"),
	}
	l.Sort()
	var got []string
	for _, e := range l {
		got = append(got, e.Msg)
	}
	want := []string{"no position", "y", "z", "a2:5", "a10", "b"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sorted = %q, want %q", got, want)
	}
}

func TestListErr(t *testing.T) {
	var l List
	if err := l.Err(); err != nil {
		t.Errorf("empty List.Err() = %v, want nil", err)
	}
	l.Addf(Pos{File: "b.md", Line: 1}, "second")
	l.Addf(Pos{File: "a.md", Line: 1}, "first")
	err := l.Err()
	if err == nil {
		t.Fatal("List.Err() = nil, want an error")
	}
	if got, want := err.Error(), "a.md:1: first\nb.md:1: second"; got != want {
		t.Errorf("List.Err().Error() = %q, want %q", got, want)
	}
}

func TestListError(t *testing.T) {
	make := func(n int) List {
		var l List
		for i := range n {
			l.Addf(Pos{File: "x.md", Line: i + 1}, "e%d", i+1)
		}
		return l
	}
	lines := func(from, to int) string {
		var s []string
		for i := from; i <= to; i++ {
			s = append(s, fmt.Sprintf("x.md:%d: e%d", i, i))
		}
		return strings.Join(s, "\n")
	}
	tests := []struct {
		n    int
		want string
	}{
		{0, "no errors"},
		{1, "x.md:1: e1"},
		{2, lines(1, 2)},
		{10, lines(1, 10)},
		{11, lines(1, 10) + "\nand 1 more errors"},
		{25, lines(1, 10) + "\nand 15 more errors"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			if got := make(tt.n).Error(); got != tt.want {
				t.Errorf("List of %d: Error() = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}

type codeError struct{ code int }

func (e *codeError) Error() string { return fmt.Sprintf("code %d", e.code) }

func TestListAs(t *testing.T) {
	var l List
	l.Addf(Pos{File: "a.md", Line: 1}, "first")
	l.Add(Wrap(Pos{File: "b.md", Line: 2}, &codeError{42}))
	err := fmt.Errorf("build failed: %w", l.Err())

	var ce *codeError
	if !errors.As(err, &ce) || ce.code != 42 {
		t.Errorf("errors.As(err, *codeError) = %v, want code 42", ce)
	}
	var de *Error
	if !errors.As(err, &de) || de.Pos.File != "a.md" {
		t.Errorf("errors.As(err, *Error) = %v, want the first error, in a.md", de)
	}
	var list List
	if !errors.As(err, &list) || len(list) != 2 {
		t.Errorf("errors.As(err, List) = %v, want both errors", list)
	}
	if !errors.Is(err, l[1]) {
		t.Errorf("errors.Is(err, second) = false, want true")
	}
}

func TestLineCol(t *testing.T) {
	src := []byte("ab\ncd\n\nxyz")
	tests := []struct {
		offset    int
		line, col int
	}{
		{-5, 1, 1},
		{0, 1, 1},
		{1, 1, 2},
		{2, 1, 3}, // the newline ends line 1
		{3, 2, 1},
		{5, 2, 3},
		{6, 3, 1}, // the empty line
		{7, 4, 1},
		{9, 4, 3},
		{10, 4, 4}, // end of input
		{99, 4, 4}, // past the end
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.offset), func(t *testing.T) {
			line, col := LineCol(src, tt.offset)
			if line != tt.line || col != tt.col {
				t.Errorf("LineCol(%q, %d) = %d:%d, want %d:%d", src, tt.offset, line, col, tt.line, tt.col)
			}
		})
	}
	if line, col := LineCol(nil, 3); line != 1 || col != 1 {
		t.Errorf("LineCol(nil, 3) = %d:%d, want 1:1", line, col)
	}
}

func TestExcerpt(t *testing.T) {
	src := []byte("one\ntwo\r\nthree\nfour\nfive\n")
	tests := []struct {
		name          string
		src           []byte
		line, context int
		want          []Line
	}{
		{"middle", src, 3, 1, []Line{{2, "two", false}, {3, "three", true}, {4, "four", false}}},
		{"first", src, 1, 2, []Line{{1, "one", true}, {2, "two", false}, {3, "three", false}}},
		{"last", src, 5, 2, []Line{{3, "three", false}, {4, "four", false}, {5, "five", true}}},
		{"no context", src, 2, 0, []Line{{2, "two", true}}},
		{"past end", src, 9, 1, nil},
		{"just past end", src, 6, 1, []Line{{5, "five", false}}},
		{"line 0", src, 0, 1, nil},
		{"empty source", nil, 1, 1, []Line{{1, "", true}}},
		{"no trailing newline", []byte("a\nb"), 2, 5, []Line{{1, "a", false}, {2, "b", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Excerpt(tt.src, tt.line, tt.context)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Excerpt(%q, %d, %d) = %+v, want %+v", tt.src, tt.line, tt.context, got, tt.want)
			}
		})
	}
}
