package render

import (
	"bytes"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/briefs-dev/briefs/internal/site"
)

// The default theme's brief page, card and list pages, written out in Go;
// compiled_edition.go does the same for the HTML edition.
//
// Every brief has a page and a card, and list pages and editions are most
// of the other pages; html/template runs them through reflection: on a
// site of 10,000 briefs they took about a third of the build's CPU. When the templates
// a site would run for them are the default theme's (see
// theme.Theme.Builtin), the code below writes the same bytes directly.
// Each function follows its template action by action, escaping every value
// as html/template does in that place. TestCompiledMatchesTemplates and
// FuzzCompiledMatchesTemplates hold the two to the same bytes: a change to
// one of these templates must be made here too.

// compiledPageTemplates are the templates a page runs besides its main
// block, as its page template sees them. The header, footer and feeds
// partials are not among them: the code runs them through partialCached,
// as the templates do, and so a site may override them. Nor is the card:
// list pages get it from cardHTML, as the templates do.
var compiledPageTemplates = []string{"baseof.html", "title", "main", "partials/head.html"}

// compiledMains are the page templates written in Go, with the partials
// their main block runs and the function that writes it.
var compiledMains = map[string]struct {
	partials []string
	write    func(r *Renderer, w *bytes.Buffer, pg *Page) error
}{
	"brief.html": {[]string{"partials/badges.html", "partials/topics.html", "partials/byline.html", "partials/photo.html"}, (*Renderer).writeBriefMain},
	"home.html":  {[]string{"partials/pager.html"}, (*Renderer).writeHomeMain},
	"list.html":  {[]string{"partials/pager.html"}, (*Renderer).writeListMain},
}

// compiledCardTemplates are the templates the card partial runs.
var compiledCardTemplates = []string{"partials/card.html", "partials/badges.html",
	"partials/topics.html", "partials/byline.html"}

// findCompiled notes which pages and partials of the theme code written for
// the default theme may render.
func (r *Renderer) findCompiled() {
	r.compiled = map[string]bool{}
	for tmpl, main := range compiledMains {
		r.compiled[tmpl] = r.theme.Builtin(tmpl, slices.Concat(compiledPageTemplates, main.partials)...)
	}
	r.compiledCards = r.theme.Builtin("", compiledCardTemplates...)
	r.compiled["edition.html"] = r.theme.Builtin("edition.html", "edition.html")
}

// compiledPage writes the page pg, of template tmpl, into w when code
// written for the default theme can; it reports whether it did. A brief
// without a body is left to the template, which fails on it.
func (r *Renderer) compiledPage(w *bytes.Buffer, tmpl string, pg *Page) (bool, error) {
	if !r.compiled[tmpl] || pg.Brief != nil && pg.Brief.Body == nil {
		return false, nil
	}
	return true, r.writePage(w, pg, compiledMains[tmpl].write)
}

// writePage is baseof.html, with the main block that main writes.
func (r *Renderer) writePage(w *bytes.Buffer, pg *Page, main func(*Renderer, *bytes.Buffer, *Page) error) error {
	w.WriteString("<!DOCTYPE html>\n<html lang=\"")
	escape(w, pg.Site.Config.Language)
	w.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	escape(w, pg.Title)
	if pg.Kind != "home" {
		w.WriteString(" · ")
		escape(w, pg.Site.Config.Title)
	}
	w.WriteString("</title>\n")
	if err := r.writeHead(w, pg); err != nil {
		return err
	}
	w.WriteString("\n</head>\n<body class=\"kind-")
	escape(w, pg.Kind)
	w.WriteString("\">\n<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n")
	termPath, termPage := pageTerm(pg)
	header, err := r.partialCached("partials/header.html", pg, pg.Kind, pg.Path == "", termPath, termPage)
	if err != nil {
		return err
	}
	w.WriteString(string(header))
	w.WriteString("\n<main id=\"main\" tabindex=\"-1\">\n")
	if err := main(r, w, pg); err != nil {
		return err
	}
	w.WriteString("\n</main>\n")
	footer, err := r.partialCached("partials/footer.html", pg)
	if err != nil {
		return err
	}
	w.WriteString(string(footer))
	w.WriteString("\n</body>\n</html>\n")
	return nil
}

