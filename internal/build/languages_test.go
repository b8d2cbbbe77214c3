package build_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/check"
	"github.com/briefs-dev/briefs/internal/corpus"
)

// buildLanguages builds testdata/languages.txtar and returns its files.
func buildLanguages(t *testing.T) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	writeArchive(t, dir, "testdata/languages.txtar")
	opts := options(dir)
	opts.Check = check.InBuild{}
	res, err := build.New(opts).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %s", w)
	}
	return res.Files
}

const siteURL = "https://example.org/"

// link is an element's rel or hreflang and its href.
type link struct{ hreflang, href string }

// pageLinks returns the hreflang alternates of a page's head and the
// links of its language switcher.
func pageLinks(t *testing.T, page []byte) (alternates, switcher []link) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *html.Node, name string) string {
		for _, a := range n.Attr {
			if a.Key == name {
				return a.Val
			}
		}
		return ""
	}
	var walk func(n *html.Node, inSwitcher bool)
	walk = func(n *html.Node, inSwitcher bool) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "link" && attr(n, "rel") == "alternate" && attr(n, "hreflang") != "":
				alternates = append(alternates, link{attr(n, "hreflang"), attr(n, "href")})
			case n.Data == "nav" && attr(n, "class") == "language-switcher":
				inSwitcher = true
			case n.Data == "a" && inSwitcher:
				switcher = append(switcher, link{attr(n, "hreflang"), attr(n, "href")})
			case n.Data == "span" && inSwitcher && attr(n, "aria-current") != "":
				switcher = append(switcher, link{attr(n, "lang") + " (current)", ""})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inSwitcher)
		}
	}
	walk(doc, false)
	return alternates, switcher
}

// fileOf returns the output path of an absolute URL of the site.
func fileOf(u string) string {
	p := strings.TrimPrefix(u, siteURL)
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// TestAlternatesReciprocal checks every page of the two-language site: the
// alternates of a page name the page itself, x-default names the English
// version, and every page an alternate names lists the very same
// alternates, so that each pair names each other.
func TestAlternatesReciprocal(t *testing.T) {
	files := buildLanguages(t)
	withAlternates := 0
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		alts, _ := pageLinks(t, files[p])
		if len(alts) == 0 {
			continue
		}
		withAlternates++
		self := siteURL + strings.TrimSuffix(p, "index.html")
		if !slices.Contains(alts, link{hreflang(p), self}) {
			t.Errorf("%s: alternates %v do not name the page itself (%s)", p, alts, self)
		}
		if !slices.Contains(alts, link{"x-default", alts[0].href}) || alts[0].hreflang != "en-US" {
			t.Errorf("%s: alternates %v: want the English version first and as x-default", p, alts)
		}
		for _, a := range alts {
			other, ok := files[fileOf(a.href)]
			if !ok {
				t.Errorf("%s: alternate %s names no page of the site", p, a.href)
				continue
			}
			back, _ := pageLinks(t, other)
			if !slices.Equal(back, alts) {
				t.Errorf("%s names %s as %s, whose alternates differ:\n%v\n%v", p, a.href, a.hreflang, alts, back)
			}
		}
	}
	// The two homes and three translated briefs in each language.
	if withAlternates != 8 {
		t.Errorf("%d pages have alternates, want 8", withAlternates)
	}
	for _, p := range []string{"briefs/budget-hearing/index.html", "es/briefs/mercado/index.html", "topics/council/index.html"} {
		if alts, _ := pageLinks(t, files[p]); alts != nil {
			t.Errorf("%s, without a translation, has alternates %v", p, alts)
		}
	}
}

// hreflang returns the language of an output path of the test site.
func hreflang(p string) string {
	if strings.HasPrefix(p, "es/") {
		return "es"
	}
	return "en-US"
}

