package check

import (
	"errors"
	"fmt"
	"strings"

	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/i18n"
	"github.com/briefs-dev/briefs/internal/theme"
	"github.com/briefs-dev/briefs/themes"
)

// untranslated reports each string the site's templates use that has no
// translation in the site's language, which pages then show in English;
// and, for a counted string, a plural form the language needs that its
// translation lacks, which pages then write with the "other" form. It
// reads the site's folder, so it runs when in.FS is set (briefs check).
func (c *checker) untranslated() {
	if c.in.FS == nil || c.severity["untranslated"] == Off {
		return
	}
	uses, err := theme.Uses(c.in.FS, c.cfg.Theme, themes.Default())
	if err == nil {
		var cat *i18n.Catalog
		if cat, err = theme.LoadTranslations(c.in.FS, c.cfg.Theme, themes.Default()); err == nil {
			c.untranslatedUses(uses, cat)
			return
		}
	}
	var list diag.List
	if errors.As(err, &list) {
		for _, e := range list {
			c.add(e.Pos, "load", "%s", e.Msg)
		}
		return
	}
	c.add(diag.Pos{}, "load", "%v", err)
}

func (c *checker) untranslatedUses(uses []theme.Use, cat *i18n.Catalog) {
	tr := cat.For(c.cfg.Language)
	english := cat.For(i18n.Fallback)
	lang := tr.Tag().String()
	base, _ := tr.Tag().Base()
	if base.String() == i18n.Fallback {
		return // English is every theme's own
	}
	file := "i18n/" + base.String() + ".toml"
	languagePos := c.cfg.KeyPos("language")
	if !tr.HasOwn() {
		c.add(languagePos, "untranslated", "the theme has no translation into %s: every word of its pages is English; translate them in %s", lang, file)
		return
	}
	for _, u := range uses {
		// A use in the embedded default theme is reported at the site's
		// language: the site cannot open that file, but can add the string.
		pos, where := u.Pos, ""
		if strings.HasPrefix(u.Pos.File, "(") {
			pos, where = languagePos, fmt.Sprintf(" (used at %s)", u.Pos)
		}
		en, ok := english.Lookup(u.Key)
		msg, own := tr.Own(u.Key)
		switch {
		case !ok:
			c.add(pos, "untranslated", "%q%s is in no translation file, not even English", u.Key, where)
		case !own:
			c.add(pos, "untranslated", "%q%s has no %s translation, so pages show the English %q; add it to %s", u.Key, where, lang, en.Forms["other"], file)
		case len(en.Forms) > 1:
			for _, form := range tr.Forms() {
				if _, ok := msg.Forms[form]; !ok {
					c.add(msg.Pos, "untranslated", "%q%s has no %q plural form, which %s needs: pages use its \"other\" form", u.Key, where, form, lang)
				}
			}
		}
	}
}
