package main

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// frontMatter is the front matter of a brief as the generated sites write
// it. The benchmark reads briefs on its own, without our content package:
// the floor and the Hugo site must not depend on the code they measure.
type frontMatter struct {
	Title       string       `toml:"title"`
	Date        time.Time    `toml:"date"`
	Updated     time.Time    `toml:"updated"`
	Authors     []string     `toml:"authors"`
	Topics      []string     `toml:"topics"`
	Summary     string       `toml:"summary"`
	Draft       bool         `toml:"draft"`
	Photo       *photo       `toml:"photo"`
	GoDeeper    []goDeeper   `toml:"go_deeper"`
	Corrections []correction `toml:"corrections"`
}

type photo struct {
	Src     string `toml:"src"`
	Alt     string `toml:"alt"`
	Credit  string `toml:"credit"`
	Caption string `toml:"caption,omitempty"`
}

type goDeeper struct {
	Title string `toml:"title"`
	Ref   string `toml:"ref,omitempty"`
	URL   string `toml:"url,omitempty"`
}

type correction struct {
	Date time.Time `toml:"date"`
	Text string    `toml:"text"`
}

// splitBrief splits a brief into its TOML front matter, between lines of
// "+++", and its Markdown body.
func splitBrief(data []byte) (front, body []byte, err error) {
	const fence = "+++\n"
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte(fence)) {
		return nil, nil, fmt.Errorf("no TOML front matter: the brief does not start with +++")
	}
	rest := data[len(fence):]
	if bytes.HasPrefix(rest, []byte(fence)) {
		return nil, rest[len(fence):], nil
	}
	end := bytes.Index(rest, []byte("\n"+fence))
	if end < 0 {
		return nil, nil, fmt.Errorf("the front matter has no closing +++")
	}
	return rest[:end+1], rest[end+1+len(fence):], nil
}

// decodeBrief decodes a brief's front matter and returns it with the body.
func decodeBrief(data []byte) (frontMatter, []byte, error) {
	var fm frontMatter
	front, body, err := splitBrief(data)
	if err != nil {
		return fm, nil, err
	}
	if _, err := toml.Decode(string(front), &fm); err != nil {
		return fm, nil, err
	}
	return fm, body, nil
}

// slugOf returns the slug of the brief at slash path p:
// "content/briefs/x.md" and "content/briefs/x/index.md" are both "x".
func slugOf(p string) string {
	p = strings.TrimSuffix(p, ".md")
	if path.Base(p) == "index" {
		p = path.Dir(p)
	}
	return path.Base(p)
}
