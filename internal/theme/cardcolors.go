package theme

import (
	"bytes"
	"image/color"
	"io/fs"
	"path"
	"strings"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/diag"
)

// Stylesheet is the asset whose custom properties give the colours of
// drawn social cards.
const Stylesheet = "style.css"

// CardColors are the colours of the social cards drawn for briefs without
// a photo, as the theme's stylesheet sets them in its first top-level
// :root rule: --card-background, --card-text and --card-accent, else the
// page's own --bg, --ink and --accent. A colour it does not set is the
// zero colour.
type CardColors struct {
	Background, Text, Accent color.RGBA
}

// CardColors returns the theme's colours of drawn social cards.
func (t *Theme) CardColors() CardColors { return t.cardColors }

// loadCardColors reads the card colours of the stylesheet among the
// theme's assets; from names it in errors.
func (t *Theme) loadCardColors(fsys fs.FS, name string) error {
	from := "(embedded default theme) assets/" + Stylesheet
	if p := path.Join("themes", name, "assets", Stylesheet); fileExists(fsys, p) {
		from = p
	}
	var err error
	t.cardColors, err = cardColors(t.assets[Stylesheet], from)
	return err
}

func fileExists(fsys fs.FS, p string) bool {
	_, err := fs.Stat(fsys, p)
	return err == nil
}

// cardColors reads the card colours of the stylesheet css. A --card-*
// property that is not a colour is an error at its value; one of the
// page's properties that is not a colour briefs reads (a var(), a named
// colour) is passed over.
func cardColors(css []byte, from string) (CardColors, error) {
	props := rootProperties(css)
	var c CardColors
	var errs diag.List
	for _, slot := range []struct {
		dst        *color.RGBA
		card, page string
	}{{&c.Background, "--card-background", "--bg"}, {&c.Text, "--card-text", "--ink"}, {&c.Accent, "--card-accent", "--accent"}} {
		if p, ok := props[slot.card]; ok {
			v, err := config.ParseColor(p.value)
			if err != nil {
				line, col := diag.LineCol(css, p.offset)
				errs.Addf(diag.Pos{File: from, Line: line, Col: col}, "%s: %v", slot.card, err)
			}
			*slot.dst = v
			continue
		}
		if p, ok := props[slot.page]; ok {
			if v, err := config.ParseColor(p.value); err == nil {
				*slot.dst = v
			}
		}
	}
	return c, errs.Err()
}

// property is the value of a custom property and its offset in the
// stylesheet.
type property struct {
	value  string
	offset int
}

// rootProperties returns the custom properties ("--bg") that the first
// top-level :root rule of a stylesheet declares, the last declaration of
// each winning, as in CSS. Comments and quoted strings are read as CSS
// reads them; rules nested in :root, and :root rules inside @media and
// other at-rules, are passed over.
func rootProperties(css []byte) map[string]property {
	text := blankComments(css)
	props := map[string]property{}
	depth, start := 0, 0 // start: of the current selector, or declaration in :root
	inRoot := false
	declare := func(end int) {
		decl := text[start:end]
		colon := bytes.IndexByte(decl, ':')
		if colon < 0 {
			return
		}
		name := string(bytes.TrimSpace(decl[:colon]))
		if !strings.HasPrefix(name, "--") {
			return
		}
		value := decl[colon+1:]
		lead := len(value) - len(bytes.TrimLeft(value, " \t\r\n\f"))
		props[name] = property{string(bytes.TrimSpace(value)), start + colon + 1 + lead}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '"', '\'':
			i = stringEnd(text, i)
		case '\\':
			i++ // an escaped character is no delimiter
		case '{':
			if depth == 0 && string(bytes.TrimSpace(text[start:i])) == ":root" {
				inRoot = true
				start = i + 1
			}
			depth++
		case '}':
			if depth == 0 {
				start = i + 1 // a stray brace
				continue
			}
			depth--
			switch {
			case depth == 0 && inRoot:
				declare(i)
				return props
			case depth <= 1:
				start = i + 1
			}
		case ';':
			if depth == 1 && inRoot {
				declare(i)
			}
			if depth <= 1 {
				start = i + 1
			}
		}
	}
	if inRoot && depth == 1 {
		declare(len(text)) // a stylesheet cut short inside :root
	}
	return props
}

// stringEnd returns the offset of the quote that closes the string
// opening at i, or the last offset of text.
func stringEnd(text []byte, i int) int {
	quote := text[i]
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			j++
		case quote, '\n':
			return j
		}
	}
	return len(text) - 1
}

// blankComments returns a copy of css with its comments turned to
// spaces (newlines kept), so that offsets in it are offsets in css.
func blankComments(css []byte) []byte {
	text := bytes.Clone(css)
	for i := 0; i+1 < len(text); i++ {
		switch text[i] {
		case '"', '\'':
			i = stringEnd(text, i)
		case '/':
			if text[i+1] != '*' {
				continue
			}
			end := bytes.Index(text[i+2:], []byte("*/"))
			stop := len(text)
			if end >= 0 {
				stop = i + 2 + end + 2
			}
			for j := i; j < stop; j++ {
				if text[j] != '\n' {
					text[j] = ' '
				}
			}
			i = stop - 1
		}
	}
	return text
}