// writeHomeMain is home.html's main block.
func (r *Renderer) writeHomeMain(w *bytes.Buffer, pg *Page) error {
	w.WriteString("<div class=\"wrap wrap-list\">")
	if pager := pg.Pager; pager != nil {
		w.WriteString("\n  <h1 class=\"section-head\">")
		if pager.Number == 1 {
			w.WriteString("Latest briefs")
		} else {
			w.WriteString("Latest briefs <span class=\"section-head-page\">Page ")
			w.WriteString(strconv.Itoa(pager.Number))
			w.WriteString("</span>")
		}
		w.WriteString("</h1>")
		if len(pager.Briefs) > 0 {
			w.WriteString("\n  <div class=\"card-list")
			if pager.Number == 1 {
				w.WriteString(" card-list-front")
			}
			w.WriteString("\">")
			if err := r.writeCards(w, pg); err != nil {
				return err
			}
			w.WriteString("\n  </div>")
		} else {
			w.WriteString("\n  <p class=\"empty\">No briefs have been published yet.</p>")
		}
	}
	w.WriteString("\n  ")
	r.writePager(w, pg.Pager)
	w.WriteString("\n</div>\n")
	return nil
}

// writeListMain is list.html's main block.
func (r *Renderer) writeListMain(w *bytes.Buffer, pg *Page) error {
	w.WriteString("<div class=\"wrap wrap-list\">\n  <header class=\"page-header\">")
	switch {
	case pg.Term != nil:
		w.WriteString("\n    <h1 class=\"page-title\"><span class=\"page-title-label\">")
		if pg.Kind == "author" {
			w.WriteString("Author")
		} else {
			w.WriteString("Topic")
		}
		w.WriteString("<span class=\"visually-hidden\">:</span></span> <span class=\"")
		if pg.Kind == "topic" {
			w.WriteString("term-name")
		} else {
			w.WriteString("author-name")
		}
		w.WriteString("\">")
		escape(w, pg.Term.Name)
		w.WriteString("</span></h1>")
	case pg.Month != nil:
		w.WriteString("\n    <h1 class=\"page-title\"><span class=\"page-title-label\">Archive<span class=\"visually-hidden\">:</span></span> ")
		escape(w, pg.Month.Start.Format("January 2006"))
		w.WriteString("</h1>")
	default:
		w.WriteString("\n    <h1 class=\"page-title\">")
		escape(w, pg.Title)
		w.WriteString("</h1>")
	}
	w.WriteString("\n    <p class=\"page-meta\">")
	if pg.Pager != nil && pg.Pager.Total > 1 {
		w.WriteString("<span>Page ")
		w.WriteString(strconv.Itoa(pg.Pager.Number))
		w.WriteString(" of ")
		w.WriteString(strconv.Itoa(pg.Pager.Total))
		w.WriteString("</span><span class=\"meta-sep\" aria-hidden=\"true\"> · </span>")
	}
	switch {
	case pg.Term != nil && pg.Kind == "topic":
		w.WriteString("<a class=\"feed-link\" href=\"")
		escapeURL(w, r.urls.URL(pg.Term.Path+"feed.xml"))
		w.WriteString("\" type=\"application/rss+xml\">RSS feed for this topic</a>")
	case pg.Month != nil:
		w.WriteString("<a href=\"")
		escapeURL(w, r.urls.URL("archive/"))
		w.WriteString("\">All months</a>")
	default:
		w.WriteString("<a href=\"")
		escapeURL(w, r.urls.URL(pg.Kind+"s/"))
		w.WriteString("\">All ")
		escape(w, pg.Kind)
		w.WriteString("s</a>")
	}
	w.WriteString("</p>\n  </header>")
	if pager := pg.Pager; pager != nil {
		if len(pager.Briefs) > 0 {
			w.WriteString("\n  <div class=\"card-list\">")
			if err := r.writeCards(w, pg); err != nil {
				return err
			}
			w.WriteString("\n  </div>")
		} else {
			w.WriteString("\n  <p class=\"empty\">Nothing has been published here yet.</p>")
		}
	}
	w.WriteString("\n  ")
	r.writePager(w, pg.Pager)
	w.WriteString("\n</div>\n")
	return nil
}

