package serve

import (
	"slices"
	"testing"
)

const alphaSpanish = `+++
title = "El concejo aprueba el presupuesto"
date = 2026-06-01T10:00:00Z
authors = ["Dana Whitfield"]
topics = ["council"]
+++
El concejo aprobó el presupuesto tras una larga noche.

**Por qué importa:** Frase alfa uno.
`

const betaSpanish = `+++
title = "Beta en español"
date = 2026-06-02T10:00:00Z
authors = ["Lee Park"]
+++
Una frase beta.

**Por qué importa:** Frase beta.
`

// TestLanguages previews a site in two languages: each edit, of a brief in
// either language or of a new translation, reloads the pages that show
// it, those that link to it as a translation among them, and the served
// site stays exactly a full build.
func TestLanguages(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "config.toml", readFile(t, dir, "config.toml")+`
[[languages]]
code = "es"
name = "Español"
path = "es"

[[languages.sections]]
name = "Por qué importa"
`)
	writeFile(t, dir, "content/briefs/alpha.es.md", alphaSpanish)
	s := start(t, dir, nil)
	files := s.checkMatchesBuild(nil)
	s.waitForPage("es/briefs/alpha/", `id="por-que-importa"`)
	events := s.connectEvents()
	events.expect("hello")

	// The Spanish brief: its page reloads, the English one does not.
	saveFile(t, dir, "content/briefs/alpha.es.md", replace(t, alphaSpanish, "Frase alfa uno.", "Frase alfa dos."))
	ev := events.skipTo("reload")
	if !slices.Contains(ev.Paths, "/es/briefs/alpha/") || slices.Contains(ev.Paths, "/briefs/alpha/") {
		t.Errorf("reload after editing alpha.es.md: paths %q, want /es/briefs/alpha/ and not /briefs/alpha/", ev.Paths)
	}
	s.waitForPage("es/briefs/alpha/", "Frase alfa dos.")
	files = s.checkMatchesBuild(files)

	// A new translation: the original's page now links to it.
	saveFile(t, dir, "content/briefs/beta.es.md", betaSpanish)
	ev = events.skipTo("reload")
	if !slices.Contains(ev.Paths, "/es/briefs/beta/") || !slices.Contains(ev.Paths, "/briefs/beta/") {
		t.Errorf("reload after adding beta.es.md: paths %q, want /es/briefs/beta/ and /briefs/beta/", ev.Paths)
	}
	s.waitForPage("briefs/beta/", `hreflang="es" href="`+s.URL+`es/briefs/beta/"`)
	s.checkMatchesBuild(files)
}
