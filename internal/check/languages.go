package check

import (
	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/site"
)

// sectionsOf returns the sections of b's language: on a site in several
// languages each has its own.
func (c *checker) sectionsOf(b *site.Brief) []config.Section {
	return c.cfg.ForLanguage(c.cfg.LanguageIndex(b.Source.Lang)).Sections
}

// languages applies the rules of a site in several languages: a brief in
// a language the site does not publish in, and a translation older than
// its original's last update or correction (probably stale). The original
// is the version in the site's own language.
func (c *checker) languages() {
	originals := map[string]*site.Brief{} // by translation key
	for _, b := range c.briefs {
		if b.Source.Lang == "" || c.cfg.LanguageIndex(b.Source.Lang) == 0 {
			originals[b.Source.TranslationKey()] = b
		}
	}
	for _, b := range c.briefs {
		if !c.wanted(b.Source.Path) {
			continue
		}
		i := c.cfg.LanguageIndex(b.Source.Lang)
		if i < 0 {
			pos := b.Source.KeyPos("lang")
			if b.Source.Front.Lang == "" {
				pos.Line, pos.Col = 0, 0 // the file's name says it
			}
			c.report(b, pos, "unknown-language", "the brief is in %q, which the site does not publish in: add it to [[languages]] in config.toml, or fix the language", b.Source.Lang)
			continue
		}
		if i == 0 || !c.cfg.Multilingual() {
			continue
		}
		orig := originals[b.Source.TranslationKey()]
		if orig == nil {
			continue
		}
		if changed := orig.Modified(); !changed.IsZero() && changed.After(b.LastModified()) {
			loc := c.cfg.Location()
			pos := b.Source.KeyPos("updated")
			if b.Source.Front.Updated.IsZero() {
				pos = b.Source.KeyPos("date")
			}
			c.report(b, pos, "stale-translation",
				"the original, %s, changed on %s, after this translation (last changed %s): translate the change and set updated",
				orig.Source.Path, changed.In(loc).Format("2006-01-02 15:04"), b.LastModified().In(loc).Format("2006-01-02 15:04"))
		}
	}
}