// writeCards writes the card of each brief of the page's pager, from
// cardHTML as the templates do.
func (r *Renderer) writeCards(w *bytes.Buffer, pg *Page) error {
	for _, b := range pg.Pager.Briefs {
		card, err := r.cardHTML(pg.Site, b)
		if err != nil {
			return err
		}
		w.WriteString("\n    ")
		w.WriteString(string(card))
	}
	return nil
}

// writePager is partials/pager.html.
func (r *Renderer) writePager(w *bytes.Buffer, pager *site.Pager) {
	if pager != nil && pager.Total > 1 {
		w.WriteString("\n<nav class=\"pager\" aria-label=\"Pagination\">\n  <ul>\n    <li class=\"pager-prev\">")
		if prev := pager.Prev; prev != nil {
			w.WriteString("<a href=\"")
			escapeURL(w, r.urls.URL(prev.Path))
			w.WriteString("\" rel=\"prev\"><span aria-hidden=\"true\">← </span>Newer<span class=\"visually-hidden\"> briefs</span></a>")
		} else {
			w.WriteString("<span class=\"pager-none\" aria-hidden=\"true\"><span aria-hidden=\"true\">← </span>Newer</span>")
		}
		w.WriteString("</li>\n    <li class=\"pager-status\">Page ")
		w.WriteString(strconv.Itoa(pager.Number))
		w.WriteString(" of ")
		w.WriteString(strconv.Itoa(pager.Total))
		w.WriteString("</li>\n    <li class=\"pager-next\">")
		if next := pager.Next; next != nil {
			w.WriteString("<a href=\"")
			escapeURL(w, r.urls.URL(next.Path))
			w.WriteString("\" rel=\"next\">Older<span class=\"visually-hidden\"> briefs</span><span aria-hidden=\"true\"> →</span></a>")
		} else {
			w.WriteString("<span class=\"pager-none\" aria-hidden=\"true\">Older<span aria-hidden=\"true\"> →</span></span>")
		}
		w.WriteString("</li>\n  </ul>\n</nav>")
	}
	w.WriteString("\n")
}

// pageTerm gives the values of (and .Term .Term.Path) and
// (and .Term (eq .Path .Term.Path)): a nil term, or its path and whether
// the page is the term's first.
func pageTerm(pg *Page) (path, first any) {
	if pg.Term == nil {
		return pg.Term, pg.Term
	}
	return pg.Term.Path, pg.Path == pg.Term.Path
}

