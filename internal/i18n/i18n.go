// Package i18n holds the words of a theme in each language: translation
// files (themes/<name>/i18n/<lang>.toml, a site's i18n/<lang>.toml over
// single strings), plural forms by CLDR's rules, lookup by BCP 47 tag with
// fallback to English, and dates and times written as the language writes
// them.
package i18n

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/briefs-dev/briefs/internal/diag"
)

// Fallback is the language of the last resort: every theme has every
// string in English.
const Fallback = "en"

// Layer is one folder of translation files: <Dir>/<lang>.toml in FS. Name
// is how errors name the folder.
type Layer struct {
	FS   fs.FS
	Dir  string
	Name string
}

// Catalog is every translation a site has: by language, each key's message
// from the first layer that sets it.
type Catalog struct {
	langs map[string]map[string]Message // by canonical tag ("es-MX")
}

// Load reads the translation files of layers, the first over the next: a
// key set in a site's i18n/es.toml wins over the theme's es.toml, whose
// other keys stay. A file's name must be a BCP 47 tag. A missing folder is
// no error.
func Load(layers ...Layer) (*Catalog, error) {
	c := &Catalog{langs: map[string]map[string]Message{}}
	var errs diag.List
	for i := len(layers) - 1; i >= 0; i-- { // the last is overlaid by the ones before
		l := layers[i]
		entries, err := fs.ReadDir(l.FS, l.Dir)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".toml") || strings.HasPrefix(name, ".") {
				continue
			}
			file := path.Join(l.Name, name)
			tag, err := language.Parse(strings.TrimSuffix(name, ".toml"))
			if err != nil {
				errs.Addf(diag.Pos{File: file}, "the file's name is not a BCP 47 language tag such as es.toml or pt-BR.toml")
				continue
			}
			data, err := fs.ReadFile(l.FS, path.Join(l.Dir, name))
			if err != nil {
				errs.Add(err)
				continue
			}
			msgs, err := Parse(file, data)
			if err != nil {
				errs.Add(err)
				continue
			}
			lang := c.langs[tag.String()]
			if lang == nil {
				lang = map[string]Message{}
				c.langs[tag.String()] = lang
			}
			for k, m := range msgs {
				lang[k] = m
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// Languages returns the tags the catalog has files for, as written
// canonically ("pt-BR").
func (c *Catalog) Languages() []string { return sortedKeys(c.langs) }

// For returns the translator of the language tag (BCP 47, as config.toml's
// language): its messages are looked up in the tag, then its parents
// ("es-MX", "es-419", "es"), then English. A tag that does not parse is
// looked up as English.
func (c *Catalog) For(tag string) *Translator {
	t, err := language.Parse(tag)
	if err != nil {
		t = language.English
	}
	tr := &Translator{tag: t, printer: message.NewPrinter(t)}
	for p := t; ; p = p.Parent() {
		if m := c.langs[p.String()]; m != nil {
			tr.chain = append(tr.chain, m)
		}
		if p == language.Und || p.IsRoot() {
			break
		}
	}
	tr.own = len(tr.chain)
	if base, _ := t.Base(); base.String() != Fallback {
		if m := c.langs[Fallback]; m != nil {
			tr.chain = append(tr.chain, m)
		}
	}
	tr.latin = tr.printer.Sprint(123) == "123"
	tr.forms = neededForms(t)
	tr.dates = tr.compileDates()
	tr.plain = map[string]any{}
	for i := len(tr.chain) - 1; i >= 0; i-- {
		for key, m := range tr.chain[i] {
			text, ok := m.Forms["other"]
			switch {
			case !ok || len(m.Forms) > 1 || strings.IndexByte(text, '{') >= 0:
				delete(tr.plain, key)
			case strings.HasSuffix(key, "_html"):
				tr.plain[key] = template.HTML(text)
			default:
				tr.plain[key] = text
			}
		}
	}
	return tr
}

// Translator writes the messages of one language.
type Translator struct {
	tag     language.Tag
	chain   []map[string]Message // the language, its parents, then English
	own     int                  // how many of chain are the language's own
	printer *message.Printer
	forms   []string // the plural categories the language's integers take
	dates   dateFormats
	// latin is whether the language writes numbers in ASCII digits: then
	// a number under 1,000, which no language groups, needs no printer.
	latin bool
	// plain holds the result of T for each message without placeholders
	// or plural forms, made once: most of a page's words.
	plain map[string]any
}

// Tag returns the language.
func (t *Translator) Tag() language.Tag { return t.tag }

// Lookup returns the message of key, from the language or its fallbacks.
func (t *Translator) Lookup(key string) (Message, bool) {
	for _, m := range t.chain {
		if msg, ok := m[key]; ok {
			return msg, true
		}
	}
	return Message{}, false
}

// Own returns the message of key from the language or its parents only,
// not the English fallback: what briefs check asks to find a string
// missing in the site's language.
func (t *Translator) Own(key string) (Message, bool) {
	for _, m := range t.chain[:t.own] {
		if msg, ok := m[key]; ok {
			return msg, true
		}
	}
	return Message{}, false
}

// HasOwn reports whether any translation file is in the language, or in
// one of its parents, rather than only in the English fallback.
func (t *Translator) HasOwn() bool { return t.own > 0 }

// Forms returns the plural categories that the language's whole numbers
// take, such as ["one", "other"]: the forms a counted message needs.
func (t *Translator) Forms() []string { return t.forms }

// T returns the message of key with its {placeholders} filled from args,
// pairs of a name and a value. The value named count chooses the plural
// form, and is written with the language's digit grouping, as is any
// other whole number. A key ending in "_html" is a message with markup:
// its result is template.HTML, with the values HTML-escaped; every other
// result is a string, escaped where the template puts it.
func (t *Translator) T(key string, args ...any) (any, error) {
	if v, ok := t.plain[key]; ok && len(args) == 0 {
		return v, nil
	}
	msg, ok := t.Lookup(key)
	if !ok {
		return nil, fmt.Errorf("no translation of %q in %s or English", key, t.tag)
	}
	if len(args)%2 != 0 {
		return nil, fmt.Errorf("T %q: arguments must be pairs of a name and a value", key)
	}
	form := "other"
	values := make(map[string]string, len(args)/2)
	isHTML := strings.HasSuffix(key, "_html")
	for i := 0; i < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok {
			return nil, fmt.Errorf("T %q: argument %d must be a name, not %v", key, i+1, args[i])
		}
		v := t.value(args[i+1])
		if name == "count" {
			n, ok := toInt(args[i+1])
			if !ok {
				return nil, fmt.Errorf("T %q: count must be a whole number, not %v", key, args[i+1])
			}
			form = t.pluralForm(n)
		}
		if isHTML {
			v = html.EscapeString(v)
		}
		values[name] = v
	}
	text, ok := msg.Forms[form]
	if !ok {
		text = msg.Forms["other"]
	}
	out, err := fill(text, values)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", msg.Pos, key, err)
	}
	if isHTML {
		return template.HTML(out), nil
	}
	return out, nil
}

