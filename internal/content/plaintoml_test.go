package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/corpus"
)

// plainLoc is the site time zone of the plain decoder's tests.
var plainLoc = time.FixedZone("", -5*3600)

// viaPackage decodes front matter text as decodeTOML does when the plain
// decoder declines it: with the toml package.
func viaPackage(text string) (FrontMatter, error) {
	s := &Source{Path: "content/briefs/x.md", format: '+', frontStart: 2, frontText: []byte(text)}
	err := s.decodeTOMLPackage(plainLoc)
	return s.Front, err
}

// plainDecode decodes front matter text with the plain decoder.
func plainDecode(text []byte) (FrontMatter, bool) {
	var front FrontMatter
	ok := decodePlainTOML(text, plainLoc, &front)
	return front, ok
}

// plainTOMLCases are front matters, and whether the plain decoder takes
// them; what it takes, it must decode as the toml package does.
var plainTOMLCases = []struct {
	name  string
	text  string
	plain bool
}{
	{"empty", "", true},
	{"every field", strings.TrimSuffix(strings.TrimPrefix(tomlBrief[:strings.Index(tomlBrief, "[params]")], "+++\n"), "\n"), true},
	{"blank lines, comments, indents and tabs", "# top\n\n  title\t=  \"x\" # why\n\tdate = 2026-06-07 #\n  [photo] # the photo\n  src = 'a.jpg'\n", true},
	{"CRLF line ends", "title = \"x\"\r\ndate = 2026-06-07T09:30:00Z\r\n[photo]\r\nsrc = \"a.jpg\"\r\n", true},
	{"escapes", `title = "a \"b\" \\ \t \n \b \f \r \u00e9 \U0001F600 \u0000"`, true},
	{"literal string keeps backslashes", `title = 'C:\path "quoted"'`, true},
	{"UTF-8", `title = "Zürich — ☂"`, true},
	{"empty strings", `title = ""` + "\n" + `summary = ''`, true},
	{"arrays", "authors = []\ntopics = [ \"a\" , 'b', ]\n", true},
	{"booleans", "draft = false", true},
	{"zero offsets", "date = 2026-06-07T09:30:00+00:00\nupdated = 2026-06-07T09:30:00-00:00\n", true},
	{"offsets", "date = 2026-06-07T09:30:00+05:30\nupdated = 2026-06-07T09:30:00-00:00\n[[corrections]]\ndate = 2026-06-08T00:00:00+00:00\n", true},
	{"local date-time and date", "date = 2026-03-08T02:30:00\nupdated = 2024-02-29\n[[corrections]]\ndate = 2026-11-01T01:30:00\ntext = 'x'\n", true},
	{"empty photo and entries", "[photo]\n[[go_deeper]]\n[[go_deeper]]\n[[corrections]]\n[[ignore]]\n", true},
	{"params", "title = \"x\"\n[params]\ndesk = \"Justice\"\nlive = true\nnote = 'a'\n", true},
	{"ignore", "[[ignore]]\nrule = \"lede-words\"\nreason = \"a long quote\"\n", true},
	{"same key in two entries", "[[go_deeper]]\ntitle = \"a\"\n[[go_deeper]]\ntitle = \"b\"\n", true},

	// Left to the toml package: other TOML, and what is wrong.
	{"number in params", "[params]\nscore = 3\n", false},
	{"table in params", "[params]\n[params.x]\n", false},
	{"params twice", "[params]\n[params]\n", false},
	{"param twice", "[params]\na = true\na = false\n", false},
	{"unknown key", "titel = \"x\"", false},
	{"unknown table", "[photos]\nsrc = \"a\"\n", false},
	{"key twice", "title = \"x\"\ntitle = \"y\"\n", false},
	{"photo twice", "[photo]\n[photo]\n", false},
	{"photo as a list", "[[photo]]\n", false},
	{"list as a table", "[go_deeper]\n", false},
	{"header with blanks", "[ photo ]\n", false},
	{"header then junk", "[photo] x\n", false},
	{"dotted key", "photo.src = \"a\"\n", false},
	{"quoted key", "\"title\" = \"x\"\n", false},
	{"inline table", "photo = {src = \"a\"}\n", false},
	{"no value", "title =\n", false},
	{"no equals", "title \"x\"\n", false},
	{"string for a date", "date = \"2026-06-07\"\n", false},
	{"number for a string", "title = 5\n", false},
	{"string for a bool", "draft = \"yes\"\n", false},
	{"string for a list", "authors = \"a\"\n", false},
	{"number in a list", "authors = [\"a\", 1]\n", false},
	{"list over lines", "authors = [\n\"a\"]\n", false},
	{"list without commas", "authors = [\"a\" \"b\"]\n", false},
	{"list not closed", "authors = [\"a\", # \"b\"]\n", false},
	{"multi-line string", "summary = \"\"\"\nx\"\"\"\n", false},
	{"multi-line literal", "summary = '''x'''\n", false},
	{"string not closed", "title = \"x\n", false},
	{"junk after a value", "title = \"x\" y\n", false},
	{"control character", "title = \"a\x01b\"\n", false},
	{"DEL", "title = \"a\x7fb\"\n", false},
	{"control character in a comment", "title = \"x\" # \x01\n", false},
	{"invalid UTF-8", "title = \"\xff\"\n", false},
	{"TOML 1.1 escapes", `title = "\e \x41"`, false},
	{"unknown escape", `title = "\q"`, false},
	{"surrogate escape", `title = "\uD800"`, false},
	{"escape out of range", `title = "\U00110000"`, false},
	{"short escape", `title = "\u00e"`, false},
	{"fraction of a second", "date = 2026-06-07T09:30:00.5Z\n", false},
	{"lower-case t", "date = 2026-06-07t09:30:00Z\n", false},
	{"space for T", "date = 2026-06-07 09:30:00Z\n", false},
	{"no seconds", "date = 2026-06-07T09:30\n", false},
	{"time only", "date = 09:30:00\n", false},
	{"a digit too few", "date = 2026-6-07\n", false},
	{"no such day", "date = 2026-02-30\n", false},
	{"hour 24", "date = 2026-06-07T24:00:00Z\n", false},
	{"offset of 24 hours", "date = 2026-06-07T09:30:00+24:00\n", false},
	{"offset minutes", "date = 2026-06-07T09:30:00+01:60\n", false},
	{"bool with junk", "draft = truex\n", false},
}