// writeHead is partials/head.html.
func (r *Renderer) writeHead(w *bytes.Buffer, pg *Page) error {
	cfg := pg.Site.Config
	desc := pg.Description
	if desc == "" {
		desc = cfg.Description
	}
	if desc != "" {
		meta(w, "\n<meta name=\"description\" content=\"", desc)
	}
	if pg.Kind == "404" {
		w.WriteString("\n<meta name=\"robots\" content=\"noindex\">")
	} else {
		w.WriteString("\n<link rel=\"canonical\" href=\"")
		escapeURL(w, r.urls.AbsURL(pg.Path))
		w.WriteString("\">")
	}
	w.WriteString("\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"theme-color\" content=\"#fbfaf7\" media=\"(prefers-color-scheme: light)\">\n<meta name=\"theme-color\" content=\"#131518\" media=\"(prefers-color-scheme: dark)\">\n<link rel=\"stylesheet\" href=\"")
	escapeURL(w, r.urls.URL("assets/style.css"))
	w.WriteString("\">")
	if pg.Kind == "search" {
		w.WriteString("\n<link rel=\"stylesheet\" href=\"")
		escapeURL(w, r.urls.URL("assets/search.css"))
		w.WriteString("\">")
	}
	if pg.Brief != nil {
		w.WriteString("\n<style media=\"print\">.brief-body a[href^=\"")
		escapeCSSURL(w, r.urls.AbsURL(""))
		w.WriteString("\"]::after{content:none}</style>")
	}
	w.WriteString("\n<link rel=\"icon\" href=\"")
	escapeURL(w, r.urls.URL("assets/favicon.svg"))
	w.WriteString("\" type=\"image/svg+xml\">")
	termPath, termName := any(pg.Term), any(pg.Term)
	if pg.Term != nil {
		termPath, termName = pg.Term.Path, pg.Term.Name
	}
	feeds, err := r.partialCached("partials/feeds.html", pg, termPath, termName)
	if err != nil {
		return err
	}
	w.WriteString(string(feeds))
	if pg.Pager != nil {
		if prev := pg.Pager.Prev; prev != nil {
			w.WriteString("\n<link rel=\"prev\" href=\"")
			escapeURL(w, r.urls.URL(prev.Path))
			w.WriteString("\">")
		}
		if next := pg.Pager.Next; next != nil {
			w.WriteString("\n<link rel=\"next\" href=\"")
			escapeURL(w, r.urls.URL(next.Path))
			w.WriteString("\">")
		}
	}
	w.WriteString("\n<meta property=\"og:site_name\" content=\"")
	escape(w, cfg.Title)
	w.WriteString("\">\n<meta property=\"og:type\" content=\"")
	if pg.Brief != nil {
		w.WriteString("article")
	} else {
		w.WriteString("website")
	}
	w.WriteString("\">")
	meta(w, "\n<meta property=\"og:title\" content=\"", pg.Title)
	if desc != "" {
		meta(w, "\n<meta property=\"og:description\" content=\"", desc)
	}
	if pg.Kind != "404" {
		meta(w, "\n<meta property=\"og:url\" content=\"", r.urls.AbsURL(pg.Path))
	}
	photo := pg.Brief != nil && pg.Brief.Photo != nil
	image := r.ogImage(pg)
	if image != nil {
		meta(w, "\n<meta property=\"og:image\" content=\"", image.URL)
		if image.Type != "" {
			meta(w, "\n<meta property=\"og:image:type\" content=\"", image.Type)
		}
		if image.Width != 0 && image.Height != 0 {
			w.WriteString("\n<meta property=\"og:image:width\" content=\"")
			w.WriteString(strconv.Itoa(image.Width))
			w.WriteString("\">\n<meta property=\"og:image:height\" content=\"")
			w.WriteString(strconv.Itoa(image.Height))
			w.WriteString("\">")
		}
		meta(w, "\n<meta property=\"og:image:alt\" content=\"", image.Alt)
	}
	if b := pg.Brief; b != nil {
		meta(w, "\n<meta property=\"article:published_time\" content=\"", r.datetime(b.Date))
		if !b.Updated.IsZero() {
			meta(w, "\n<meta property=\"article:modified_time\" content=\"", r.datetime(b.Updated))
		}
		for _, t := range b.Topics {
			meta(w, "\n<meta property=\"article:tag\" content=\"", t.Name)
		}
	}
	w.WriteString("\n<meta name=\"twitter:card\" content=\"")
	if photo {
		w.WriteString("summary_large_image")
	} else {
		w.WriteString("summary")
	}
	w.WriteString("\">")
	meta(w, "\n<meta name=\"twitter:title\" content=\"", pg.Title)
	if desc != "" {
		meta(w, "\n<meta name=\"twitter:description\" content=\"", desc)
	}
	if image != nil {
		meta(w, "\n<meta name=\"twitter:image\" content=\"", image.URL)
		meta(w, "\n<meta name=\"twitter:image:alt\" content=\"", image.Alt)
	}
	w.WriteString("\n")
	return nil
}

// meta writes before (an element up to its content attribute's value),
// value escaped, and the `">` that closes the attribute and the element.
func meta(w *bytes.Buffer, before, value string) {
	w.WriteString(before)
	escape(w, value)
	w.WriteString("\">")
}

