package build_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/diag"
)

var updateHostile = flag.Bool("update-hostile", false, "rewrite the want section of testdata/hostile/refused.txtar")

// writeArchive writes the files of a txtar archive under dir and returns
// the archive.
func writeArchive(t *testing.T, dir, file string) *txtar.Archive {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		if f.Name != "want" {
			write(t, dir, f.Name, string(f.Data))
		}
	}
	return a
}

// TestHostileSiteOutput builds testdata/hostile/accepted.txtar, a site
// whose briefs try every way we know to put script on a reader's page, and
// scans every file of the output: HTML, feeds, JSON and text. No script
// may appear but the theme's own, no event handler attribute, no frame or
// object, and no URL with a javascript:, vbscript:, file: or data: scheme
// (except data: images that cannot run script).
func TestHostileSiteOutput(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir, "testdata/hostile/accepted.txtar")
	// Line endings a txtar cannot hold.
	write(t, dir, "content/briefs/crlf.md", strings.ReplaceAll(
		"+++\ntitle = \"CRLF <script>alert(1)</script>\"\ndate = 2026-06-07T16:00:00Z\n+++\nA lede <script>alert(1)</script>.\n\n**Why this matters:** [x](javascript:alert(1))\n", "\n", "\r\n"))
	write(t, dir, "content/briefs/lone-cr.md", strings.ReplaceAll(
		"+++\ntitle = \"Lone CR\"\ndate = 2026-06-07T17:00:00Z\n+++\nA lede.\n\n**Why this matters:** <img src=x onerror=alert(1)>\n", "\n", "\r"))
	write(t, dir, "content/briefs/bom.md", "\ufeff+++\ntitle = \"BOM\"\ndate = 2026-06-07T18:00:00Z\n+++\n<script>alert(1)</script>\n")

	res, err := build.New(options(dir)).Build(context.Background(), nil)
	if err != nil {
		t.Fatalf("Build() error:\n%v", err)
	}
	if res.Briefs != 10 {
		t.Errorf("Build() published %d briefs, want 10", res.Briefs)
	}
	allowed := themeScripts(t)
	for _, p := range sortedPaths(res.Files) {
		data := res.Files[p]
		var problems []string
		switch ext := path.Ext(p); ext {
		case ".html":
			problems = scanHTML(data, allowed, false)
		case ".xml":
			problems = scanXML(data, allowed)
		case ".json":
			problems = scanJSON(data, allowed)
		case ".txt":
			problems = scanText(data)
		case ".css", ".js", ".svg", ".png", ".jpg", ".ico":
			continue // theme assets and bundle files, published as they are
		default:
			t.Errorf("%s: no scanner for %s files", p, ext)
		}
		for _, pr := range problems {
			t.Errorf("%s: %s", p, pr)
		}
	}
	// The line endings are read as the editor shows them.
	for _, slug := range []string{"crlf", "lone-cr", "bom"} {
		page := res.Files["briefs/"+slug+"/index.html"]
		if page == nil {
			t.Errorf("no page for %s", slug)
			continue
		}
		if bytes.Contains(page, []byte("\r")) {
			t.Errorf("briefs/%s/index.html holds a CR", slug)
		}
	}
	if !bytes.Contains(res.Files["briefs/lone-cr/index.html"], []byte(`id="why-this-matters"`)) {
		t.Errorf("the lone-CR brief's section was not found: its lines were not read as lines")
	}
}

// themeScripts returns the script elements the default theme writes on
// its own, by src, from a build of a site with one plain brief.
func themeScripts(t *testing.T) map[string]bool {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "config.toml", "title = \"Plain\"\nbase_url = \"https://hostile.example/news/\"\n")
	write(t, dir, "content/briefs/plain.md", "+++\ntitle = \"Plain\"\ndate = 2026-06-07T09:30:00Z\n+++\nA lede.\n")
	res, err := build.New(options(dir)).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	srcs := map[string]bool{}
	for p, data := range res.Files {
		if path.Ext(p) != ".html" {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		walkHTML(doc, func(n *html.Node) {
			if n.Type == html.ElementNode && n.DataAtom == atom.Script {
				if src, ok := attrOf(n, "src"); ok {
					srcs[src] = true
				}
			}
		})
	}
	if len(srcs) == 0 {
		t.Fatal("the theme writes no script of its own: the scan would allow none, which is fine, but check themeScripts")
	}
	return srcs
}

