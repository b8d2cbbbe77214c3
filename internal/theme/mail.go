package theme

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"slices"

	"github.com/briefs-dev/briefs/internal/diag"
)

// MailFile is the file of a theme's layouts that says how a brief's HTML
// is styled in mail, the newsletter edition: a site overrides it like a
// template.
const MailFile = "mail.json"

// Mail is how a theme styles a brief's HTML in mail. Mail clients ignore
// style sheets, so each element gets an inline style.
type Mail struct {
	// Width is the width in pixels of the mail's column: images wider
	// are scaled down to it, and photos shown at it.
	Width int `json:"width"`
	// Styles holds the inline style of elements by name: "p", "a", "h2",
	// "img"...
	Styles map[string]string `json:"styles"`
}

// Mail returns how the theme styles a brief's HTML in mail.
func (t *Theme) Mail() Mail { return t.mail }

// loadMail reads the mail.json of the first layer that has one. Without
// one, mail HTML is written without styles and images keep their size.
func (t *Theme) loadMail(read func(rel string) ([]byte, string, error)) error {
	data, from, err := read(MailFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	t.mail, err = parseMail(data, from)
	return err
}

// parseMail reads a theme's mail.json; from names the file in errors.
func parseMail(data []byte, from string) (Mail, error) {
	at := func(offset int64, format string, args ...any) error {
		line, col := lineCol(data, offset)
		return diag.Errorf(diag.Pos{File: from, Line: line, Col: col}, format, args...)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return Mail{}, at(syntax.Offset-1, "%v", syntax)
		}
		return Mail{}, at(0, "want an object of width and styles")
	}
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if name != "width" && name != "styles" {
			quoted, _ := json.Marshal(name)
			return Mail{}, at(int64(max(bytes.Index(data, quoted), 0)), "unknown key %s: want width or styles", quoted)
		}
	}
	var m Mail
	if err := json.Unmarshal(data, &m); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return Mail{}, at(typ.Offset-1, "%s: want %s, not a %s", typ.Field, typ.Type, typ.Value)
		}
		return Mail{}, at(0, "%v", err)
	}
	if m.Width <= 0 {
		return Mail{}, diag.Errorf(diag.Pos{File: from}, "width must be a number of pixels above 0, not %d", m.Width)
	}
	return m, nil
}

// lineCol returns the line and column (in bytes, from 1) of the byte at
// offset in data.
func lineCol(data []byte, offset int64) (line, col int) {
	before := data[:min(max(int(offset), 0), len(data))]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = 1 + len(before) - (bytes.LastIndexByte(before, '\n') + 1)
	return line, col
}