func TestPlainTOML(t *testing.T) {
	for _, tc := range plainTOMLCases {
		t.Run(tc.name, func(t *testing.T) {
			got, plain := plainDecode([]byte(tc.text))
			if plain != tc.plain {
				t.Fatalf("plain decoder took it: %v, want %v", plain, tc.plain)
			}
			if !plain {
				return
			}
			want, err := viaPackage(tc.text)
			if err != nil {
				t.Fatalf("the toml package refuses it: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("plain decoder:\n%#v\ntoml package:\n%#v", got, want)
			}
		})
	}
}

// TestPlainTOMLTakesBriefs wants the plain decoder to take the front
// matter of the demo site's briefs and of a generated site's: if it stops
// taking what briefs are written in, builds slow down and no test fails.
func TestPlainTOMLTakesBriefs(t *testing.T) {
	dir := t.TempDir()
	generated, err := corpus.Write(dir, corpus.Options{Briefs: 300, Seed: 1, Photos: -1})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, p := range generated {
		files[p] = filepath.Join(dir, p)
	}
	demo, _, err := Walk(siteFS(t), Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range demo {
		files[p] = filepath.Join("..", "..", p)
	}
	toml := 0
	for p, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s := &Source{Path: p, Raw: data}
		if err := s.split(); err != nil {
			t.Fatal(err)
		}
		if s.format != '+' {
			continue
		}
		toml++
		if _, ok := plainDecode(s.frontText); !ok {
			t.Errorf("%s: the plain decoder declines its front matter:\n%s", p, s.frontText)
		}
	}
	if toml < len(generated) {
		t.Errorf("found %d briefs with TOML front matter, want at least %d", toml, len(generated))
	}
}

// FuzzPlainTOML wants any front matter the plain decoder takes to decode
// the same with the toml package, without an error.
// fuzzZones are the site time zones FuzzPlainTOML decodes in: without
// daylight saving, with it (its gaps and repeated hours are errors), and
// with a half-hour offset and change.
var fuzzZones = []*time.Location{plainLoc, time.UTC, newYork, mustLoad("Europe/London"), mustLoad("Asia/Kolkata"), mustLoad("Australia/Lord_Howe")}

// FuzzPlainTOML holds the plain decoder to the toml package both ways:
// front matter that the plain decoder takes, the package takes too, with
// the same values; and decodeTOML, which tries the plain decoder first,
// takes and refuses exactly what the package does, with the same errors
// at the same positions, the same on every run.
func FuzzPlainTOML(f *testing.F) {
	for i, tc := range plainTOMLCases {
		f.Add(tc.text, uint8(i))
	}
	f.Fuzz(func(t *testing.T, text string, zone uint8) {
		loc := fuzzZones[int(zone)%len(fuzzZones)]
		var plainFront FrontMatter
		plain := decodePlainTOML([]byte(text), loc, &plainFront)
		decode := func(package_ bool) (FrontMatter, string) {
			s := &Source{Path: "content/briefs/x.md", format: '+', frontStart: 2, frontText: []byte(text)}
			var err error
			if package_ {
				err = s.decodeTOMLPackage(loc)
			} else {
				err = s.decodeTOML(loc)
			}
			if err != nil {
				return FrontMatter{}, err.Error()
			}
			return s.Front, ""
		}
		want, wantErr := decode(true)
		if plain && wantErr != "" {
			t.Fatalf("in %s, the plain decoder takes front matter the toml package refuses:\n%s", loc, wantErr)
		}
		if plain && !reflect.DeepEqual(plainFront, want) {
			t.Fatalf("in %s, plain decoder:\n%#v\ntoml package:\n%#v", loc, plainFront, want)
		}
		if !plain && !reflect.DeepEqual(plainFront, FrontMatter{}) {
			t.Fatalf("the plain decoder declined, but left %#v", plainFront)
		}
		got, gotErr := decode(false)
		if gotErr != wantErr {
			t.Fatalf("in %s, decodeTOML errors:\n%s\ntoml package errors:\n%s", loc, gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("in %s, decodeTOML:\n%#v\ntoml package:\n%#v", loc, got, want)
		}
		if _, again := decode(true); again != wantErr {
			t.Fatalf("in %s, the toml package's errors changed between runs:\n%s\nthen:\n%s", loc, wantErr, again)
		}
	})
}

// BenchmarkDecodePlainTOML decodes the front matter of a brief that sets
// every field, the work the plain decoder does for each brief of a build.
func BenchmarkDecodePlainTOML(b *testing.B) {
	text := []byte(plainTOMLCases[1].text)
	if _, ok := plainDecode(text); !ok {
		b.Fatal("the plain decoder declines it")
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		var front FrontMatter
		decodePlainTOML(text, plainLoc, &front)
	}
}

// BenchmarkParse parses a brief that sets every field.
func BenchmarkParse(b *testing.B) {
	data := []byte(strings.Replace(tomlBrief, "score  = 3\n", "", 1))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("content/briefs/x/index.md", data, Options{Location: plainLoc}); err != nil {
			b.Fatal(err)
		}
	}
}
