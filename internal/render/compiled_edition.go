package render

import (
	"bytes"
	"strconv"
)

// writeEdition is the default theme's edition.html, written out in Go as
// compiled.go explains.
func (r *Renderer) writeEdition(w *bytes.Buffer, e *Edition) {
	cfg := e.Site.Config
	date := r.date(e.Date)
	w.WriteString("<!DOCTYPE html>\n<html lang=\"")
	escape(w, cfg.Language)
	w.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light\">\n<meta name=\"supported-color-schemes\" content=\"light\">\n<title>")
	escape(w, e.Title)
	w.WriteString("</title>\n<link rel=\"canonical\" href=\"")
	escapeURL(w, e.URL)
	w.WriteString("\">\n<link rel=\"alternate\" type=\"text/plain\" href=\"")
	escapeURL(w, e.TextURL)
	w.WriteString("\">\n</head>\n<body style=\"margin:0;padding:0;background-color:#f3f1ec;color:#23262b;\">\n<main>\n<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background-color:#f3f1ec;\">\n<tr>\n<td align=\"center\" style=\"padding:24px 12px;\">\n<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"width:100%;max-width:600px;background-color:#ffffff;\">\n<tr>\n<td style=\"padding:28px 20px 16px 20px;border-bottom:3px solid #15171a;\">\n<p style=\"margin:0 0 6px 0;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:16px;letter-spacing:1px;text-transform:uppercase;color:#595e66;\">")
	escape(w, date)
	w.WriteString("</p>\n<h1 style=\"margin:0;font-family:Georgia,'Times New Roman',serif;font-size:30px;line-height:36px;font-weight:bold;\"><a href=\"")
	escapeURL(w, r.urls.AbsURL(""))
	w.WriteString("\" style=\"color:#15171a;text-decoration:none;\">")
	escape(w, cfg.Title)
	w.WriteString("</a></h1>")
	if cfg.Description != "" {
		w.WriteString("\n<p style=\"margin:6px 0 0 0;font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:22px;color:#3d4148;\">")
		escape(w, cfg.Description)
		w.WriteString("</p>")
	}
	w.WriteString("\n</td>\n</tr>")
	for _, b := range e.Briefs {
		w.WriteString("\n<tr>\n<td style=\"padding:24px 20px;border-bottom:1px solid #d9d5cc;font-family:Georgia,'Times New Roman',serif;font-size:17px;line-height:26px;color:#23262b;\">")
		if len(b.Brief.Topics) > 0 {
			w.WriteString("\n<p style=\"margin:0 0 6px 0;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:16px;letter-spacing:1px;text-transform:uppercase;\">")
			for i, t := range b.Brief.Topics {
				if i > 0 {
					w.WriteString("<span style=\"color:#595e66;\"> · </span>")
				}
				w.WriteString("<a href=\"")
				escapeURL(w, r.urls.AbsURL(t.Path))
				w.WriteString("\" style=\"color:#a3161c;text-decoration:none;\">")
				escape(w, t.Name)
				w.WriteString("</a>")
			}
			w.WriteString("</p>")
		}
		w.WriteString("\n<h2 style=\"margin:0 0 8px 0;font-family:Georgia,'Times New Roman',serif;font-size:23px;line-height:29px;font-weight:bold;\"><a href=\"")
		escapeURL(w, b.URL)
		w.WriteString("\" style=\"color:#15171a;text-decoration:none;\">")
		escape(w, b.Title)
		w.WriteString("</a></h2>\n<p style=\"margin:0 0 14px 0;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:18px;color:#595e66;\">")
		if authors := b.Brief.Authors; len(authors) > 0 {
			w.WriteString("By ")
			for i, a := range authors {
				writeNameSeparator(w, i, len(authors))
				w.WriteString("<a href=\"")
				escapeURL(w, r.urls.AbsURL(a.Path))
				w.WriteString("\" style=\"color:#3d4148;text-decoration:none;\">")
				escape(w, a.Name)
				w.WriteString("</a>")
			}
			w.WriteString(" · ")
		}
		escape(w, r.timeOfDay(b.Date))
		w.WriteString("\n</p>")
		if ph := b.Photo; ph != nil {
			width := strconv.Itoa(ph.Width)
			w.WriteString("\n<img src=\"")
			escapeURL(w, ph.URL)
			w.WriteString("\" alt=\"")
			escape(w, ph.Alt)
			w.WriteString("\" width=\"")
			w.WriteString(width)
			w.WriteString("\"")
			if ph.Height != 0 {
				w.WriteString(" height=\"")
				w.WriteString(strconv.Itoa(ph.Height))
				w.WriteString("\"")
			}
			w.WriteString(" style=\"display:block;width:100%;max-width:")
			w.WriteString(width)
			w.WriteString("px;height:auto;border:0;outline:none;text-decoration:none;\">\n<p style=\"margin:6px 0 16px 0;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:16px;color:#595e66;\">")
			if ph.Caption != "" {
				escape(w, ph.Caption)
				w.WriteString(" ")
			}
			w.WriteString("<span style=\"color:#3d4148;\">")
			escape(w, ph.Credit)
			w.WriteString("</span></p>")
		}
		w.WriteString("\n")
		w.WriteString(string(b.Lede))
		if b.Why != nil {
			w.WriteString("\n")
			w.WriteString(string(b.Why.HTML))
		}
		for _, c := range b.Brief.Corrections {
			w.WriteString("\n<p style=\"margin:12px 0 0 0;padding:8px 10px;background-color:#f3f1ec;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:18px;color:#3d4148;\"><strong>Correction, ")
			escape(w, r.date(c.Date))
			w.WriteString(":</strong> ")
			escape(w, c.Text)
			w.WriteString("</p>")
		}
		w.WriteString("\n<p style=\"margin:16px 0 0 0;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;font-weight:bold;\"><a href=\"")
		escapeURL(w, b.URL)
		w.WriteString("\" style=\"color:#a3161c;text-decoration:underline;\">Read the brief</a></p>\n</td>\n</tr>")
	}
	w.WriteString("\n<tr>\n<td style=\"padding:20px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:18px;color:#595e66;\">\n<p style=\"margin:0;\">This is the ")
	escape(w, date)
	w.WriteString(" edition of <a href=\"")
	escapeURL(w, r.urls.AbsURL(""))
	w.WriteString("\" style=\"color:#595e66;\">")
	escape(w, cfg.Title)
	w.WriteString("</a>. <a href=\"")
	escapeURL(w, e.URL)
	w.WriteString("\" style=\"color:#595e66;\">Read it on the web</a> or <a href=\"")
	escapeURL(w, e.TextURL)
	w.WriteString("\" style=\"color:#595e66;\">as plain text</a>.</p>\n</td>\n</tr>\n</table>\n</td>\n</tr>\n</table>\n</main>\n</body>\n</html>\n")
}
