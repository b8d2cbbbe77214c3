package site

import (
	"strings"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
)

// A site in several languages is built as one Site per language, each
// from its language's configuration (config.Config.ForLanguage), so that
// lists, feeds, search, editions and sitemaps exist per language with no
// code of their own. What the sites share is the index Languages: which
// brief translates which, and at what URL, for hreflang alternates, the
// sitemaps' xhtml:link alternates and the language switcher.

// Languages is the index of a site's languages, shared by the Site of
// each: their homes, and each brief's translations by translation key
// (content.Source.TranslationKey).
type Languages struct {
	List []Language // the site's own language first, then [[languages]]
	// byKey holds, by translation key, the absolute URL of the brief in
	// each language (by index in List), "" where it has none.
	byKey map[string][]string
	// keys holds, for each language, the translation key of each
	// published brief by its path.
	keys []map[string]string
}

// Language is one language of a site in several.
type Language struct {
	Code string // BCP 47: "en-US", "es"
	Name string // as the switcher shows it: "Español"
	Home string // the absolute URL of its home page
}

// Alternate is a version of a page in one language: a hreflang alternate
// or an entry of the language switcher.
type Alternate struct {
	Lang    string // BCP 47 tag, or "x-default"
	Name    string // the language's name; "" for x-default
	URL     string // absolute
	Current bool   // the language of the page that shows it
}

// LinkLanguages indexes the translations of the sites of cfg's languages,
// sites[i] being the site of language i as cfg.LanguageIndex numbers them,
// and gives each site the index and its language. A site of one language
// is left alone.
func LinkLanguages(cfg *config.Config, sites []*Site) {
	if !cfg.Multilingual() {
		return
	}
	ls := &Languages{byKey: map[string][]string{}, keys: make([]map[string]string, len(sites))}
	for i, s := range sites {
		ls.List = append(ls.List, Language{Code: s.Config.Language, Name: cfg.LanguageName(i), Home: s.AbsURL("")})
		ls.keys[i] = make(map[string]string, len(s.Briefs))
		for _, b := range s.Briefs {
			key := b.Source.TranslationKey()
			ls.keys[i][b.Path] = key
			urls := ls.byKey[key]
			if urls == nil {
				urls = make([]string, len(sites))
				ls.byKey[key] = urls
			}
			urls[i] = s.AbsURL(b.Path)
		}
	}
	for i, s := range sites {
		s.Lang, s.Languages = i, ls
	}
}

// Translations returns the versions of the page at path in the site's
// languages that exist, in the order of the site's languages, the page's
// own among them: for a brief, its translations; for the home page, every
// language's home. It returns nil when there is no other version.
func (s *Site) Translations(path string) []Alternate {
	ls := s.Languages
	if ls == nil {
		return nil
	}
	var urls []string
	if path == "" {
		urls = make([]string, len(ls.List))
		for i, l := range ls.List {
			urls[i] = l.Home
		}
	} else if key, ok := ls.keys[s.Lang][path]; ok {
		urls = ls.byKey[key]
	}
	var alts []Alternate
	for i, u := range urls {
		if u != "" {
			alts = append(alts, Alternate{Lang: ls.List[i].Code, Name: ls.List[i].Name, URL: u, Current: i == s.Lang})
		}
	}
	if len(alts) < 2 {
		return nil
	}
	return alts
}

// Alternates returns the hreflang alternates of the page at path: its
// Translations, and x-default, the version in the site's own language,
// when there is one. Every version lists the same alternates, so each
// pair names each other, as search engines require.
func (s *Site) Alternates(path string) []Alternate {
	alts := s.Translations(path)
	if len(alts) > 0 && alts[0].Lang == s.Languages.List[0].Code {
		alts = append(alts, Alternate{Lang: "x-default", URL: alts[0].URL})
	}
	return alts
}