// writeBriefMain is brief.html's main block.
func (r *Renderer) writeBriefMain(w *bytes.Buffer, pg *Page) error {
	b := pg.Brief
	w.WriteString("<article class=\"brief wrap-article\">\n  <header class=\"brief-header\">")
	if len(b.Topics) > 0 || pg.Site.Preview {
		w.WriteString("\n    <div class=\"brief-kicker\">")
		writeBadges(w, pg.Site, b)
		if len(b.Topics) > 0 {
			r.writeTopics(w, b.Topics)
		}
		w.WriteString("\n    </div>")
	}
	w.WriteString("\n    <h1 class=\"brief-title\">")
	escape(w, b.Title)
	w.WriteString("</h1>")
	if b.Summary != "" {
		w.WriteString("\n    <p class=\"brief-dek\">")
		escape(w, b.Summary)
		w.WriteString("</p>")
	}
	w.WriteString("\n    <div class=\"brief-meta\">")
	if len(b.Authors) > 0 {
		w.WriteString("\n      <p class=\"byline\">By ")
		r.writeByline(w, b.Authors)
		w.WriteString("</p>")
	}
	meta(w, "\n      <p class=\"dateline\">\n        <time datetime=\"", r.datetime(b.Date))
	date := r.date(b.Date)
	escape(w, date)
	w.WriteString(", <span class=\"time-of-day\">")
	escape(w, r.timeOfDay(b.Date))
	w.WriteString("</span></time>")
	if !b.Updated.IsZero() {
		meta(w, "\n        <span class=\"updated\"><span class=\"meta-sep\" aria-hidden=\"true\"> · </span>Updated <time datetime=\"", r.datetime(b.Updated))
		if updated := r.date(b.Updated); updated != date {
			escape(w, updated)
			w.WriteString(", ")
		}
		w.WriteString("<span class=\"time-of-day\">")
		escape(w, r.timeOfDay(b.Updated))
		w.WriteString("</span></time></span>")
	}
	if n := len(b.Corrections); n > 0 {
		w.WriteString("\n        <span class=\"corrected\"><span class=\"meta-sep\" aria-hidden=\"true\"> · </span><a href=\"#brief-corrections\">")
		if n == 1 {
			w.WriteString("Corrected")
		} else {
			w.WriteString(strconv.Itoa(n))
			w.WriteString(" corrections")
		}
		w.WriteString("</a></span>")
	}
	w.WriteString("\n      </p>\n    </div>\n  </header>")
	if ph := b.Photo; ph != nil {
		w.WriteString("\n  <figure class=\"photo\">\n  <img src=\"")
		escapeURL(w, r.urls.URL(ph.URL))
		w.WriteString("\" alt=\"")
		escape(w, ph.Alt)
		w.WriteString("\" decoding=\"async\">\n  <figcaption>")
		if ph.Caption != "" {
			w.WriteString("<span class=\"photo-caption\">")
			escape(w, ph.Caption)
			w.WriteString("</span> ")
		}
		w.WriteString("<span class=\"photo-credit\">")
		escape(w, ph.Credit)
		w.WriteString("</span>\n  </figcaption>\n</figure>\n")
	}
	w.WriteString("\n\n  <div class=\"brief-body\">\n    ")
	w.WriteString(b.Body.HTML)
	w.WriteString("\n  </div>")
	if n := len(b.Corrections); n > 0 {
		w.WriteString("\n  <aside class=\"corrections\" id=\"brief-corrections\" aria-label=\"Corrections\">\n    <h2 class=\"corrections-title\">")
		if n == 1 {
			w.WriteString("Correction")
		} else {
			w.WriteString("Corrections")
		}
		w.WriteString("</h2>\n    <ul class=\"corrections-list\">")
		for _, c := range b.Corrections {
			meta(w, "\n      <li><time datetime=\"", r.datetime(c.Date))
			escape(w, r.date(c.Date))
			w.WriteString("</time><span class=\"visually-hidden\">:</span> ")
			escape(w, c.Text)
			w.WriteString("</li>")
		}
		w.WriteString("\n    </ul>\n  </aside>")
	}
	if len(b.GoDeeper) > 0 {
		w.WriteString("\n  <section class=\"go-deeper\" aria-label=\"Go deeper\">\n    <h2 class=\"go-deeper-title\">Go deeper</h2>\n    <ul class=\"go-deeper-list\">")
		for _, l := range b.GoDeeper {
			w.WriteString("\n      <li>")
			if l.URL != "" {
				w.WriteString("<a href=\"")
				escapeURL(w, r.urls.URL(l.URL))
				w.WriteString("\"")
				if l.Brief == nil {
					w.WriteString(" class=\"external\"")
				}
				w.WriteString(">")
				escape(w, l.Title)
				w.WriteString("</a>")
				if l.Brief == nil {
					w.WriteString("<span class=\"visually-hidden\"> (external link)</span>")
				}
			} else {
				w.WriteString("<span class=\"go-deeper-pending\">")
				escape(w, l.Title)
				w.WriteString("</span>")
			}
			w.WriteString("</li>")
		}
		w.WriteString("\n    </ul>\n  </section>")
	}
	w.WriteString("\n\n  <footer class=\"brief-footer\">")
	if len(b.Topics) > 0 {
		w.WriteString("\n    <div class=\"filed-under\">\n      <h2 class=\"filed-under-title\">Filed under</h2>\n      ")
		r.writeTopics(w, b.Topics)
		w.WriteString("\n    </div>")
	}
	if len(b.Authors) > 0 {
		w.WriteString("\n    <p class=\"more-from\">More from ")
		r.writeByline(w, b.Authors)
		w.WriteString("</p>")
	}
	w.WriteString("\n  </footer>\n</article>\n<script type=\"application/ld+json\">")
	ld, err := newsArticle(pg)
	if err != nil {
		return err
	}
	w.WriteString(string(ld))
	w.WriteString("</script>\n")
	return nil
}