func TestLanguageSwitcher(t *testing.T) {
	files := buildLanguages(t)
	tests := []struct {
		page string
		want []link
	}{
		{"index.html", []link{{"en-US (current)", ""}, {"es", siteURL + "es/"}}},
		{"es/index.html", []link{{"en-US", siteURL}, {"es (current)", ""}}},
		{"briefs/council-vote/index.html", []link{{"en-US (current)", ""}, {"es", siteURL + "es/briefs/council-vote/"}}},
		{"es/briefs/junta-escolar/index.html", []link{{"en-US", siteURL + "briefs/school-board/"}, {"es (current)", ""}}},
		// Without a translation, the other language's home.
		{"briefs/budget-hearing/index.html", []link{{"en-US (current)", ""}, {"es", siteURL + "es/"}}},
		{"es/briefs/mercado/index.html", []link{{"en-US", siteURL}, {"es (current)", ""}}},
		{"es/topics/council/index.html", []link{{"en-US", siteURL}, {"es (current)", ""}}},
	}
	for _, tt := range tests {
		data, ok := files[tt.page]
		if !ok {
			t.Errorf("no page %s", tt.page)
			continue
		}
		_, got := pageLinks(t, data)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: switcher %v, want %v", tt.page, got, tt.want)
		}
	}
}

// TestLanguageOutputs checks what each language publishes under its path:
// its own briefs in its lists, feeds, search and sitemap, its section
// names and its language, and what only the root has.
func TestLanguageOutputs(t *testing.T) {
	files := buildLanguages(t)
	has := func(p, text string) bool { return bytes.Contains(files[p], []byte(text)) }
	tests := []struct {
		file string
		want []string // what the file holds
		not  []string // what it must not
	}{
		{"index.html", []string{`<html lang="en-US">`, "Council backs the ferry schedule", "The Harbor Brief"}, []string{"El concejo", "mercado"}},
		{"es/index.html", []string{`<html lang="es">`, "El concejo respalda", "El mercado de los sábados", "El Resumen del Puerto", `href="/es/briefs/mercado/"`}, []string{"Council backs", "Budget hearing"}},
		{"es/briefs/council-vote/index.html", []string{`id="por-que-importa"`, `id="lo-que-viene"`, `<link rel="canonical" href="https://example.org/es/briefs/council-vote/">`}, nil},
		{"briefs/council-vote/index.html", []string{`id="why-this-matters"`}, []string{"por-que-importa"}},
		// The go_deeper ref of a Spanish brief to a brief in English only.
		{"es/briefs/mercado/index.html", []string{`href="https://example.org/briefs/budget-hearing/"`}, nil},
		{"feed.xml", []string{"<language>en-US</language>", "https://example.org/briefs/council-vote/"}, []string{"El concejo"}},
		{"es/feed.xml", []string{"<language>es</language>", "https://example.org/es/briefs/council-vote/", "El concejo"}, []string{"Council backs"}},
		{"es/feed.json", []string{"El concejo"}, []string{"Council backs"}},
		{"es/topics/council/feed.xml", []string{"El concejo"}, []string{"Budget hearing"}},
		{"sitemap.xml", []string{`xmlns:xhtml="http://www.w3.org/1999/xhtml"`,
			`<xhtml:link rel="alternate" hreflang="es" href="https://example.org/es/briefs/council-vote/"></xhtml:link>`,
			`<xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/briefs/school-board/"></xhtml:link>`}, []string{"<loc>https://example.org/es/"}},
		{"es/sitemap.xml", []string{`<loc>https://example.org/es/briefs/junta-escolar/</loc>`,
			`<xhtml:link rel="alternate" hreflang="en-US" href="https://example.org/briefs/school-board/"></xhtml:link>`}, []string{"<loc>https://example.org/briefs/"}},
		{"robots.txt", []string{"Sitemap: https://example.org/sitemap.xml\n", "Sitemap: https://example.org/es/sitemap.xml\n"}, nil},
		// The photo of the translated bundle, beside each page.
		{"es/briefs/harbor-dredging/index.html", []string{"/es/briefs/harbor-dredging/pier.svg", "Una draga"}, nil},
	}
	for _, tt := range tests {
		if _, ok := files[tt.file]; !ok {
			t.Errorf("no file %s", tt.file)
			continue
		}
		for _, w := range tt.want {
			if !has(tt.file, w) {
				t.Errorf("%s lacks %q", tt.file, w)
			}
		}
		for _, n := range tt.not {
			if has(tt.file, n) {
				t.Errorf("%s has %q", tt.file, n)
			}
		}
	}
	for _, p := range []string{"es/robots.txt", "es/briefs/budget-hearing/index.html"} {
		if _, ok := files[p]; ok {
			t.Errorf("%s is published", p)
		}
	}
	if _, ok := files["es/briefs/harbor-dredging/pier.svg"]; !ok {
		t.Errorf("the Spanish bundle's photo is not published beside its page")
	}
	var spanish, english bool // in the Spanish search
	for p := range files {
		if strings.HasPrefix(p, "es/search/") {
			spanish = spanish || bytes.Contains(files[p], []byte("El concejo"))
			english = english || bytes.Contains(files[p], []byte("Council backs"))
		}
	}
	if !spanish || english {
		t.Errorf("the Spanish search has its briefs: %v, has English ones: %v", spanish, english)
	}
}

