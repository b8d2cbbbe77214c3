package slug

import "testing"

func TestReserved(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"con", true},
		{"CON", true},
		{"Con.md", true},
		{"nul.md", true},
		{"NUL.tar.gz", true},
		{"aux", true},
		{"prn.html", true},
		{"com1", true},
		{"COM9.txt", true},
		{"lpt1", true},
		{"Lpt9.md", true},
		{"com\u00b9", true},
		{"lpt\u00b3.md", true},
		{"con .md", true}, // Windows drops the trailing blank
		{"conin$", true},
		{"CONOUT$.txt", true},
		{"con-x.md", false},
		{"icon.md", false},
		{"console", false},
		{"com0", false},
		{"com10", false},
		{"lpt", false},
		{"auxiliary.md", false},
		{".con", false},
		{"", false},
		{"nul-result", false},
	}
	for _, tt := range tests {
		if got := Reserved(tt.name); got != tt.want {
			t.Errorf("Reserved(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
