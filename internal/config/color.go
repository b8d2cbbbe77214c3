package config

import (
	"errors"
	"image/color"
	"strconv"
	"strings"
)

// ParseColor reads an opaque colour as CSS writes it: "#rgb", "#rrggbb",
// or "rgb(r, g, b)" (commas or spaces, each 0 to 255). It is how
// [images] card_* and a theme's stylesheet give the colours of drawn
// social cards.
func ParseColor(s string) (color.RGBA, error) {
	s = strings.TrimSpace(s)
	if hex, ok := strings.CutPrefix(s, "#"); ok {
		if len(hex) == 3 {
			hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
		}
		v, err := strconv.ParseUint(hex, 16, 32)
		if len(hex) != 6 || err != nil {
			return color.RGBA{}, errColor
		}
		return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}, nil
	}
	args, ok := strings.CutPrefix(strings.ToLower(s), "rgb(")
	if args, ok = strings.CutSuffix(args, ")"); !ok {
		return color.RGBA{}, errColor
	}
	parts := strings.FieldsFunc(args, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	if len(parts) != 3 {
		return color.RGBA{}, errColor
	}
	var c [3]uint8
	for i, p := range parts {
		v, err := strconv.ParseUint(p, 10, 8)
		if err != nil {
			return color.RGBA{}, errColor
		}
		c[i] = uint8(v)
	}
	return color.RGBA{c[0], c[1], c[2], 0xff}, nil
}

var errColor = errors.New(`want an opaque colour as "#rrggbb", "#rgb" or "rgb(r, g, b)"`)
