package serve

import (
	"bytes"
	"html/template"
	"path"

	"github.com/briefs-dev/briefs/internal/site"
)

// hiddenBrief is a brief that the preview holds but does not show, and
// what would show it.
type hiddenBrief struct {
	Title string
	File  string // the brief's file, as the site names it
	// Draft is set for a draft while the preview leaves drafts out.
	Draft bool
	// Scheduled, when not empty, is when the brief goes live, in the
	// site's time zone, while the preview leaves future briefs out.
	Scheduled string
}

// hiddenBriefs returns the briefs of s that the preview does not show, by
// the output file their page would be (as outputPath names it): a request
// for that URL answers 404 with a page that says why, and how to show it.
func hiddenBriefs(s *site.Site, opts Options) map[string]hiddenBrief {
	if s == nil {
		return nil
	}
	loc := s.Config.Location()
	hidden := map[string]hiddenBrief{}
	for _, b := range s.Unpublished() {
		h := hiddenBrief{Title: b.Title, File: b.Source.Path, Draft: b.Draft && !opts.Drafts}
		if b.Future && !opts.Future {
			h.Scheduled = b.PublishAt.In(loc).Format("Monday 2 January 2006 at 15:04 (MST)")
		}
		if h.Draft || h.Scheduled != "" {
			hidden[path.Join(b.Path, "index.html")] = h
		}
	}
	return hidden
}

// hidden returns the hidden brief whose page the output file name would
// be, written with or without its final slash.
func (s *snapshot) hidden(name string) (hiddenBrief, bool) {
	if h, ok := s.unpublished[name]; ok {
		return h, true
	}
	h, ok := s.unpublished[path.Join(name, "index.html")]
	return h, ok
}

// hiddenPage is the preview's answer, with status 404, for the URL of a
// brief it does not show. It is the preview server's own page, never part
// of a site.
var hiddenPage = template.Must(template.New("hidden").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not shown in this preview · briefs</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font: 16px/1.5 system-ui, sans-serif; margin: 2rem">
<main><h1>“{{.Title}}” is not shown in this preview</h1>
{{- if .Draft}}
<p class="hidden-draft">It is a draft (<code>draft = true</code> in {{.File}}). Restart the preview with <code>briefs serve --drafts</code> to see drafts, or set <code>draft = false</code> to publish it.</p>
{{- end}}
{{- if .Scheduled}}
<p class="hidden-future">It is scheduled to go live on {{.Scheduled}}. Restart the preview with <code>briefs serve --future</code> to see it now.</p>
{{- end}}
{{- if and .Draft .Scheduled}}
<p>Use both flags to see it: <code>briefs serve --drafts --future</code>.</p>
{{- end}}
<p>A build leaves it out in the same way.</p></main>
</body></html>
`))

// renderHidden renders hiddenPage for h.
func renderHidden(h hiddenBrief) []byte {
	var buf bytes.Buffer
	if err := hiddenPage.Execute(&buf, h); err != nil {
		// The template and its data are ours: an error is a bug.
		panic("serve: hidden page: " + err.Error())
	}
	return buf.Bytes()
}
