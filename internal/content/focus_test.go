package content

import (
	"math"
	"testing"
)

func TestParseFocus(t *testing.T) {
	tests := []struct {
		in     string
		x, y   float64
		wantOK bool
	}{
		{"0.5,0.3", 0.5, 0.3, true},
		{" 0 , 1 ", 0, 1, true},
		{"1,0", 1, 0, true},
		{".25,.75", 0.25, 0.75, true},
		{"0.5", 0, 0, false},
		{"0.5,0.3,0.1", 0, 0, false},
		{"-0.1,0.5", 0, 0, false},
		{"0.5,1.01", 0, 0, false},
		{"NaN,0.5", 0, 0, false},
		{"x,y", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		x, y, err := ParseFocus(tt.in)
		if (err == nil) != tt.wantOK || x != tt.x || y != tt.y {
			t.Errorf("ParseFocus(%q) = %g, %g, %v; want %g, %g, ok %v", tt.in, x, y, err, tt.x, tt.y, tt.wantOK)
		}
	}
	p := &Photo{FocusPoint: "0.2,0.9"}
	if x, y := p.Focus(); x != 0.2 || y != 0.9 {
		t.Errorf("Focus() = %g, %g", x, y)
	}
	if x, y := (&Photo{}).Focus(); x != 0.5 || y != 0.5 {
		t.Errorf("Focus() of no focus = %g, %g, want the centre", x, y)
	}
}

func FuzzParseFocus(f *testing.F) {
	for _, s := range []string{"0.5,0.3", "1,1", "", ",", "1e-3,0x1p-2", "Inf,0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x, y, err := ParseFocus(s)
		if err == nil && (math.IsNaN(x) || math.IsNaN(y) || x < 0 || x > 1 || y < 0 || y > 1) {
			t.Errorf("ParseFocus(%q) = %g, %g", s, x, y)
		}
	})
}
