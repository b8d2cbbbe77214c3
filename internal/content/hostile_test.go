package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
)

// brief is a minimal valid TOML brief with extra front matter and a body.
func brief(extra, body string) string {
	return "+++\ntitle = \"x\"\ndate = 2026-06-07\n" + extra + "+++\n" + body
}

func TestParseLimits(t *testing.T) {
	const x = "content/briefs/x.md"
	big := brief("", strings.Repeat("word ", 1000))
	size := func(s string) string { return fmt.Sprint(len(s)) }
	fm := func(extra string) string { return fmt.Sprint(len(brief(extra, "")) - len("+++\n+++\n")) }
	long := "summary = \"" + strings.Repeat("s", 1000) + "\"\n"
	huge := "summary = \"" + strings.Repeat("s", 64<<10) + "\"\n"
	yaml := "---\ntitle: x\ndate: 2026-06-07\nsummary: " + strings.Repeat("s", 2000) + "\n---\n"
	tests := []struct {
		name string
		src  string
		opts Options
		want []string // nil: parses
	}{
		{"under the brief limit", big, Options{MaxBriefBytes: 6000}, nil},
		{"over the brief limit", big, Options{MaxBriefBytes: 5000},
			[]string{x + ":1:1: brief is " + size(big) + " bytes, more than the limit of 5000 ([content] max_brief_bytes in config.toml)"}},
		{"default limit", brief("", strings.Repeat("a", config.DefaultMaxBriefBytes)), Options{},
			[]string{x + ":1:1: brief is 1048614 bytes, more than the limit of 1048576 ([content] max_brief_bytes in config.toml)"}},
		{"under the front matter limit", brief("summary = \""+strings.Repeat("s", 900)+"\"\n", ""), Options{MaxFrontMatterBytes: 1024}, nil},
		{"over the front matter limit", brief(long, ""), Options{MaxFrontMatterBytes: 1024},
			[]string{x + ":1:1: front matter is " + fm(long) + " bytes, more than the limit of 1024 ([content] max_front_matter_bytes in config.toml): put long text in the body"}},
		{"default front matter limit", brief(huge, ""), Options{},
			[]string{x + ":1:1: front matter is " + fm(huge) + " bytes, more than the limit of 65536 ([content] max_front_matter_bytes in config.toml): put long text in the body"}},
		{"yaml front matter limit", yaml, Options{MaxFrontMatterBytes: 1024},
			[]string{x + ":1:1: front matter is " + fmt.Sprint(len(yaml)-8) + " bytes, more than the limit of 1024 ([content] max_front_matter_bytes in config.toml): put long text in the body"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(x, []byte(tt.src), tt.opts)
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if err != nil {
				checkDiag(t, x, err)
			}
		})
	}
}

func TestOptionsFor(t *testing.T) {
	cfg := config.Default()
	cfg.Timezone = "Europe/Paris"
	cfg.Content = config.Content{MaxBriefBytes: 4096, MaxFrontMatterBytes: 2048}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	got := OptionsFor(&cfg)
	if got.Location.String() != "Europe/Paris" || got.MaxBriefBytes != 4096 || got.MaxFrontMatterBytes != 2048 {
		t.Errorf("OptionsFor() = %+v, want Europe/Paris, 4096, 2048", got)
	}
	if _, err := Parse("content/x.md", []byte(brief("", strings.Repeat("a", 4096))), got); err == nil {
		t.Errorf("Parse() of a 4,131-byte brief with OptionsFor(max 4096) = nil error")
	}
}

