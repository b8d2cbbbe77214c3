package main

import (
	"bytes"
	"context"
	"embed"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// hugoLayouts are the templates of the Hugo site: the pages briefs writes
// that Hugo can write the same way. A home page paginated by 10, a page
// per brief with its photo, credit, corrections and Go deeper links, topic
// and author pages, RSS feeds of 20 items and a sitemap (Hugo's own).
// They are written as a Hugo user who minds build times would write them,
// with no work on each page that grows with the site: the comparison must
// not make Hugo slower than it is (the templates say what they avoid).
//
//go:embed all:hugo/layouts
var hugoLayouts embed.FS

// runHugoSite converts a site to a Hugo site: briefs-bench hugo-site SITE DIR.
func runHugoSite(_ context.Context, args []string, stdout, _ io.Writer) error {
	fset := flag.NewFlagSet("hugo-site", flag.ContinueOnError)
	version := fset.String("hugo-version", "0.111", "the Hugo version to write the config for")
	rest, err := parseFlags(fset, args, stdout, 2)
	if err != nil {
		return err
	}
	n, err := writeHugoSite(rest[0], rest[1], *version)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote a Hugo site of %d briefs into %s\n", n, rest[1])
	return nil
}

// writeHugoSite writes into folder dst a Hugo site with the briefs of the
// site in folder src and the templates of hugoLayouts, configured for
// Hugo version (as "0.111.3"). It returns the number of briefs.
func writeHugoSite(src, dst, version string) (int, error) {
	if err := writeHugoTheme(dst, version); err != nil {
		return 0, err
	}
	n := 0
	err := filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".md") {
			if data, err = hugoBrief(data); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			n++
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644) // a photo goes as is
	})
	return n, err
}

// writeHugoTheme writes, or replaces, the config.toml and the layouts/ of
// the Hugo site in folder dst.
func writeHugoTheme(dst, version string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dst, "config.toml"), []byte(hugoConfig(version)), 0o644); err != nil {
		return err
	}
	if err := os.RemoveAll(filepath.Join(dst, "layouts")); err != nil {
		return err
	}
	layouts, err := fs.Sub(hugoLayouts, "hugo")
	if err != nil {
		return err
	}
	return os.CopyFS(dst, layouts)
}

// hugoConfig returns the config.toml of the Hugo site for Hugo version.
// The briefs' topics and authors are Hugo taxonomies; Hugo writes no
// list of the briefs section, which briefs has no page for either.
func hugoConfig(version string) string {
	paginate := "paginate = 10\n"
	if versionAtLeast(version, 0, 128) { // paginate moved to [pagination] in 0.128
		paginate = "[pagination]\npagerSize = 10\n"
	}
	return `baseURL = "https://example.org/"
title = "Generated Briefs"
languageCode = "en-us"
timeZone = "America/New_York"
disableKinds = ["section"]
[taxonomies]
topic = "topics"
author = "authors"
[services.rss]
limit = 20
` + paginate
}

var versionRE = regexp.MustCompile(`v?(\d+)\.(\d+)`)

// versionAtLeast reports whether version (as "0.111.3" or the output of
// hugo version) is major.minor or later.
func versionAtLeast(version string, major, minor int) bool {
	m := versionRE.FindStringSubmatch(version)
	if m == nil {
		return false
	}
	ma, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	return ma > major || ma == major && mi >= minor
}

// hugoFrontMatter is a brief's front matter as Hugo reads it. Hugo keeps
// keys it does not know (photo, go_deeper, corrections, summary) in the
// page's .Params; updated is Hugo's lastmod.
type hugoFrontMatter struct {
	Title       string       `toml:"title"`
	Date        time.Time    `toml:"date"`
	Lastmod     *time.Time   `toml:"lastmod,omitempty"`
	Draft       bool         `toml:"draft,omitempty"`
	Authors     []string     `toml:"authors,omitempty"`
	Topics      []string     `toml:"topics,omitempty"`
	Summary     string       `toml:"summary,omitempty"`
	Photo       *photo       `toml:"photo,omitempty"`
	GoDeeper    []goDeeper   `toml:"go_deeper,omitempty"`
	Corrections []correction `toml:"corrections,omitempty"`
}

// hugoBrief converts a brief to a Hugo page: the same TOML front matter
// with Hugo's names, and the same body. Links between briefs stay as they
// are (../brief-1/index.md): Hugo leaves them alone.
func hugoBrief(data []byte) ([]byte, error) {
	fm, body, err := decodeBrief(data)
	if err != nil {
		return nil, err
	}
	h := hugoFrontMatter{
		Title:       fm.Title,
		Date:        fm.Date,
		Draft:       fm.Draft,
		Authors:     fm.Authors,
		Topics:      fm.Topics,
		Summary:     fm.Summary,
		Photo:       fm.Photo,
		GoDeeper:    fm.GoDeeper,
		Corrections: fm.Corrections,
	}
	if !fm.Updated.IsZero() {
		h.Lastmod = &fm.Updated
	}
	var buf bytes.Buffer
	buf.WriteString("+++\n")
	if err := toml.NewEncoder(&buf).Encode(h); err != nil {
		return nil, err
	}
	buf.WriteString("+++\n")
	buf.Write(body)
	return buf.Bytes(), nil
}
