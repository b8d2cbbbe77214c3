package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestListReplaced(t *testing.T) {
	many := make([]string, maxListed+3)
	for i := range many {
		many[i] = fmt.Sprintf("f%02d.txt", i)
	}
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"none", nil, ""},
		{"one", []string{"notes.txt"}, "briefs build: --force: out was not written by briefs; removing or replacing 1 file in it:\n  notes.txt\n"},
		{"more than are named", many, "  f19.txt\n  and 3 more\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			listReplaced(&buf, "out", tt.files)
			if got := buf.String(); tt.want == "" && got != "" || !strings.HasSuffix(got, tt.want) {
				t.Errorf("listReplaced(%d files) =\n%s\nwant it to end with\n%s", len(tt.files), got, tt.want)
			}
			if n := strings.Count(buf.String(), "\n  f"); n > maxListed {
				t.Errorf("named %d files, want at most %d", n, maxListed)
			}
		})
	}
}