// String is T for the messages that are text: a key ending in _html
// gives its markup as a string.
func (t *Translator) String(key string, args ...any) (string, error) {
	v, err := t.T(key, args...)
	if err != nil {
		return "", err
	}
	if h, ok := v.(template.HTML); ok {
		return string(h), nil
	}
	return v.(string), nil
}

// Messages returns the messages of keys as JSON-ready maps of their plural
// forms, for a script that formats them itself (the search page): each
// form the language takes, the others falling back to "other".
func (t *Translator) Messages(keys ...string) (map[string]map[string]string, error) {
	out := make(map[string]map[string]string, len(keys))
	for _, k := range keys {
		msg, ok := t.Lookup(k)
		if !ok {
			return nil, fmt.Errorf("no translation of %q in %s or English", k, t.tag)
		}
		forms := map[string]string{"other": msg.Forms["other"]}
		if len(msg.Forms) > 1 {
			for _, f := range t.forms {
				if s, ok := msg.Forms[f]; ok {
					forms[f] = s
				}
			}
		}
		out[k] = forms
	}
	return out, nil
}

// value writes an argument of T: whole numbers with the language's digit
// grouping ("12.345" in German), the rest as fmt does.
func (t *Translator) value(v any) string {
	if n, ok := toInt(v); ok {
		if t.latin && n > -1000 && n < 1000 {
			return strconv.Itoa(n)
		}
		return t.printer.Sprint(n)
	}
	switch v := v.(type) {
	case string:
		return v
	case template.HTML:
		return string(v)
	}
	return fmt.Sprint(v)
}

func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case int32:
		return int(n), true
	case uint32:
		return int(n), true
	}
	return 0, false
}

// fill replaces each {name} of text with values[name]; a name without a
// value is an error, so that a misspelt placeholder fails the build.
func fill(text string, values map[string]string) (string, error) {
	if strings.IndexByte(text, '{') < 0 {
		return text, nil
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			b.WriteString(text)
			return b.String(), nil
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("a { that is not closed in %q", text)
		}
		name := text[i+1 : i+j]
		v, ok := values[name]
		if !ok {
			return "", fmt.Errorf("no value for {%s}", name)
		}
		b.WriteString(text[:i])
		b.WriteString(v)
		text = text[i+j+1:]
	}
}

// Hash writes every message of the catalog to h, in a fixed order: the
// pages of a site change when this does.
func (c *Catalog) Hash(h io.Writer) {
	for _, lang := range sortedKeys(c.langs) {
		msgs := c.langs[lang]
		fmt.Fprintf(h, "%s\x00", lang)
		for _, k := range sortedKeys(msgs) {
			m := msgs[k]
			fmt.Fprintf(h, "%s\x00", k)
			for _, f := range sortedKeys(m.Forms) {
				fmt.Fprintf(h, "%s=%s\x00", f, m.Forms[f])
			}
			for _, item := range m.List {
				fmt.Fprintf(h, "%s\x00", item)
			}
		}
	}
}

// OGLocale writes the language tag as Open Graph's og:locale does,
// language_TERRITORY, with the language's most likely territory when the
// tag has none: "en_US" for "en-US", "es_ES" for "es", "pt_BR" for "pt". A
// tag that does not parse is returned with its hyphens as underscores.
func OGLocale(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return strings.ReplaceAll(tag, "-", "_")
	}
	base, _ := t.Base()
	region, _ := t.Region()
	return base.String() + "_" + region.String()
}