// TestIncrementalMatchesFreshTranslated is TestIncrementalMatchesFresh on
// a site in two languages: after every random edit, of a brief in either
// language, the incremental build gives the files of a fresh one.
func TestIncrementalMatchesFreshTranslated(t *testing.T) {
	for seed := uint64(1); seed <= 2; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			dir := t.TempDir()
			if _, err := corpus.Write(dir, corpus.Options{Briefs: 30, Seed: seed, Photos: -1, Translated: 0.5}); err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			opts := options(dir)
			opts.Defer = seed%2 == 0
			inc := build.New(opts)
			if _, err := inc.Build(ctx, nil); err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewPCG(seed, 11))
			broken := ""
			for step := 0; step < 15; step++ {
				name, changed := editTranslated(t, r, dir, &broken)
				got, gotErr := inc.Build(ctx, changed)
				if gotErr == nil {
					files, _, err := inc.Finish(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if files != nil {
						got.Files = files
					}
				}
				want, wantErr := build.New(options(dir)).Build(ctx, nil)
				label := fmt.Sprintf("step %d (%s)", step, name)
				if (gotErr == nil) != (wantErr == nil) {
					t.Fatalf("%s: incremental error %v, fresh error %v", label, gotErr, wantErr)
				}
				if wantErr != nil {
					if gotErr.Error() != wantErr.Error() {
						t.Fatalf("%s: errors differ:\nincremental: %v\nfresh: %v", label, gotErr, wantErr)
					}
					continue
				}
				compare(t, label, got.Files, want.Files)
			}
		})
	}
}

// editTranslated is edit for a site in two languages: the configuration
// it writes keeps the languages, a deleted bundle takes its translation
// with it, and one more edit marks a translation updated.
func editTranslated(t *testing.T, r *rand.Rand, dir string, broken *string) (string, []string) {
	t.Helper()
	if *broken == "" && r.IntN(8) == 0 {
		for _, p := range existing(t, dir) {
			if strings.HasSuffix(p, ".es.md") && r.IntN(3) == 0 {
				data, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
				text := strings.Replace(string(data), "\nupdated = ", "\nupdated_before = ", 1) // at most one updated
				text = strings.Replace(text, "updated_before = ", "# was ", 1)
				write(t, dir, p, strings.Replace(text, "+++\n", "+++\nupdated = 2026-01-02T10:00:00Z\n", 1))
				return "update translation", []string{p}
			}
		}
	}
	name, changed := edit(t, r, dir, broken)
	switch {
	case slices.Contains(changed, "config.toml"):
		data, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
		paginate := strings.TrimPrefix(string(data)[strings.Index(string(data), "paginate = "):], "paginate = ")
		paginate = paginate[:strings.IndexByte(paginate, '\n')]
		write(t, dir, "config.toml", strings.Replace(corpus.TranslatedConfig, "paginate = 10", "paginate = "+paginate, 1))
	case name == "delete" && strings.HasSuffix(changed[0], "/index.md"):
		es := strings.TrimSuffix(changed[0], ".md") + ".es.md"
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(es))); err == nil {
			changed = append(changed, es)
		}
	}
	return name, changed
}

