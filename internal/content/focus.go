package content

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseFocus reads a photo's focal point, written "x,y": fractions of its
// width and height from the top left corner, each between 0 and 1
// ("0.5,0.5" is the centre). Crops of the photo keep it in view.
func ParseFocus(s string) (x, y float64, err error) {
	xs, ys, ok := strings.Cut(s, ",")
	if ok {
		var errX, errY error
		x, errX = strconv.ParseFloat(strings.TrimSpace(xs), 64)
		y, errY = strconv.ParseFloat(strings.TrimSpace(ys), 64)
		if errX == nil && errY == nil && x >= 0 && x <= 1 && y >= 0 && y <= 1 {
			return x, y, nil
		}
	}
	return 0, 0, fmt.Errorf("%s is not \"x,y\", two numbers between 0 and 1 such as \"0.5,0.3\"", quoteShort(s))
}

// Focus returns the photo's focal point, or the centre when it sets none.
func (p *Photo) Focus() (x, y float64) {
	if x, y, err := ParseFocus(p.FocusPoint); err == nil {
		return x, y
	}
	return 0.5, 0.5
}
