package render_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/briefs-dev/briefs/internal/site"
)

// There is one edition for each day with briefs, in the site's time zone.
func TestEditionDays(t *testing.T) {
	s, files := testSite(t, site.Options{})
	loc := s.Config.Location()
	want := map[string]bool{}
	for _, b := range s.Briefs {
		want["editions/"+b.Date.In(loc).Format("2006-01-02")+"/index.html"] = true
		want["editions/"+b.Date.In(loc).Format("2006-01-02")+"/index.txt"] = true
	}
	var got []string
	for p := range files {
		if strings.HasPrefix(p, "editions/") {
			got = append(got, p)
			if !want[p] {
				t.Errorf("unexpected %s", p)
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("editions %v, want %v", got, want)
	}
}

// The HTML edition is mail: tables and inline styles, no scripts or style
// sheets, absolute URLs only, images with their size, alt text and credit,
// and each brief's lede and "Why this matters".
func TestEditionHTML(t *testing.T) {
	s, files := publishSite(t, site.Options{}, testEnv())
	loc := s.Config.Location()
	for _, b := range s.Briefs {
		day := b.Date.In(loc).Format("2006-01-02")
		path := "editions/" + day + "/index.html"
		data := files[path]
		doc := parseHTML(t, path, data)
		if n := all(doc, func(n *html.Node) bool {
			return n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Iframe ||
				n.DataAtom == atom.Form || (n.DataAtom == atom.Link && func() bool { r, _ := attr(n, "rel"); return r == "stylesheet" }())
		}); len(n) > 0 {
			t.Errorf("%s: has <%s>, which mail clients drop", path, n[0].Data)
		}
		if len(all(doc, and(tag(atom.Table), hasAttr("role", "presentation")))) < 2 {
			t.Errorf("%s: no layout tables", path)
		}
		for _, n := range all(doc, func(n *html.Node) bool { return true }) {
			for _, a := range n.Attr {
				if a.Key == "class" || a.Key == "id" {
					t.Errorf("%s: <%s %s>: mail clients drop style sheets, so styles are inline", path, n.Data, a.Key)
				}
				if a.Key == "href" || a.Key == "src" {
					u, err := url.Parse(a.Val)
					if err != nil || (u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "mailto") || u.Host == "" && u.Scheme != "mailto" {
						t.Errorf("%s: <%s %s=%q> is not an absolute URL", path, n.Data, a.Key, a.Val)
					}
				}
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s>: event handler", path, n.Data, a.Key)
				}
			}
			if n.DataAtom == atom.Td {
				if st, _ := attr(n, "style"); st == "" {
					t.Errorf("%s: <td> without an inline style", path)
				}
			}
			if n.DataAtom == atom.Img {
				alt, hasAlt := attr(n, "alt")
				w, hasW := attr(n, "width")
				h, hasH := attr(n, "height")
				if !hasAlt || alt == "" || !hasW || !hasH || w == "0" || h == "0" {
					t.Errorf("%s: <img alt=%q width=%q height=%q>", path, alt, w, h)
				}
			}
		}
		body := text(doc)
		for _, want := range []string{b.Title, strings.Join(strings.Fields(b.Body.LedeText), " ")} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: lacks %q", path, want)
			}
		}
		// Up to the chart, whose alt text is not text of the page.
		if why := b.Section("Why this matters"); why != nil && !strings.Contains(body, cutAt(strings.Join(strings.Fields(why.Text), " "), " and a chart")) {
			t.Errorf("%s: lacks the Why this matters of %s", path, b.Slug)
		}
		hrefs := map[string]bool{}
		for _, a := range all(doc, tag(atom.A)) {
			h, _ := attr(a, "href")
			hrefs[h] = true
		}
		if !hrefs[baseURL+b.Path] {
			t.Errorf("%s: no link to %s", path, baseURL+b.Path)
		}
	}

	doc := parseHTML(t, "edition", files["editions/2026-06-07/index.html"])
	imgs := all(doc, tag(atom.Img))
	if len(imgs) != 2 {
		t.Fatalf("%d images in the edition of June 7, want the photo and the chart", len(imgs))
	}
	for i, want := range [][3]string{{baseURL + "briefs/minister-declines/minister.svg", "560", "315"}, {baseURL + "briefs/minister-declines/chart.svg", "400", "300"}} {
		src, _ := attr(imgs[i], "src")
		w, _ := attr(imgs[i], "width")
		h, _ := attr(imgs[i], "height")
		if src != want[0] || w != want[1] || h != want[2] {
			t.Errorf("image %d: src %q %sx%s, want %v", i, src, w, h, want)
		}
	}
	if body := text(doc); !strings.Contains(body, "Jane Doe / Wire Photo") || !strings.Contains(body, "misstated the hearing date") {
		t.Errorf("the edition lacks the photo credit or the correction:\n%s", body)
	}
}