// urlAttrs are the attributes whose value a browser reads as a URL.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "poster": true, "background": true,
	"cite": true, "data": true, "codebase": true, "longdesc": true, "usemap": true, "manifest": true,
	"icon": true, "srcset": true, "xlink:href": true, "ping": true, "profile": true, "dynsrc": true, "lowsrc": true,
}

// safeDataImage matches the data: URLs of raster images, which cannot run
// script; goldmark lets the same ones through.
var safeDataImage = regexp.MustCompile(`^data:image/(png|gif|jpeg|webp);`)

// dangerousURL reports whether a browser would run u, or load it as a
// document that can: it first drops leading C0 controls and spaces and
// every tab and newline, as the URL standard does.
func dangerousURL(u string, image bool) bool {
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	lower := strings.ToLower(u)
	for _, scheme := range []string{"javascript:", "vbscript:", "file:", "livescript:", "mocha:"} {
		if strings.HasPrefix(lower, scheme) {
			return true
		}
	}
	if strings.HasPrefix(lower, "data:") {
		return !(image && safeDataImage.MatchString(lower))
	}
	return false
}

// scanHTML returns what in an HTML document (or, with fragment, a piece of
// one, as feeds carry) could run script.
func scanHTML(data []byte, allowedScripts map[string]bool, fragment bool) []string {
	var problems []string
	var nodes []*html.Node
	if fragment {
		body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
		ns, err := html.ParseFragment(bytes.NewReader(data), body)
		if err != nil {
			return []string{fmt.Sprintf("does not parse as HTML: %v", err)}
		}
		nodes = ns
	} else {
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			return []string{fmt.Sprintf("does not parse as HTML: %v", err)}
		}
		nodes = []*html.Node{doc}
	}
	for _, root := range nodes {
		walkHTML(root, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			switch n.DataAtom {
			case atom.Script:
				typ, _ := attrOf(n, "type")
				src, hasSrc := attrOf(n, "src")
				switch {
				case (typ == "application/ld+json" || typ == "application/json") && !hasSrc && !fragment: // data, never run
					if n.FirstChild == nil || !json.Valid([]byte(n.FirstChild.Data)) {
						problems = append(problems, "a JSON-LD script that is not JSON")
					}
				case hasSrc && allowedScripts[src] && !fragment:
				default:
					problems = append(problems, fmt.Sprintf("a script element: %s", render(n)))
				}
			case atom.Iframe, atom.Frame, atom.Frameset, atom.Object, atom.Embed, atom.Applet, atom.Base:
				problems = append(problems, fmt.Sprintf("a %s element: %s", n.Data, render(n)))
			case atom.Meta:
				if v, ok := attrOf(n, "http-equiv"); ok && strings.EqualFold(v, "refresh") {
					problems = append(problems, "a meta refresh")
				}
			}
			if n.Data == "svg" || n.Data == "math" {
				problems = append(problems, fmt.Sprintf("inline %s", n.Data))
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				switch {
				case strings.HasPrefix(key, "on"):
					problems = append(problems, fmt.Sprintf("an event handler %s=%q on <%s>", a.Key, a.Val, n.Data))
				case key == "style" && (strings.Contains(strings.ToLower(a.Val), "javascript:") || strings.Contains(strings.ToLower(a.Val), "expression(")):
					problems = append(problems, fmt.Sprintf("a style that runs script on <%s>", n.Data))
				case key == "srcdoc":
					problems = append(problems, "an srcdoc attribute")
				case urlAttrs[key] || strings.HasSuffix(key, ":href"):
					for _, u := range strings.Split(a.Val, ",") { // srcset lists several
						if dangerousURL(strings.TrimSpace(u), n.DataAtom == atom.Img && key == "src") {
							problems = append(problems, fmt.Sprintf("a dangerous URL %s=%q on <%s>", a.Key, a.Val, n.Data))
							break
						}
					}
				}
			}
		})
	}
	return problems
}

// htmlElements are the XML elements of the feeds whose text is HTML: RSS
// description and content:encoded, Atom content and summary of type html.
func htmlText(start xml.StartElement) bool {
	switch start.Name.Local {
	case "description", "encoded":
		return true
	case "content", "summary", "title", "subtitle", "rights":
		for _, a := range start.Attr {
			if a.Name.Local == "type" && (a.Value == "html" || a.Value == "xhtml") {
				return true
			}
		}
	}
	return false
}