func TestParseEncodings(t *testing.T) {
	const x = "content/briefs/x.md"
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + strings.Repeat("\x00\xff\x10", 1000)
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"binary file", png, []string{x + ":3:1: brief contains a NUL byte: is it a binary file?"}},
		{"binary without NUL", "\x89PNG\r\n\x1a\n" + strings.Repeat("\xff\xd8", 1000), []string{x + ":1:1: brief is not valid UTF-8: save it as UTF-8"}},
		{"UTF-16 LE", "\xff\xfe+\x00+\x00+\x00\n\x00", []string{x + ":1:1: brief is UTF-16 text: save it as UTF-8"}},
		{"UTF-16 BE", "\xfe\xff\x00+\x00+\x00+\x00\n", []string{x + ":1:1: brief is UTF-16 text: save it as UTF-8"}},
		{"Latin-1 in the body", brief("", "caf\xe9\n"), []string{x + ":5:4: brief is not valid UTF-8: save it as UTF-8"}},
		{"NUL in front matter", "+++\ntitle = \"a\x00\"\n+++\n", []string{x + ":2:11: brief contains a NUL byte: is it a binary file?"}},
		{"CRLF front matter error", "+++\r\ntitle = \"x\"\r\ndate = 2026-06-07\r\n\r\n  titel = 1\r\n+++\r\n",
			[]string{x + `:5:3: unknown front matter key "titel" (did you mean "title"?)`}},
		{"CRLF yaml error", "---\r\ntitle: x\r\ndate: 2026-06-07\r\n  bad: [\r\n---\r\n",
			[]string{x + ":4: mapping values are not allowed in this context"}},
		{"CRLF toml syntax error", "+++\r\ntitle = \"x\"\r\ndate = \r\n+++\r\n",
			[]string{x + ":3:8: expected value but found '\\r' instead"}},
		{"lone CR front matter error", "+++\rtitle = \"x\"\rdate = 2026-06-07\r\r  titel = 1\r+++\r",
			[]string{x + `:5:3: unknown front matter key "titel" (did you mean "title"?)`}},
		{"lone CR yaml error", "---\rtitle: x\rdate: 2026-06-07\r  bad: [\r---\r",
			[]string{x + ":4: mapping values are not allowed in this context"}},
		{"mixed line endings", "+++\r\ntitle = \"x\"\rdate = 2026-06-07\n  titel = 1\r\n+++\n",
			[]string{x + `:4:3: unknown front matter key "titel" (did you mean "title"?)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(x, []byte(tt.src), Options{})
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if err != nil {
				checkDiag(t, x, err)
			}
		})
	}
}

func TestParseLoneCR(t *testing.T) {
	src := []byte("+++\rtitle = \"Lone\"\rdate = 2026-06-07\r+++\rLede.\r\r**Why this matters:** x\r")
	orig := string(src)
	s, err := Parse("content/x.md", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(src) != orig {
		t.Errorf("Parse changed its input to %q", src)
	}
	if s.Front.Title != "Lone" || s.BodyLine != 5 {
		t.Errorf("Title, BodyLine = %q, %d; want %q, 5", s.Front.Title, s.BodyLine, "Lone")
	}
	if want := "Lede.\n\n**Why this matters:** x\n"; string(s.Body) != want {
		t.Errorf("Body = %q, want %q", s.Body, want)
	}
	if len(s.Raw) != len(src) {
		t.Errorf("len(Raw) = %d, want %d: offsets must not move", len(s.Raw), len(src))
	}
}

func TestNormalizeCR(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"a\nb", "a\nb"},
		{"a\r\nb\r\n", "a\r\nb\r\n"},
		{"a\rb", "a\nb"},
		{"a\r", "a\n"},
		{"\r\r\n\r", "\n\r\n\n"},
		{"a\r\nb\rc\r\n", "a\r\nb\nc\r\n"},
	}
	for _, tt := range tests {
		if got := string(normalizeCR([]byte(tt.in))); got != tt.want {
			t.Errorf("normalizeCR(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseHostileURLs(t *testing.T) {
	const x = "content/briefs/x/index.md"
	photo := func(src string) string {
		return brief("[photo]\nsrc = '"+src+"'\nalt = \"a\"\ncredit = \"c\"\n", "")
	}
	quoted := func(src string) string { // a TOML basic string, for escapes
		return brief("[photo]\nsrc = \""+src+"\"\nalt = \"a\"\ncredit = \"c\"\n", "")
	}
	link := func(url string) string {
		return brief("[[go_deeper]]\ntitle = \"t\"\nurl = '"+url+"'\n", "")
	}
	const notRemote = "is not an absolute http or https URL"
	const notPath = "must be a slash path inside the bundle or an http(s) URL"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"photo javascript:", photo("javascript:alert(1)"), []string{x + `:5:1: photo src "javascript:alert(1)": ` + notPath}},
		{"photo JaVaScRiPt:", photo("JaVaScRiPt:alert(1)"), []string{x + `:5:1: photo src "JaVaScRiPt:alert(1)": ` + notPath}},
		{"photo vbscript:", photo("vbscript:msgbox(1)"), []string{x + `:5:1: photo src "vbscript:msgbox(1)": ` + notPath}},
		{"photo data: image", photo("data:image/png;base64," + strings.Repeat("A", 100)), []string{x + `:5:1: photo src "data:image/png;base64,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"…: ` + notPath}},
		{"photo data: html", photo("data:text/html,<script>alert(1)</script>"), []string{x + `:5:1: photo src "data:text/html,<script>alert(1)</script>": ` + notPath}},
		{"photo file:", photo("file:///etc/passwd"), []string{x + `:5:1: photo src "file:///etc/passwd": ` + notPath}},
		{"photo leading space", photo(" javascript:alert(1)"), []string{x + `:5:1: photo src " javascript:alert(1)": ` + notPath}},
		{"photo control char", quoted(`\u0001javascript:alert(1)`), []string{x + `:5:1: photo src "\x01javascript:alert(1)": ` + notPath}},
		{"photo Windows path", photo(`C:\photos\a.jpg`), []string{x + `:5:1: photo src "C:\\photos\\a.jpg": ` + notPath}},
		{"photo backslash climb", photo(`..\..\a.jpg`), []string{x + `:5:1: photo src "..\\..\\a.jpg": ` + notPath}},
		{"photo climbs out of the bundle", photo("../other/a.jpg"), []string{x + `:5:1: photo src "../other/a.jpg": points outside the brief's bundle: put the photo beside index.md`}},
		{"photo climbs out of the site", photo("/../../etc/passwd"), []string{x + `:5:1: photo src "/../../etc/passwd": points outside the site`}},
		{"photo climbs after a folder", photo("img/../../../a.jpg"), []string{x + `:5:1: photo src "img/../../../a.jpg": points outside the brief's bundle: put the photo beside index.md`}},
		{"photo is a folder", photo("./"), []string{x + `:5:1: photo src "./": names a folder, not a photo`}},
		{"photo is the bundle", photo("."), []string{x + `:5:1: photo src ".": names a folder, not a photo`}},
		{"photo URL without host", photo("https:///etc/passwd"), []string{x + `:5:1: photo src "https:///etc/passwd": is not a well-formed http(s) URL`}},
		{"photo URL with control char", quoted(`https://x.org/\u007f`), []string{x + `:5:1: photo src "https://x.org/\x7f": is not a well-formed http(s) URL`}},
		{"photo https", photo("https://cdn.example.org/a.jpg?w=1"), nil},
		{"photo site path", photo("/images/a.jpg"), nil},
		{"go_deeper javascript:", link("javascript:alert(1)"), []string{x + `:6:1: go_deeper url "javascript:alert(1)" ` + notRemote}},
		{"go_deeper mixed case", link("JaVaScRiPt:alert(1)"), []string{x + `:6:1: go_deeper url "JaVaScRiPt:alert(1)" ` + notRemote}},
		{"go_deeper vbscript:", link("vbscript:msgbox(1)"), []string{x + `:6:1: go_deeper url "vbscript:msgbox(1)" ` + notRemote}},
		{"go_deeper data:", link("data:text/html;base64,PHNjcmlwdD4="), []string{x + `:6:1: go_deeper url "data:text/html;base64,PHNjcmlwdD4=" ` + notRemote}},
		{"go_deeper data: image", link("data:image/png;base64,AAAA"), []string{x + `:6:1: go_deeper url "data:image/png;base64,AAAA" ` + notRemote}},
		{"go_deeper leading space", link("  javascript:alert(1)"), []string{x + `:6:1: go_deeper url "  javascript:alert(1)" ` + notRemote}},
		{"go_deeper tab in scheme", link("java\tscript:alert(1)"), []string{x + `:6:1: go_deeper url "java\tscript:alert(1)" ` + notRemote}},
		{"go_deeper entity", link("&#106;avascript:alert(1)"), []string{x + `:6:1: go_deeper url "&#106;avascript:alert(1)" ` + notRemote}},
		{"go_deeper protocol-relative", link("//evil.example/"), []string{x + `:6:1: go_deeper url "//evil.example/" ` + notRemote}},
		{"go_deeper https", link("https://example.org/a?b=<script>"), nil},
		{"yaml photo javascript:", "---\ntitle: x\ndate: 2026-06-07\nphoto:\n  src: javascript:alert(1)\n  alt: a\n  credit: c\n---\n",
			[]string{x + `:5:3: photo src "javascript:alert(1)": ` + notPath}},
		{"yaml go_deeper javascript:", "---\ntitle: x\ndate: 2026-06-07\ngo_deeper:\n  - title: t\n    url: javascript:alert(1)\n---\n",
			[]string{x + `:6:5: go_deeper url "javascript:alert(1)" ` + notRemote}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(x, []byte(tt.src), Options{})
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestParseManyEntries checks that errors in many go_deeper, corrections
// and ignore entries are each reported at their entry.
func TestParseManyEntries(t *testing.T) {
	var b strings.Builder
	for range 2000 {
		b.WriteString("[[go_deeper]]\ntitle = \"t\"\nref = \"briefs/x\"\n")
	}
	b.WriteString("[[go_deeper]]\ntitle = \"last\"\nurl = \"ftp://x\"\n")
	_, err := Parse("content/x.md", []byte(brief(b.String(), "")), Options{Location: time.UTC, MaxFrontMatterBytes: 256 << 10})
	want := []string{`content/x.md:6006:1: go_deeper url "ftp://x" is not an absolute http or https URL`}
	if got := errorLines(err); !reflect.DeepEqual(got, want) {
		t.Errorf("Parse() errors = %q, want %q", got, want)
	}
}

func TestWalkSymlinks(t *testing.T) {
	outside := t.TempDir()
	site := t.TempDir()
	write := func(dir, rel, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, rel string) {
		t.Helper()
		p := filepath.Join(site, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	write(outside, "secret.md", brief("", "secret\n"))
	write(outside, "secret.jpg", "secret")
	write(site, "content/briefs/real.md", brief("", "real\n"))
	write(site, "content/briefs/b/index.md", brief("", "bundle\n"))
	write(site, "content/briefs/b/photo.jpg", "photo")
	write(site, "shared/common.md", brief("", "shared\n"))
	link(filepath.Join(outside, "secret.md"), "content/briefs/absolute.md")
	link("../../../"+filepath.Base(outside)+"/secret.md", "content/briefs/climbs.md")
	link(filepath.Join(outside, "secret.jpg"), "content/briefs/b/leak.jpg")
	link(outside, "content/briefs/folder")
	link("real.md", "content/briefs/alias.md")
	link("../../shared/common.md", "content/briefs/common.md")
	link("b", "content/briefs/bundle-link")
	link("missing.md", "content/briefs/broken.md")
	link("loop2.md", "content/briefs/loop1.md")
	link("loop1.md", "content/briefs/loop2.md")
	link("alias.md", "content/briefs/chain.md")
	link(".", "content/briefs/self")
	link(outside, "content/briefs/.hidden-link")

	briefs, files, err := Walk(os.DirFS(site), Dir)
	wantBriefs := []string{"content/briefs/alias.md", "content/briefs/b/index.md", "content/briefs/chain.md", "content/briefs/common.md", "content/briefs/real.md"}
	wantFiles := []string{"content/briefs/b/photo.jpg"}
	if !reflect.DeepEqual(briefs, wantBriefs) {
		t.Errorf("Walk() briefs = %q, want %q", briefs, wantBriefs)
	}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("Walk() files = %q, want %q", files, wantFiles)
	}
	var got []string
	for _, l := range errorLines(err) {
		got = append(got, strings.ReplaceAll(l, outside, "OUTSIDE"))
	}
	want := []string{
		`content/briefs/absolute.md: symbolic link to "OUTSIDE/secret.md" leads outside the site: briefs reads only files inside it`,
		`content/briefs/b/leak.jpg: symbolic link to "OUTSIDE/secret.jpg" leads outside the site: briefs reads only files inside it`,
		`content/briefs/broken.md: symbolic link to "missing.md" leads nowhere: content/briefs/missing.md does not exist`,
		`content/briefs/bundle-link: symbolic link to a folder: briefs does not follow those; move the folder here instead`,
		`content/briefs/climbs.md: symbolic link to "../../../` + filepath.Base(outside) + `/secret.md" leads outside the site: briefs reads only files inside it`,
		`content/briefs/folder: symbolic link to "OUTSIDE" leads outside the site: briefs reads only files inside it`,
		`content/briefs/loop1.md: symbolic link through more than 40 links`,
		`content/briefs/loop2.md: symbolic link through more than 40 links`,
		`content/briefs/self: symbolic link to a folder: briefs does not follow those; move the folder here instead`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Walk() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWalkLinkedContentFolder(t *testing.T) {
	tests := []struct {
		name   string
		target string
		want   []string
	}{
		{"outside", "/", []string{`content: symbolic link to "/" leads outside the site: briefs reads only files inside it`}},
		{"inside", "src", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content":         {Data: []byte(tt.target), Mode: os.ModeSymlink},
				"src/briefs/a.md": {Data: []byte(brief("", ""))},
			}
			briefs, _, err := Walk(fsys, Dir)
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Walk() errors = %q, want %q", got, tt.want)
			}
			if tt.want == nil && !reflect.DeepEqual(briefs, []string{"content/briefs/a.md"}) {
				t.Errorf("Walk() briefs = %q, want the linked folder's", briefs)
			}
		})
	}
}

func TestWalkMapFSLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"content/briefs/a.md": {Data: []byte(brief("", ""))},
		"content/briefs/b.md": {Data: []byte("a.md"), Mode: os.ModeSymlink},
		"content/briefs/c.md": {Data: []byte("/etc/passwd"), Mode: os.ModeSymlink},
		"content/briefs/d.md": {Data: []byte("../../../x.md"), Mode: os.ModeSymlink},
		"content/briefs/e.md": {Data: []byte(`..\..\x.md`), Mode: os.ModeSymlink},
		"content/briefs/f.md": {Data: []byte("C:/x.md"), Mode: os.ModeSymlink},
		"content/briefs/g.md": {Data: []byte("../linked/a.md"), Mode: os.ModeSymlink},
		"content/linked":      {Data: []byte("briefs"), Mode: os.ModeSymlink},
	}
	briefs, _, err := Walk(fsys, Dir)
	if want := []string{"content/briefs/a.md", "content/briefs/b.md"}; !reflect.DeepEqual(briefs, want) {
		t.Errorf("Walk() briefs = %q, want %q", briefs, want)
	}
	want := []string{
		`content/briefs/c.md: symbolic link to "/etc/passwd" leads outside the site: briefs reads only files inside it`,
		`content/briefs/d.md: symbolic link to "../../../x.md" leads outside the site: briefs reads only files inside it`,
		`content/briefs/e.md: symbolic link to "..\\..\\x.md" leads outside the site: briefs reads only files inside it`,
		`content/briefs/f.md: symbolic link to "C:/x.md" leads outside the site: briefs reads only files inside it`,
		`content/briefs/g.md: symbolic link to "../linked/a.md" passes through content/linked, another link: link to the file itself`,
		`content/linked: symbolic link to a folder: briefs does not follow those; move the folder here instead`,
	}
	if got := errorLines(err); !reflect.DeepEqual(got, want) {
		t.Errorf("Walk() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWalkCaseCollisions(t *testing.T) {
	fsys := fstest.MapFS{
		"content/briefs/Budget.md":        {},
		"content/briefs/budget.md":        {},
		"content/briefs/x/index.md":       {},
		"content/briefs/x/Photo.JPG":      {},
		"content/briefs/x/photo.jpg":      {},
		"content/Briefs/other.md":         {},
		"content/briefs/caf\u00e9.md":     {},
		"content/briefs/cafe\u0301.md":    {},
		"content/briefs/distinct-name.md": {},
		"content/briefs/distinct_name.md": {},
	}
	briefs, files, err := Walk(fsys, Dir)
	if len(briefs) != 8 || len(files) != 2 {
		t.Errorf("Walk() = %d briefs, %d files; want every file listed: %q %q", len(briefs), len(files), briefs, files)
	}
	const msg = ": the two are one file on macOS, Windows and many static hosts; rename one"
	want := []string{
		"content/briefs/budget.md: differs only in case from content/briefs/Budget.md" + msg,
		"content/briefs/caf\u00e9.md: differs only in case from content/briefs/cafe\u0301.md" + msg,
		"content/briefs/x/photo.jpg: differs only in case from content/briefs/x/Photo.JPG" + msg,
	}
	if got := errorLines(err); !reflect.DeepEqual(got, want) {
		t.Errorf("Walk() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestStat(t *testing.T) {
	fsys := fstest.MapFS{
		"content/briefs/a.md":     {Data: []byte("a")},
		"content/briefs/alias.md": {Data: []byte("a.md"), Mode: os.ModeSymlink},
		"content/briefs/leak.md":  {Data: []byte("/etc/passwd"), Mode: os.ModeSymlink},
		"content/briefs/folder":   {Data: []byte("../../elsewhere"), Mode: os.ModeSymlink},
		"content/briefs/inner":    {Data: []byte("../other"), Mode: os.ModeSymlink},
		"content/other/b.md":      {Data: []byte("b")},
		"elsewhere/secret.md":     {Data: []byte("secret")},
		"content/briefs/out":      {Data: []byte("../../../x.md"), Mode: os.ModeSymlink},
	}
	tests := []struct {
		name string
		size int64 // of the file reached
		err  string
	}{
		{"content/briefs/a.md", 1, ""},
		{"content/briefs/alias.md", 1, ""},
		{"content/briefs/leak.md", 0, `content/briefs/leak.md: symbolic link to "/etc/passwd" leads outside the site: briefs reads only files inside it`},
		{"content/briefs/folder", 0, `content/briefs/folder: symbolic link to a folder: briefs does not follow those; move the folder here instead`},
		{"content/briefs/out", 0, `content/briefs/out: symbolic link to "../../../x.md" leads outside the site: briefs reads only files inside it`},
		{"content/briefs/folder/secret.md", 0, `content/briefs/folder/secret.md: inside content/briefs/folder, a symbolic link to a folder: briefs does not follow those; move the folder here instead`},
		{"content/briefs/inner/b.md", 0, `content/briefs/inner/b.md: inside content/briefs/inner, a symbolic link to a folder: briefs does not follow those; move the folder here instead`},
	}
	for _, tt := range tests {
		info, err := Stat(fsys, tt.name)
		switch {
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("Stat(%s) error = %v, want %s", tt.name, err, tt.err)
		case tt.err == "" && err != nil:
			t.Errorf("Stat(%s) error = %v", tt.name, err)
		case tt.err == "" && info.Size() != tt.size:
			t.Errorf("Stat(%s).Size() = %d, want %d", tt.name, info.Size(), tt.size)
		}
	}
	if _, err := Stat(fsys, "content/briefs/missing.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat(missing) error = %v, want fs.ErrNotExist", err)
	}
}

func TestParseFrontMatterDepth(t *testing.T) {
	const x = "content/briefs/x.md"
	const deep = "front matter keys and tables nest more than 32 levels deep here: flatten them"
	tests := []struct {
		name  string
		front string
		want  []string
	}{
		{"params tables", "[params]\nsocial.twitter.handle = \"@x\"\n[params.chart]\npoints = [1.5, 2.25, 3.125, 4.0625, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5, 18.5, 19.5, 20.5, 21.5, 22.5, 23.5, 24.5, 25.5, 26.5, 27.5, 28.5, 29.5, 30.5, 31.5, 32.5, 33.5]\nseries = [{name = \"a.b.c\", at = 2026-06-07T09:30:00.123Z}, {name = \"d\", v = [[1, 2], [3, 4]]}]\n", nil},
		{"strings hold anything", "[params]\na = \"[[[[{{{{.....=\"\nb = '''\n[x.y.z]\nk.l.m = [[[[\n'''\nc = \"\"\"\\\"\"\" [[[[ \"\"\"\n# [[[[ a.b.c.d = 1\nd = 'x' # {{{{\n", nil},
		{"quoted dotted key", "[params]\n\"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g\" = 1\n", nil},
		{"32 levels", "[params]\n" + strings.Repeat("a.", 30) + "b = 1\n", nil},
		{"33 levels", "[params]\n" + strings.Repeat("a.", 31) + "b = 1\n", []string{x + ":5:1: " + deep}},
		{"32 levels in an inline table", "[params]\na = {" + strings.Repeat("b.", 29) + "c = 1}\n", nil},
		{"33 levels in an inline table", "[params]\na = {" + strings.Repeat("b.", 30) + "c = 1}\n", []string{x + ":5:6: " + deep}},
		{"dotted key", "[params]\n" + strings.Repeat("b.", 4000) + "c = 1\n", []string{x + ":5:1: " + deep}},
		{"numeric dotted key", "[params]\n" + strings.Repeat("1.", 4000) + "1 = 1\n", []string{x + ":5:1: " + deep}},
		{"deep header", "[params." + strings.Repeat("b.", 4000) + "c]\nd = 1\n", []string{x + ":4:1: " + deep}},
		{"deep array of tables", "[[params." + strings.Repeat("b.", 40) + "c]]\nd = 1\n", []string{x + ":4:1: " + deep}},
		{"inline tables", "[params]\na = " + strings.Repeat("{b=", 15000) + "1" + strings.Repeat("}", 15000) + "\n", []string{x + ":5:96: " + deep}},
		{"dotted keys in inline tables", "[params]\na = {" + strings.Repeat("b.", 20) + "c = {" + strings.Repeat("d.", 20) + "e = 1}}\n", []string{x + ":5:51: " + deep}},
		{"arrays", "[params]\na = " + strings.Repeat("[", 30000) + strings.Repeat("]", 30000) + "\n", []string{x + ":5:35: " + deep}},
		{"arrays of inline tables", "[params]\na = " + strings.Repeat("[{b=", 2000) + "1" + strings.Repeat("}]", 2000) + "\n", []string{x + ":5:65: " + deep}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(x, []byte(brief(tt.front, "")), Options{})
			if got := errorLines(err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse() errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	// YAML front matter nests by indentation, which the size limit bounds,
	// and its parser stops at 10,000 levels on its own.
	y := "---\ntitle: x\ndate: 2026-06-07\nparams:\n  a: " + strings.Repeat("[", 30000) + strings.Repeat("]", 30000) + "\n---\n"
	if _, err := Parse(x, []byte(y), Options{}); err == nil {
		t.Errorf("Parse() of YAML nested 30,000 deep = nil error")
	}
}

func TestParseManyUnknownKeys(t *testing.T) {
	var b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	_, err := Parse("content/x.md", []byte(brief(b.String(), "")), Options{})
	got := errorLines(err)
	if len(got) != maxUnknownKeys+1 {
		t.Fatalf("Parse() = %d errors, want %d", len(got), maxUnknownKeys+1)
	}
	if want := `content/x.md:4:1: unknown front matter key "k0"`; got[0] != want {
		t.Errorf("first error = %q, want %q", got[0], want)
	}
	if want := "content/x.md:54:1: and more unknown front matter keys from here on"; got[len(got)-1] != want {
		t.Errorf("last error = %q, want %q", got[len(got)-1], want)
	}
}