// The plain-text edition has the same briefs, wrapped for mail.
func TestEditionText(t *testing.T) {
	s, files := publishSite(t, site.Options{}, testEnv())
	loc := s.Config.Location()
	for _, b := range s.Briefs {
		path := "editions/" + b.Date.In(loc).Format("2006-01-02") + "/index.txt"
		data := string(files[path])
		if !utf8.ValidString(data) || strings.ContainsAny(data, "<>") {
			t.Errorf("%s: markup or invalid UTF-8 in plain text", path)
		}
		flat := strings.Join(strings.Fields(data), " ")
		for _, want := range []string{b.Title, strings.Join(strings.Fields(b.Body.LedeText), " "), baseURL + b.Path} {
			if !strings.Contains(flat, want) {
				t.Errorf("%s: lacks %q", path, want)
			}
		}
		if why := b.Section("Why this matters"); why != nil && !strings.Contains(flat, "Why this matters: "+strings.Join(strings.Fields(why.Text), " ")) {
			t.Errorf("%s: lacks the Why this matters of %s", path, b.Slug)
		}
		for i, line := range strings.Split(data, "\n") {
			if utf8.RuneCountInString(line) > 72 && !strings.Contains(line, "://") {
				t.Errorf("%s:%d: %d characters: %q", path, i+1, utf8.RuneCountInString(line), line)
			}
		}
	}
}

// One edition is pinned, as HTML and as plain text.
func TestGoldenEdition(t *testing.T) {
	_, files := publishSite(t, site.Options{}, testEnv())
	golden(t, "edition.html", files["editions/2026-06-07/index.html"])
	golden(t, "edition.txt", files["editions/2026-06-07/index.txt"])
}

// An edition's key covers the sizes its images' mail HTML states, which
// change with the images' bytes while the brief does not.
func TestEditionKeysCoverImages(t *testing.T) {
	cfg := testConfig(t)
	r := newRenderer(t, cfg, nil)
	r.SetEnvironment(testEnv())
	plan := func(chartWidth int) map[string]uint64 {
		s := newSite(t, cfg, briefs, site.Options{})
		b := s.Ref("briefs/minister-declines")
		if b == nil || len(b.Body.MailImages) != 1 {
			t.Fatalf("the brief with a chart has no image in its mail HTML")
		}
		// As the converter gives it when the chart's file changes.
		b.Body.MailImages[0].Width = chartWidth
		ks := map[string]uint64{}
		for _, j := range r.Plan(s) {
			ks[j.Path] = j.Key
		}
		return ks
	}
	a := plan(400)
	b := plan(800)
	changed := []string{"editions/2026-06-07/index.html", "editions/2026-06-07/index.txt"}
	for p := range a {
		if got := a[p] != b[p]; got != slices.Contains(changed, p) {
			t.Errorf("%s: key changed = %v", p, got)
		}
	}
}

func cutAt(s, sep string) string {
	before, _, _ := strings.Cut(s, sep)
	return before
}