// scanXML scans a feed or sitemap: URLs in attributes and link elements,
// and, as HTML, the text of elements that carry HTML.
func scanXML(data []byte, allowed map[string]bool) []string {
	var problems []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []xml.StartElement
	var text bytes.Buffer
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return append(problems, fmt.Sprintf("does not parse as XML: %v", err))
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok)
			text.Reset()
			for _, a := range tok.Attr {
				if (a.Name.Local == "href" || a.Name.Local == "src" || a.Name.Local == "url") && dangerousURL(a.Value, false) {
					problems = append(problems, fmt.Sprintf("a dangerous URL %s=%q on <%s>", a.Name.Local, a.Value, tok.Name.Local))
				}
			}
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			start := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch {
			case htmlText(start):
				for _, pr := range scanHTML(text.Bytes(), allowed, true) {
					problems = append(problems, fmt.Sprintf("<%s>: %s", start.Name.Local, pr))
				}
			case start.Name.Local == "link" || start.Name.Local == "loc" || start.Name.Local == "guid" || start.Name.Local == "id":
				if dangerousURL(strings.TrimSpace(text.String()), false) {
					problems = append(problems, fmt.Sprintf("a dangerous URL in <%s>: %q", start.Name.Local, text.String()))
				}
			}
			text.Reset()
		}
	}
	return problems
}

// scanJSON scans a JSON file: strings under keys that hold HTML are
// scanned as HTML, and those under keys that hold URLs as URLs. Raw "<" is
// escaped by encoding/json, so no HTML parser finds a tag in the file.
func scanJSON(data []byte, allowed map[string]bool) []string {
	var problems []string
	if bytes.Contains(bytes.ToLower(data), []byte("<script")) {
		problems = append(problems, "a raw <script in JSON")
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return append(problems, fmt.Sprintf("does not parse as JSON: %v", err))
	}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				walk(k, e)
			}
		case []any:
			for _, e := range v {
				walk(key, e)
			}
		case string:
			k := strings.ToLower(key)
			switch {
			case k == "html" || strings.HasSuffix(k, "_html"):
				for _, pr := range scanHTML([]byte(v), allowed, true) {
					problems = append(problems, fmt.Sprintf("%q: %s", key, pr))
				}
			case k == "url" || strings.HasSuffix(k, "_url") || k == "image" || k == "id":
				if dangerousURL(v, false) {
					problems = append(problems, fmt.Sprintf("a dangerous URL %q: %q", key, v))
				}
			}
		}
	}
	walk("", v)
	return problems
}

// scanText scans a plain-text file: the URLs the edition's text writes
// after "Read the brief:" and "On the web:" must be http(s).
func scanText(data []byte) []string {
	var problems []string
	for _, line := range strings.Split(string(data), "\n") {
		for _, label := range []string{"Read the brief: ", "On the web: "} {
			if u, ok := strings.CutPrefix(line, label); ok && !strings.HasPrefix(u, "https://") {
				problems = append(problems, fmt.Sprintf("%q is not an https URL", line))
			}
		}
	}
	return problems
}

func walkHTML(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkHTML(c, f)
	}
}