// compiledCard returns the card of brief b when code written for the
// default theme can render it.
func (r *Renderer) compiledCard(s *site.Site, b *site.Brief) (template.HTML, bool) {
	if !r.compiledCards {
		return "", false
	}
	w := getBuffer()
	defer putBuffer(w)
	r.writeCard(w, s, b)
	return template.HTML(w.String()), true
}

// writeCard is partials/card.html.
func (r *Renderer) writeCard(w *bytes.Buffer, s *site.Site, b *site.Brief) {
	if b == nil {
		w.WriteString("\n")
		return
	}
	w.WriteString("\n<article class=\"card")
	if b.Photo != nil {
		w.WriteString(" card-has-photo")
	}
	w.WriteString("\">\n  <div class=\"card-text\">")
	if len(b.Topics) > 0 || s.Preview {
		w.WriteString("\n    <div class=\"card-kicker\">")
		writeBadges(w, s, b)
		if len(b.Topics) > 0 {
			r.writeTopics(w, b.Topics)
		}
		w.WriteString("\n    </div>")
	}
	w.WriteString("\n    <h2 class=\"card-title\"><a href=\"")
	escapeURL(w, r.urls.URL(b.Path))
	w.WriteString("\">")
	escape(w, b.Title)
	w.WriteString("</a></h2>")
	if b.Summary != "" {
		w.WriteString("\n    <p class=\"card-dek\">")
		escape(w, b.Summary)
		w.WriteString("</p>")
	}
	meta(w, "\n    <p class=\"meta card-meta\">\n      <time datetime=\"", r.datetime(b.Date))
	escape(w, r.date(b.Date))
	w.WriteString("</time>")
	if len(b.Authors) > 0 {
		w.WriteString("<span class=\"meta-sep\" aria-hidden=\"true\"> · </span><span class=\"card-byline\">By ")
		r.writeByline(w, b.Authors)
		w.WriteString("</span>")
	}
	if !b.Updated.IsZero() {
		w.WriteString("<span class=\"meta-sep\" aria-hidden=\"true\"> · </span><span class=\"card-updated\">Updated</span>")
	}
	w.WriteString("\n    </p>\n  </div>")
	if ph := b.Photo; ph != nil {
		w.WriteString("\n  <div class=\"card-photo\">\n    <img src=\"")
		escapeURL(w, r.urls.URL(ph.URL))
		w.WriteString("\" alt=\"")
		escape(w, ph.Alt)
		w.WriteString("\" loading=\"lazy\" decoding=\"async\">\n  </div>")
	}
	w.WriteString("\n</article>\n")
}

// writeBadges is partials/badges.html.
func writeBadges(w *bytes.Buffer, s *site.Site, b *site.Brief) {
	if !s.Preview {
		return
	}
	if b.Draft {
		w.WriteString("<span class=\"badge badge-draft\">Draft</span>")
	}
	if b.Future {
		w.WriteString("<span class=\"badge badge-future\">Scheduled</span>")
	}
}

// writeTopics is partials/topics.html.
func (r *Renderer) writeTopics(w *bytes.Buffer, topics []*site.Term) {
	w.WriteString("<ul class=\"topic-list\">")
	for _, t := range topics {
		w.WriteString("<li><a href=\"")
		escapeURL(w, r.urls.URL(t.Path))
		w.WriteString("\">")
		escape(w, t.Name)
		w.WriteString("</a></li>")
	}
	w.WriteString("</ul>\n")
}

