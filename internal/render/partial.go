package render

import (
	"fmt"
	"html/template"
	"reflect"
	"strconv"

	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

// The template functions that render a partial once and reuse its HTML on
// many pages: what pages share is rendered once per build, not per page.

// cardHTML renders the card partial of a brief, once per brief version.
func (r *Renderer) cardHTML(s *site.Site, b *site.Brief) (template.HTML, error) {
	r.mu.Lock()
	k := plan.NewKey(r.global).Brief(b).Photo(r.imgs, b).Sum()
	c, ok := r.cards[b.Path]
	r.mu.Unlock()
	if ok && c.key == k {
		return c.html, nil
	}
	html, err := r.theme.Partial("partials/card.html", Card{s, b})
	if err != nil {
		return "", err
	}
	html = template.HTML(r.slab.Copy(string(html)))
	r.mu.Lock()
	r.cards[b.Path] = cachedCard{k, html}
	r.mu.Unlock()
	return html, nil
}

// partialCached is the template function that renders a partial once per
// set of variant values and reuses the HTML on every page with the same
// variants, as Hugo's partialCached does:
//
//	{{partialCached "partials/footer.html" .}}
//	{{partialCached "partials/header.html" . .Kind (eq .Path "")}}
//
// The caller promises that the partial's output depends only on the
// variants and on what every page of a build shares: the configuration,
// the theme, the topics of the header and the preview mode. Variants are
// strings, numbers, booleans or nil pointers. The promise is that of the
// layer the calls come from, taken to be baseof.html's: a partial that
// a layer above it overrides (the site's own footer under the default
// theme's baseof.html) is cached only when it reads of the page no more
// than every page shares (siteWide), else rendered afresh every time.
func (r *Renderer) partialCached(name string, data any, variants ...any) (template.HTML, error) {
	if r.theme.Above(name, "baseof.html") && !r.theme.ReadsOnly(name, siteWide...) {
		return r.theme.Partial(name, data)
	}
	key, err := variantKey(name, variants)
	if err != nil {
		return "", err
	}
	r.mu.Lock()
	if r.partialsGlobal != r.global || r.partials == nil {
		r.partials, r.partialsGlobal = map[string]template.HTML{}, r.global
	}
	html, ok := r.partials[key]
	r.mu.Unlock()
	if ok {
		return html, nil
	}
	html, err = r.theme.Partial(name, data)
	if err != nil {
		return "", err
	}
	r.mu.Lock()
	if len(r.partials) < maxCachedPartials {
		r.partials[key] = html
	}
	r.mu.Unlock()
	return html, nil
}

// siteWide are the fields of a Page that every page of a plan shares, and
// that the plan's global key covers: Site.Preview, the configuration, the
// header's topics.
var siteWide = []string{"Site.Config", "Site.Preview", "Site.BaseURL", "Site.BasePath", "Nav"}

// maxCachedPartials bounds the cache of partialCached, against variants
// that differ on every page.
const maxCachedPartials = 10000

// variantKey returns the cache key of a partial with the given variants.
func variantKey(name string, variants []any) (string, error) {
	b := make([]byte, 0, 64)
	b = append(b, name...)
	for i, v := range variants {
		b = append(b, 0)
		switch v := v.(type) {
		case string:
			b = strconv.AppendInt(append(b, 's'), int64(len(v)), 10)
			b = append(append(b, ':'), v...)
		case bool:
			b = strconv.AppendBool(append(b, 'b'), v)
		case int:
			b = strconv.AppendInt(append(b, 'i'), int64(v), 10)
		case nil:
			b = append(b, 'n')
		default:
			if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
				b = append(b, 'n')
				continue
			}
			return "", fmt.Errorf("partialCached %q: variant %d is a %T; give strings, numbers, booleans or nil", name, i+1, v)
		}
	}
	return string(b), nil
}
