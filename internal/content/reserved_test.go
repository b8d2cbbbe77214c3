package content

import (
	"reflect"
	"testing"
	"testing/fstest"
)

// TestWalkReservedNames: a file or folder with a name that Windows
// reserves is refused, as paths differing only in case are, naming the
// path and the rule; the other files are still listed.
func TestWalkReservedNames(t *testing.T) {
	const md = "+++\ntitle = \"x\"\ndate = 2026-06-07\n+++\n"
	fsys := fstest.MapFS{
		"content/briefs/ok.md":       {Data: []byte(md)},
		"content/briefs/CON.md":      {Data: []byte(md)},
		"content/briefs/nul.md":      {Data: []byte(md)},
		"content/com1/a.md":          {Data: []byte(md)},
		"content/com1/b.md":          {Data: []byte(md)},
		"content/briefs/x/aux":       {Data: []byte("aux")},
		"content/briefs/x/index.md":  {Data: []byte(md)},
		"content/briefs/x/Lpt1.jpeg": {Data: []byte("jpeg")},
		"content/briefs/icon.md":     {Data: []byte(md)},
	}
	briefs, files, err := Walk(fsys, Dir)
	const rule = " is a name Windows reserves for a device (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension and in any case): the file cannot be checked out or served there; rename it"
	want := []string{
		`content/briefs/CON.md: "CON.md"` + rule,
		`content/briefs/nul.md: "nul.md"` + rule,
		`content/briefs/x/Lpt1.jpeg: "Lpt1.jpeg"` + rule,
		`content/briefs/x/aux: "aux"` + rule,
		`content/com1: "com1"` + rule,
	}
	if got := errorLines(err); !reflect.DeepEqual(got, want) {
		t.Errorf("Walk errors:\n%q\nwant:\n%q", got, want)
	}
	if want := []string{"content/briefs/icon.md", "content/briefs/ok.md", "content/briefs/x/index.md"}; !reflect.DeepEqual(briefs, want) {
		t.Errorf("Walk briefs = %q, want %q", briefs, want)
	}
	if len(files) != 0 {
		t.Errorf("Walk files = %q, want none", files)
	}
}

// TestParseReservedSlugs: a slug, topic or author that would make a
// folder of a reserved name is refused at its key.
func TestParseReservedSlugs(t *testing.T) {
	const x = "content/briefs/x.md"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"slug", "+++\ntitle = \"x\"\ndate = 2026-06-07\nslug = \"nul\"\n+++\n",
			[]string{x + `:4:1: slug "nul" is a name Windows reserves for a device, where its folder cannot be checked out or served; choose another`}},
		{"topic", "+++\ntitle = \"x\"\ndate = 2026-06-07\ntopics = [\"Cabinet\", \"Com 1\", \"Aux\"]\n+++\n",
			[]string{x + `:4:1: topics entry "Aux" makes the folder aux/, a name Windows reserves for a device, where it cannot be checked out or served; choose another`}},
		{"author", "---\ntitle: x\ndate: 2026-06-07\nauthors: [PRN]\n---\n",
			[]string{x + `:4:1: authors entry "PRN" makes the folder prn/, a name Windows reserves for a device, where it cannot be checked out or served; choose another`}},
		{"fine", "+++\ntitle = \"x\"\ndate = 2026-06-07\nslug = \"con-air\"\ntopics = [\"icons\"]\n+++\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errorLines(parseErr(x, tt.src)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse errors:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

// TestStatReservedNames: a changed file that Walk would refuse for its
// name is refused by Stat with the same message.
func TestStatReservedNames(t *testing.T) {
	fsys := fstest.MapFS{"content/briefs/nul.md": {Data: []byte("x")}, "content/aux/a.md": {Data: []byte("x")}}
	_, _, walkErr := Walk(fsys, Dir)
	want := errorLines(walkErr)
	var got []string
	for _, p := range []string{"content/aux/a.md", "content/briefs/nul.md"} {
		_, err := Stat(fsys, p)
		got = append(got, errorLines(err)...)
	}
	if len(want) != 2 || !reflect.DeepEqual(got, want) {
		t.Errorf("Stat errors:\n%q\nWalk errors:\n%q", got, want)
	}
}
