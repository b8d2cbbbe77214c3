package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/slug"
)

type newFlags struct {
	source string
	dir    string
	bundle bool
	now    func() time.Time
}

func (f *newFlags) register(flags *flag.FlagSet) {
	flags.StringVar(&f.source, "s", ".", "the site's folder")
	flags.StringVar(&f.source, "source", ".", "the site's folder")
	flags.StringVar(&f.dir, "dir", "briefs", "the folder under content/ to write the brief in")
	flags.BoolVar(&f.bundle, "bundle", false, "write it as a page bundle, <slug>/index.md, with room for its photos beside it")
}

// briefTemplate is a new brief with every front matter field present. The
// text for the writer to replace is content's placeholders, which the
// check rule "placeholder" refuses to publish.
const briefTemplate = `+++
title = %q
date = %s
# updated = %s
authors = []
topics = []
summary = %q
draft = true

# A photo needs alt text and a credit. Put the file beside this brief in a
# page bundle (content/briefs/<slug>/index.md) or use an https:// URL.
# [photo]
# src = "photo.jpg"
# alt = %q
# credit = %q
# caption = ""

# [[go_deeper]]
# title = ""
# ref = "briefs/other-brief"    # or url = "https://..."

# [[corrections]]
# date = %s
# text = ""
+++
%s

**Why this matters:** 
`

// pageTemplate is a new standalone page: a title, a body and, once it
// should be linked from every page, a menu.
const pageTemplate = `+++
title = %q
summary = ""
# menu = "footer"    # or "header": link the page from every page
draft = true
+++
`

func runNew(_ context.Context, e *env, args []string) int {
	c := find("new")
	var f newFlags
	fset := flag.NewFlagSet("new", flag.ContinueOnError)
	f.register(fset)
	words, code, ok := parseInterspersed(e, c, fset, args)
	if !ok {
		return code
	}
	if len(words) == 0 || words[0] != "brief" && words[0] != "page" {
		return usageError(e, c, "say what to create: briefs new brief \"Title\" or briefs new page \"Title\"")
	}
	kind := words[0]
	if len(words) != 2 || strings.TrimSpace(words[1]) == "" {
		return usageError(e, c, "give the %s's title as one quoted argument", kind)
	}
	dirSet := false
	fset.Visit(func(fl *flag.Flag) { dirSet = dirSet || fl.Name == "dir" })
	if kind == "page" && dirSet {
		return usageError(e, c, "--dir is for briefs: a standalone page is always in content/pages/")
	}
	title := strings.TrimSpace(words[1])
	name := slug.Make(title)
	if name == "" {
		return usageError(e, c, "cannot make a file name from the title %q", title)
	}
	if strings.Contains(f.dir, "..") || filepath.IsAbs(f.dir) {
		return usageError(e, c, "--dir must be a folder inside content/")
	}
	cfg, err := config.Load(os.DirFS(f.source), config.FileName)
	if err != nil {
		reportErrors(e.stderr, err)
		return ExitFail
	}
	now := time.Now
	if f.now != nil {
		now = f.now
	}
	t := now().In(cfg.Location()).Truncate(time.Minute)
	stamp := t.Format(time.RFC3339)
	text := fmt.Sprintf(briefTemplate, title, stamp, stamp, content.PlaceholderSummary,
		content.PlaceholderPhotoAlt, content.PlaceholderPhotoCredit, stamp, content.PlaceholderLede)
	dir := filepath.Join("content", filepath.FromSlash(f.dir))
	if kind == "page" {
		text, dir = fmt.Sprintf(pageTemplate, title), filepath.FromSlash(content.PagesDir)
	}
	rel := filepath.Join(dir, name+".md")
	if f.bundle {
		rel = filepath.Join(dir, name, "index.md")
	}
	path := filepath.Join(f.source, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fmt.Fprintf(e.stderr, "briefs new: %v\n", err)
		return ExitFail
	}
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(e.stderr, "briefs new: %s already exists: choose another title\n", rel)
		return ExitFail
	}
	if err == nil {
		_, err = file.WriteString(text)
		err = errors.Join(err, file.Close())
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs new: %v\n", err)
		return ExitFail
	}
	fmt.Fprintf(e.stdout, "Created %s\n", rel)
	if kind == "page" {
		if f.bundle {
			fmt.Fprintf(e.stdout, "Put its images in %s, beside the page.\n", filepath.Dir(rel))
		}
		fmt.Fprintf(e.stdout, "It is a draft: preview it at /%s/ with briefs serve --drafts, set draft = false to publish it, "+
			"and menu = \"header\" or \"footer\" to link it from every page.\n", name)
		return ExitOK
	}
	if f.bundle {
		fmt.Fprintf(e.stdout, "Put its photo in %s and uncomment [photo] in the front matter.\n", filepath.Dir(rel))
	}
	fmt.Fprintf(e.stdout, "It is a draft: preview it with briefs serve --drafts, and set draft = false to publish it.\n")
	return ExitOK
}