// LanguageLinks returns the language switcher of the page at path: for
// each language of the site, the page in it when it exists, else that
// language's home; for the page's own language, Current and no URL. It
// returns nil for a site of one language.
func (s *Site) LanguageLinks(path string) []Alternate {
	ls := s.Languages
	if ls == nil {
		return nil
	}
	links := make([]Alternate, len(ls.List))
	for i, l := range ls.List {
		links[i] = Alternate{Lang: l.Code, Name: l.Name, URL: l.Home, Current: i == s.Lang}
	}
	for _, a := range s.Translations(path) {
		for i := range links {
			if links[i].Lang == a.Lang {
				links[i].URL = a.URL
			}
		}
	}
	// The page's own language needs no link: so a page without
	// translations shows the switcher every other such page shows, which
	// is rendered once.
	links[s.Lang].URL = ""
	return links
}

// LanguageVariant sums up what the language switcher and the alternates
// of the page at path show, for the caches of pages and partials: "" on a
// site of one language.
func (s *Site) LanguageVariant(path string) string {
	if s.Languages == nil {
		return ""
	}
	var b strings.Builder
	for _, a := range s.LanguageLinks(path) {
		b.WriteString(a.URL)
		b.WriteByte(' ')
	}
	return b.String()
}

// DuplicateSlugsByLanguage is DuplicateSlugs within each language of the
// site: translations share their slug. A site of one language has one.
func DuplicateSlugsByLanguage(cfg *config.Config, srcs []*content.Source) error {
	if !cfg.Multilingual() {
		return DuplicateSlugs(srcs)
	}
	byLang := map[int][]*content.Source{}
	for _, src := range srcs {
		i := cfg.LanguageIndex(src.Lang)
		byLang[i] = append(byLang[i], src)
	}
	var errs diag.List
	for i := -1; i <= len(cfg.Languages); i++ {
		errs.Add(DuplicateSlugs(byLang[i]))
	}
	return errs.Err()
}

// Elsewhere finds the briefs of a site's other languages that go_deeper
// refs name: Options.Elsewhere of the site of one language.
type Elsewhere struct {
	cfg    *config.Config
	byLang [][]*Brief
	lang   int
	idx    []refIndex // made on first use: most sites have no such ref
}

type refIndex struct{ byRef, bySlug map[string]*Brief }

// NewElsewhere returns the Elsewhere of the site of language lang (as
// cfg.LanguageIndex numbers them) whose briefs by language are byLang.
func NewElsewhere(cfg *config.Config, byLang [][]*Brief, lang int) *Elsewhere {
	return &Elsewhere{cfg: cfg, byLang: byLang, lang: lang}
}

// Lookup returns the brief that ref names in the first other language,
// the site's own first, that has one, as lookup finds it, and its
// absolute URL; nil when there is none.
func (e *Elsewhere) Lookup(ref string) (*Brief, string) {
	if e.idx == nil {
		e.idx = make([]refIndex, len(e.byLang))
		for i, briefs := range e.byLang {
			e.idx[i] = refIndex{make(map[string]*Brief, len(briefs)), make(map[string]*Brief, len(briefs))}
			for _, b := range briefs {
				e.idx[i].byRef[b.Source.Ref] = b
				e.idx[i].bySlug[strings.ToLower(b.Slug)] = b
			}
		}
	}
	refKey, slugKey := RefKeys(ref)
	for i, x := range e.idx {
		if i == e.lang {
			continue
		}
		b := x.byRef[refKey]
		if b == nil {
			b = x.bySlug[slugKey]
		}
		if b != nil {
			return b, e.cfg.BaseURL + e.cfg.LanguagePath(i) + "briefs/" + b.Slug + "/"
		}
	}
	return nil, ""
}

// linkElsewhere resolves a go_deeper link to other, a brief of another
// language at url, as links does one of the site: a brief not published
// links nowhere, and one before its time or expired is not shown at all.
func (s *Site) linkElsewhere(link Link, other *Brief, url string) (Link, bool) {
	link.Internal = true
	switch {
	case other.PublishAt.After(s.opts.Now) && !s.opts.Future, other.expiredAt(s.opts.Now):
		return link, false
	case s.opts.Publishes(other): // a retraction's URL shows its notice
		link.URL = url
	}
	return link, true
}
