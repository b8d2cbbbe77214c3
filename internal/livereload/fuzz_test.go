package livereload

import (
	"bytes"
	"testing"
)

// FuzzInject feeds Inject arbitrary documents (a site's templates and
// content end up in them): it never panics, never changes the document,
// adds the tag exactly once, and puts it at a tag boundary: the start, the
// end, right after a ">" or right before a "<".
func FuzzInject(f *testing.F) {
	for _, seed := range []string{
		"",
		"text only",
		"<!doctype html><html><head><title>x</title></head><body></body></html>",
		`<!DOCTYPE html><HTML><HEAD lang="en" data-x="a>b"><TITLE>x</TITLE>`,
		"<!-- <head> --><body><head>",
		"<!-- unclosed <head>",
		"<?xml version='1.0'?><p>",
		"<head",
		"<head x='>",
		"a < b > c <<head>>",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, html []byte) {
		in := bytes.Clone(html)
		out := Inject(html)
		if !bytes.Equal(html, in) {
			t.Fatalf("Inject modified its input")
		}
		at := insertAt(html)
		if at < 0 || at > len(html) {
			t.Fatalf("insertAt(%q) = %d, outside the document", html, at)
		}
		want := append(append(append([]byte(nil), html[:at]...), scriptTag...), html[at:]...)
		if !bytes.Equal(out, want) {
			t.Fatalf("Inject(%q) = %q, want the tag at %d: %q", html, out, at, want)
		}
		if at > 0 && at < len(html) && html[at-1] != '>' && html[at] != '<' {
			t.Errorf("Inject(%q) puts the tag at %d, inside text or a tag: %q", html, at, out)
		}
	})
}
