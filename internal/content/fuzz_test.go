package content

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/slug"
)

// siteFS is the demo site at the root of the repository.
func siteFS(t testing.TB) fs.FS {
	t.Helper()
	return os.DirFS("../..")
}

func readFS(fsys fs.FS, name string) ([]byte, error) { return fs.ReadFile(fsys, name) }

func FuzzParse(f *testing.F) {
	fsys := siteFS(f)
	briefs, _, err := Walk(fsys, Dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range briefs {
		data, err := readFS(fsys, p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, path.Base(p) == "index.md")
	}
	for _, s := range []string{tomlBrief, yamlBrief, "+++\n+++\n", "---\n---\n", "---\n- a\n---\n",
		"\ufeff+++\r\ntitle = \"x\"\r\ndate = 2026-06-07\r\n+++\r\n", "+++\n[[go_deeper]]\n+++\n",
		"---\ndate: &a 2026-06-07\nupdated: *a\ntitle: x\n---\n", "---\nphoto: &p {src: a}\n---\n",
		"+++\rtitle = \"x\"\rdate = 2026-06-07\r+++\r> > - 1. x\r", "\xff\xfe+\x00", "+++\ntitle = \"x\"\ndate = 2026-06-07\n+++\n" + strings.Repeat("> ", 200),
		"---\na: &a [*a, *a]\nb: &b [*a, *a]\n---\n", "+++\na = [[[[[[[[[[1]]]]]]]]]]\n+++\n",
		"+++\ntitle = \"x\"\ndate = 2026-06-07\n[photo]\nsrc = \"javascript:x\"\n[[go_deeper]]\nurl = \"data:x\"\n+++\n"} {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, bundle bool) {
		name := "content/briefs/fuzz.md"
		if bundle {
			name = "content/briefs/fuzz/index.md"
		}
		s, err := Parse(name, data, Options{Location: time.FixedZone("", -5*3600)})
		if err != nil {
			if s != nil {
				t.Errorf("Parse returned a Source and an error")
			}
			checkDiag(t, name, err)
			return
		}
		if s.Front.Title == "" || s.Front.Date.IsZero() {
			t.Errorf("Parse accepted a brief without title or date: %+v", s.Front)
		}
		if !slug.Valid(s.Slug) {
			t.Errorf("Parse accepted slug %q", s.Slug)
		}
		// Lone CRs are read as LF, in place: offsets do not move.
		if len(s.Raw) != len(data) {
			t.Fatalf("len(Raw) = %d, want %d", len(s.Raw), len(data))
		}
		for i, c := range data {
			lone := c == '\r' && (i+1 == len(data) || data[i+1] != '\n')
			if want := map[bool]byte{false: c, true: '\n'}[lone]; s.Raw[i] != want {
				t.Fatalf("Raw[%d] = %q, want %q: Raw is the file with lone CRs read as LF", i, s.Raw[i], want)
			}
		}
		if !bytes.HasSuffix(s.Raw, s.Body) {
			t.Fatalf("Body %q is not the end of the file", s.Body)
		}
		head := s.Raw[:len(s.Raw)-len(s.Body)]
		// An empty body after a last line without a newline starts on
		// the line after it, as if the newline were there.
		want := bytes.Count(head, []byte("\n")) + 1
		if len(s.Body) == 0 && !bytes.HasSuffix(head, []byte("\n")) {
			want++
		}
		if s.BodyLine != want {
			t.Errorf("BodyLine = %d, want %d", s.BodyLine, want)
		}
	})
}