func attrOf(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func render(n *html.Node) string {
	var b bytes.Buffer
	_ = html.Render(&b, n)
	if b.Len() > 120 {
		return b.String()[:120] + "…"
	}
	return b.String()
}

func sortedPaths(files map[string][]byte) []string {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// TestHostileSiteRefused builds testdata/hostile/refused.txtar with more
// briefs that a txtar cannot hold, and checks that the build reports each
// brief's error at its position, every one at once, and publishes nothing.
func TestHostileSiteRefused(t *testing.T) {
	dir := t.TempDir()
	archive := "testdata/hostile/refused.txtar"
	a := writeArchive(t, dir, archive)
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	cr := func(s string) string { return strings.ReplaceAll(s, "\n", "\r") }
	front := "+++\ntitle = \"x\"\ndate = 2026-06-07T09:30:00Z\n+++\n"
	for name, data := range map[string]string{
		"binary.md":          "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + strings.Repeat("\x00\xff\x10\n", 5000),
		"utf16.md":           "\xff\xfe+\x00+\x00+\x00\n\x00",
		"latin1.md":          "+++\ntitle = \"Caf\xe9\"\n+++\n",
		"crlf.md":            crlf("+++\ntitle = \"x\"\ndate = 2026-06-07T09:30:00Z\n  titel = \"y\"\n+++\nBody.\n"),
		"lone-cr.md":         cr("+++\ntitle = \"x\"\ndate = 2026-06-07T09:30:00Z\n\n   dat = 1\n+++\nBody.\n"),
		"crlf-yaml.md":       crlf("---\ntitle: x\ndate: 2026-06-07\nslug: \"Bad Slug\"\n---\n"),
		"nested.md":          front + "Lede.\n\n" + strings.Repeat("> ", 10000) + "x\n",
		"nested-lists.md":    front + strings.Repeat("- ", 10000) + "x\n",
		"unclosed.md":        front + strings.Repeat("[a](", 20000) + "\n",
		"link-lines.md":      front + "Lede.\n\n" + strings.Repeat("[a]: /u\n", 20000),
		"too-large.md":       front + strings.Repeat("word ", 1<<20/5),
		"front-matter.md":    "+++\ntitle = \"x\"\ndate = 2026-06-07T09:30:00Z\nsummary = \"" + strings.Repeat("s", 70000) + "\"\n+++\n",
		"no-front-matter.md": "Just text, <script>alert(1)</script>.\n",
	} {
		write(t, dir, "content/briefs/"+name, data)
	}
	res, err := build.New(options(dir)).Build(context.Background(), nil)
	if err == nil {
		t.Fatalf("Build() = %d files, want errors", len(res.Files))
	}
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("Build() error %T is not a diag.List: %v", err, err)
	}
	var got strings.Builder
	for _, e := range list {
		if e.Pos.File == "" || e.Pos.Line == 0 {
			t.Errorf("error without a line: %v", e)
		}
		got.WriteString(e.Error() + "\n")
	}
	wantIndex := -1
	for i, f := range a.Files {
		if f.Name == "want" {
			wantIndex = i
		}
	}
	if *updateHostile {
		if wantIndex < 0 {
			a.Files = append(a.Files, txtar.File{Name: "want"})
			wantIndex = len(a.Files) - 1
		}
		a.Files[wantIndex].Data = []byte(got.String())
		if err := os.WriteFile(archive, txtar.Format(a), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if wantIndex < 0 {
		t.Fatalf("%s has no want section: run go test -update-hostile", archive)
	}
	if want := string(a.Files[wantIndex].Data); got.String() != want {
		t.Errorf("Build() errors:\n%s\nwant:\n%s", got.String(), want)
	}
}

// TestHostilePaths checks that nothing outside the site reaches the
// output: os.DirFS follows symbolic links anywhere, so content/ refuses
// links that leave the site, and static/ publishes no link at all.
func TestHostilePaths(t *testing.T) {
	const brief = "+++\ntitle = \"%s\"\ndate = 2026-06-07T09:30:00Z\n%s+++\nA lede.\n"
	photo := "[photo]\nsrc = \"photo.jpg\"\nalt = \"a\"\ncredit = \"c\"\n"
	symlink := func(t *testing.T, target, link string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	outside := t.TempDir()
	write(t, outside, "secret.md", fmt.Sprintf(brief, "SECRET BRIEF", ""))
	write(t, outside, "secret.jpg", "SECRET PHOTO")
	write(t, outside, "secret.txt", "SECRET STATIC")
	site := func(t *testing.T) string {
		dir := t.TempDir()
		write(t, dir, "config.toml", "title = \"Paths\"\nbase_url = \"https://hostile.example/\"\n")
		write(t, dir, "content/briefs/plain.md", fmt.Sprintf(brief, "Plain", ""))
		return dir
	}
	noSecret := func(t *testing.T, files map[string][]byte) {
		t.Helper()
		for p, data := range files {
			if bytes.Contains(data, []byte("SECRET")) {
				t.Errorf("%s holds a file from outside the site", p)
			}
		}
	}

	t.Run("content links out of the site", func(t *testing.T) {
		dir := site(t)
		symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(dir, "content/briefs/leak.md"))
		symlink(t, "../../../"+filepath.Base(outside)+"/secret.md", filepath.Join(dir, "content/briefs/climb.md"))
		write(t, dir, "content/briefs/b/index.md", fmt.Sprintf(brief, "Bundle", photo))
		symlink(t, filepath.Join(outside, "secret.jpg"), filepath.Join(dir, "content/briefs/b/photo.jpg"))
		symlink(t, outside, filepath.Join(dir, "content/briefs/folder"))
		res, err := build.New(options(dir)).Build(context.Background(), nil)
		if err == nil {
			noSecret(t, res.Files)
			t.Fatal("Build() of a site with links out of it succeeded")
		}
		got := strings.ReplaceAll(err.Error(), outside, "OUTSIDE")
		want := strings.Join([]string{
			`content/briefs/b/photo.jpg: symbolic link to "OUTSIDE/secret.jpg" leads outside the site: briefs reads only files inside it`,
			`content/briefs/climb.md: symbolic link to "../../../` + filepath.Base(outside) + `/secret.md" leads outside the site: briefs reads only files inside it`,
			`content/briefs/folder: symbolic link to "OUTSIDE" leads outside the site: briefs reads only files inside it`,
			`content/briefs/leak.md: symbolic link to "OUTSIDE/secret.md" leads outside the site: briefs reads only files inside it`,
		}, "\n")
		if got != want {
			t.Errorf("Build() error:\n%s\nwant:\n%s", got, want)
		}
	})

	t.Run("content links inside the site", func(t *testing.T) {
		dir := site(t)
		// An SVG photo is published as it is: the link's own bytes.
		write(t, dir, "shared/photo.svg", "SHARED PHOTO")
		write(t, dir, "shared/common.md", fmt.Sprintf(brief, "Shared brief", ""))
		write(t, dir, "content/briefs/b/index.md", fmt.Sprintf(brief, "Bundle", strings.Replace(photo, ".jpg", ".svg", 1)))
		symlink(t, "../../../shared/photo.svg", filepath.Join(dir, "content/briefs/b/photo.svg"))
		symlink(t, "../../shared/common.md", filepath.Join(dir, "content/briefs/common.md"))
		res, err := build.New(options(dir)).Build(context.Background(), nil)
		if err != nil {
			t.Fatalf("Build() error: %v", err)
		}
		if got := string(res.Files["briefs/b/photo.svg"]); got != "SHARED PHOTO" {
			t.Errorf("briefs/b/photo.svg = %q, want the linked photo", got)
		}
		if !bytes.Contains(res.Files["briefs/common/index.html"], []byte("Shared brief")) {
			t.Errorf("the linked brief was not published")
		}
	})

	t.Run("static links", func(t *testing.T) {
		// As under content/: a link to a file inside the site is
		// published, a link out of it stops the build, naming it.
		dir := site(t)
		write(t, dir, "static/real.txt", "real")
		symlink(t, "real.txt", filepath.Join(dir, "static/alias.txt"))
		res, err := build.New(options(dir)).Build(context.Background(), nil)
		if err != nil {
			t.Fatalf("Build() error: %v", err)
		}
		if string(res.Files["real.txt"]) != "real" || string(res.Files["alias.txt"]) != "real" {
			t.Errorf("static/real.txt and its link static/alias.txt were not both published")
		}
		symlink(t, filepath.Join(outside, "secret.txt"), filepath.Join(dir, "static/leak.txt"))
		symlink(t, outside, filepath.Join(dir, "static/folder"))
		res, err = build.New(options(dir)).Build(context.Background(), nil)
		want := fmt.Sprintf("static/folder: symbolic link to %q leads outside the site: briefs reads only files inside it\n"+
			"static/leak.txt: symbolic link to %q leads outside the site: briefs reads only files inside it", outside, filepath.Join(outside, "secret.txt"))
		if err == nil || err.Error() != want {
			t.Errorf("Build() error = %v, want:\n%s", err, want)
		}
		if res != nil {
			noSecret(t, res.Files)
		}
	})

	t.Run("names that differ only in case", func(t *testing.T) {
		dir := site(t)
		write(t, dir, "content/briefs/b/index.md", fmt.Sprintf(brief, "Bundle", photo))
		write(t, dir, "content/briefs/b/photo.jpg", "lower")
		write(t, dir, "content/briefs/b/Photo.JPG", "upper")
		_, err := build.New(options(dir)).Build(context.Background(), nil)
		want := "content/briefs/b/photo.jpg: differs only in case from content/briefs/b/Photo.JPG: the two are one file on macOS, Windows and many static hosts; rename one"
		if err == nil || err.Error() != want {
			t.Errorf("Build() error = %v, want %s", err, want)
		}
	})
}