// writeByline is partials/byline.html.
func (r *Renderer) writeByline(w *bytes.Buffer, authors []*site.Term) {
	for i, a := range authors {
		writeNameSeparator(w, i, len(authors))
		w.WriteString("<a href=\"")
		escapeURL(w, r.urls.URL(a.Path))
		w.WriteString("\" rel=\"author\">")
		escape(w, a.Name)
		w.WriteString("</a>")
	}
}

// writeNameSeparator writes what goes before the i-th of n names in a
// byline, "A, B and C": nothing, ", " or " and ".
func writeNameSeparator(w *bytes.Buffer, i, n int) {
	switch {
	case i == 0:
	case i+1 == n:
		w.WriteString(" and ")
	default:
		w.WriteString(", ")
	}
}

// date, datetime and timeOfDay are the template functions of the same
// names.
func (r *Renderer) date(t time.Time) string     { return formatDate(t, r.loc) }
func (r *Renderer) datetime(t time.Time) string { return formatDatetime(t, r.loc) }
func (r *Renderer) timeOfDay(t time.Time) string {
	return formatTimeOfDay(t, r.loc)
}

// escape writes s as html/template escapes a string in text, in a quoted
// attribute value and in a title element: its htmlEscaper, attrEscaper and
// rcdataEscaper agree on strings. No byte of a multi-byte UTF-8 sequence is
// below 0x80, so the bytes can be looked at one by one.
func escape(w *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(repl)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// escapeURL writes the URL u as html/template does in a URL attribute
// (href, src): its urlFilter, urlNormalizer and attrEscaper in turn.
func escapeURL(w *bytes.Buffer, u string) {
	if !safeURL(u) {
		w.WriteString("#" + unsafeURL)
		return
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == '&':
			w.WriteString("&amp;")
		case c == '+':
			w.WriteString("&#43;")
		case urlKeeps(c) || c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			w.WriteByte(c)
		default:
			w.WriteByte('%')
			w.WriteByte(lowerHex[c>>4])
			w.WriteByte(lowerHex[c&15])
		}
	}
}

// escapeCSSURL writes the URL u as html/template does in a CSS string: its
// urlFilter, then its cssEscaper.
func escapeCSSURL(w *bytes.Buffer, u string) {
	if !safeURL(u) {
		u = "#" + unsafeURL
	}
	for i := 0; i < len(u); i++ {
		repl := cssEscapes[u[i]]
		if repl == "" {
			w.WriteByte(u[i])
			continue
		}
		w.WriteString(repl)
		if repl != `\\` && (i+1 == len(u) || isHex(u[i+1]) || isCSSSpace(u[i+1])) {
			w.WriteByte(' ')
		}
	}
}

// unsafeURL is what html/template writes in place of a URL with a scheme
// other than http, https and mailto.
const unsafeURL = "ZgotmplZ"

// safeURL is html/template's isSafeURL.
func safeURL(u string) bool {
	for i := 0; i < len(u); i++ {
		switch u[i] {
		case '/':
			return true
		case ':':
			scheme := u[:i]
			return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
		}
	}
	return true
}

// urlKeeps reports whether html/template's urlNormalizer leaves the byte c
// as it is (but for '%', which it keeps before two hex digits).
func urlKeeps(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']', '-', '.', '_', '~':
		return true
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isCSSSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

const lowerHex = "0123456789abcdef"

// cssEscapes is html/template's cssReplacementTable.
var cssEscapes = [256]string{
	0: `\0`, '\t': `\9`, '\n': `\a`, '\f': `\c`, '\r': `\d`,
	'"': `\22`, '&': `\26`, '\'': `\27`, '(': `\28`, ')': `\29`, '+': `\2b`,
	'/': `\2f`, ':': `\3a`, ';': `\3b`, '<': `\3c`, '>': `\3e`, '\\': `\\`,
	'{': `\7b`, '}': `\7d`,
}

// buffers holds the buffers compiled cards are written into.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		b.Reset()
		buffers.Put(b)
	}
}