// TestLanguageEdges builds a small site in two languages: a brief in a
// language the site does not publish in is in no language's site, and a
// Spanish go_deeper ref to a brief only in English links there while it
// is published, nowhere while it is a draft, and is not shown at all
// while it waits for its publish_at.
func TestLanguageEdges(t *testing.T) {
	const config = "base_url = \"https://example.org/\"\nlanguage = \"en-US\"\n\n[[languages]]\ncode = \"es\"\nname = \"Español\"\npath = \"es\"\n"
	const spanish = "+++\ntitle = \"Mercado\"\ndate = 2026-11-10T08:00:00Z\nauthors = [\"Tomas Reyes\"]\n[[go_deeper]]\ntitle = \"La audiencia\"\nref = \"hearing\"\n+++\nEl mercado vuelve.\n\n**Why this matters:** Sí.\n"
	hearing := func(extra string) string {
		return "+++\ntitle = \"Hearing\"\ndate = 2026-11-09T08:00:00Z\nauthors = [\"Tomas Reyes\"]\n" + extra + "+++\nA hearing.\n\n**Why this matters:** Yes.\n"
	}
	tests := []struct {
		name, extra string
		link        string // what the Spanish page shows of the link; "" for nothing
	}{
		{"published", "", `<a href="https://example.org/briefs/hearing/">La audiencia</a>`},
		{"draft", "draft = true\n", "La audiencia"},
		{"embargoed", "publish_at = 2026-12-01T08:00:00Z\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "config.toml", config)
			write(t, dir, "content/briefs/mercado.es.md", spanish)
			write(t, dir, "content/briefs/hearing.md", hearing(tt.extra))
			write(t, dir, "content/briefs/marche.fr.md", strings.Replace(spanish, "Mercado", "Marché", 1))
			res, err := build.New(options(dir)).Build(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			page := string(res.Files["es/briefs/mercado/index.html"])
			switch {
			case tt.link == "" && strings.Contains(page, "La audiencia"):
				t.Errorf("the page shows a link to a brief under embargo:\n%s", page)
			case tt.link != "" && !strings.Contains(page, tt.link):
				t.Errorf("the page lacks %q", tt.link)
			case tt.name == "draft" && strings.Contains(page, "briefs/hearing/"):
				t.Errorf("the page links to a draft")
			}
			for p, data := range res.Files {
				if strings.Contains(p, "marche") || bytes.Contains(data, []byte("Marché")) {
					t.Errorf("%s: the French brief is published", p)
				}
			}
			want := 1 // the Spanish brief
			if tt.name == "published" {
				want++
			}
			if res.Briefs != want {
				t.Errorf("%d briefs published, want %d", res.Briefs, want)
			}
		})
	}
}

// TestQuickRebuildTranslation edits the text of a Spanish translation in
// the preview: the quick rebuild hands its page over first, parses only
// it, and renders only the Spanish files that show it.
func TestQuickRebuildTranslation(t *testing.T) {
	dir := t.TempDir()
	paths, err := corpus.Write(dir, corpus.Options{Briefs: 40, Seed: 3, Photos: 0, Translated: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	var es string
	for _, p := range paths {
		if strings.HasSuffix(p, ".es.md") {
			es = p
		}
	}
	ctx := context.Background()
	b := build.New(options(dir))
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, es))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, es, string(data)+"\nUn párrafo más.\n")
	var ready map[string][]byte
	res, err := b.Rebuild(ctx, []string{es}, func(pages map[string][]byte) { ready = pages })
	if err != nil {
		t.Fatal(err)
	}
	page := "es/briefs/" + strings.TrimSuffix(filepath.Base(es), ".es.md") + "/index.html"
	if !bytes.Contains(ready[page], []byte("Un párrafo más.")) || len(ready) != 1 {
		t.Errorf("ready got %v, want the edited page %s alone", slices.Sorted(maps.Keys(ready)), page)
	}
	if res.Parsed != 1 {
		t.Errorf("parsed %d briefs, want 1", res.Parsed)
	}
	for _, p := range res.Changed {
		if !strings.HasPrefix(p, "es/") {
			t.Errorf("%s changed: an edit of a Spanish brief changes only Spanish files", p)
		}
	}
	if !slices.Contains(res.Changed, page) {
		t.Errorf("changed %v, without %s", res.Changed, page)
	}
}

// A result's next change is the earliest of every language's.
func TestResultNextChange(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "config.toml", "base_url = \"https://example.org/\"\n\n[[languages]]\ncode = \"es\"\nname = \"Español\"\npath = \"es\"\n")
	write(t, dir, "content/briefs/a.md", "+++\ntitle = \"A\"\ndate = 2026-11-01T08:00:00Z\nauthors = [\"Tomas Reyes\"]\nexpires = 2026-12-20T08:00:00Z\n+++\nA.\n\n**Why this matters:** A.\n")
	write(t, dir, "content/briefs/b.es.md", "+++\ntitle = \"B\"\ndate = 2026-11-01T08:00:00Z\nauthors = [\"Tomas Reyes\"]\npublish_at = 2026-12-10T08:00:00Z\n+++\nB.\n\n**Why this matters:** B.\n")
	res, err := build.New(options(dir)).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.NextChange(), time.Date(2026, 12, 10, 8, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("NextChange() = %v, want %v, the Spanish brief's publish_at", got, want)
	}
}
