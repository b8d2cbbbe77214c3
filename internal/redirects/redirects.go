// Package redirects writes what keeps a brief's old URLs working: a small
// page at each alias that sends the reader on (every host serves it), and
// _redirects, the same as real 301s for Netlify and Cloudflare Pages.
package redirects

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/briefs-dev/briefs/internal/i18n"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

// FileName is the redirects file of Netlify and Cloudflare Pages, written
// when [hosting] redirects_file is set.
const FileName = "_redirects"

// Redirect is one old URL and where it now leads, both root-relative
// ("/news/briefs/old/" → "/news/briefs/new/"). File is the output file
// of the page at From: a deploy to S3 website hosting gives that object
// the header x-amz-website-redirect-location with To, for a real 301.
type Redirect struct {
	From, To string
	File     string
}

// Of returns the redirects of the site's aliases, by path.
func Of(s *site.Site) []Redirect {
	aliases := s.Aliases()
	out := make([]Redirect, len(aliases))
	for i, a := range aliases {
		out[i] = Redirect{From: s.URL(a.Path), To: s.URL(a.Brief.Path), File: File(a.Path)}
	}
	return out
}

// File returns the output file of the page at an alias's site path:
// "briefs/old/" → "briefs/old/index.html"; "a/story.html" as it is.
func File(aliasPath string) string {
	if strings.HasSuffix(aliasPath, "/") {
		return aliasPath + "index.html"
	}
	return aliasPath
}

// Family is the redirects as an output family. Words writes the alias
// page's words in the site's language: the theme's translator.
type Family struct{ Words *i18n.Translator }

// Plan adds a page for each alias of the site, and _redirects when the
// configuration asks for it.
func (f Family) Plan(p *plan.Plan) {
	s := p.Site
	for _, r := range Of(s) {
		target := s.AbsURL(strings.TrimPrefix(r.To, s.BasePath))
		lang := s.Config.Language
		p.Add(r.File, func(w *bytes.Buffer) error {
			title, err := f.Words.String("moved")
			if err != nil {
				return err
			}
			text, err := f.Words.T("moved_to_html", "url", target)
			if err != nil {
				return err
			}
			return page.Execute(w, aliasPage{Lang: lang, Target: target, Title: title, Text: text.(template.HTML)})
		}, func() uint64 { return plan.NewKey(p.Global).Str("alias").Str(r.File).Str(target).Sum() })
	}
	if s.Config.Hosting.RedirectsFile {
		redirects := Of(s)
		k := plan.NewKey(p.Global).Str(FileName)
		for _, r := range redirects {
			k.Str(r.From).Str(r.To)
		}
		key := k.Sum()
		p.Add(FileName, func(w *bytes.Buffer) error {
			writeFile(w, redirects)
			return nil
		}, func() uint64 { return key })
	}
}

// writeFile writes redirects in the syntax of _redirects: "from to 301",
// one a line. Paths hold no blanks (content.AliasPath refuses them).
func writeFile(w *bytes.Buffer, redirects []Redirect) {
	w.WriteString("# Old URLs of briefs (their aliases), redirected by briefs.\n")
	for _, r := range redirects {
		w.WriteString(r.From + " " + r.To + " 301\n")
	}
}

// aliasPage is the data of page: Text is the sentence with the link.
type aliasPage struct {
	Lang, Target, Title string
	Text                template.HTML
}

// page is the page at an alias: the canonical link tells search engines
// where the brief now is, the refresh sends browsers there, and the link
// is for readers whose browser does neither.
var page = template.Must(template.New("alias").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.Target}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.Target}}">
</head>
<body>
<p>{{.Text}}</p>
</body>
</html>
`))
