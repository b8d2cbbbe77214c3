// Package photogen draws deterministic landscape scenes (gradients, hills,
// buildings, a sun and noise) that compress like photos: the demo site's
// photos and the benchmarks' corpus, with no one's copyright.
package photogen

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// Scene draws scene number seed at w×h pixels. The same arguments give the
// same pixels on every machine.
func Scene(seed uint64, w, h int) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	top := randColor(r, 40, 140)
	bottom := randColor(r, 150, 255)
	sunX, sunY := r.Float64()*float64(w), (0.1+0.3*r.Float64())*float64(h)
	sunR := (0.04 + 0.06*r.Float64()) * float64(h)
	sun := color.RGBA{255, uint8(200 + r.IntN(56)), uint8(120 + r.IntN(100)), 255}

	type hill struct {
		base, amp1, amp2, f1, f2, p1, p2 float64
		c                                color.RGBA
	}
	hills := make([]hill, 3)
	for i := range hills {
		hills[i] = hill{
			base: float64(h) * (0.45 + 0.15*float64(i) + 0.05*r.Float64()),
			amp1: float64(h) * (0.03 + 0.05*r.Float64()), amp2: float64(h) * 0.02 * r.Float64(),
			f1: (1 + 3*r.Float64()) * 2 * math.Pi / float64(w), f2: (5 + 10*r.Float64()) * 2 * math.Pi / float64(w),
			p1: 2 * math.Pi * r.Float64(), p2: 2 * math.Pi * r.Float64(),
			c: randColor(r, 20+30*i, 110+30*i),
		}
	}
	type building struct {
		x0, x1, y0 int
		c          color.RGBA
	}
	var buildings []building
	for x := 0; x < w; {
		bw := w/40 + r.IntN(w/15+1)
		if r.IntN(3) > 0 {
			buildings = append(buildings, building{x, min(x+bw, w), int(float64(h) * (0.55 + 0.25*r.Float64())), randColor(r, 60, 200)})
		}
		x += bw + r.IntN(w/30+1)
	}

	// Each hill's ridge, by column.
	edges := make([][]float64, len(hills))
	for i, hl := range hills {
		edges[i] = make([]float64, w)
		for x := range w {
			edges[i][x] = hl.base + hl.amp1*math.Sin(hl.f1*float64(x)+hl.p1) + hl.amp2*math.Sin(hl.f2*float64(x)+hl.p2)
		}
	}
	// A fast generator for the per-pixel noise, seeded from the scene.
	noise := r.Uint64() | 1
	for y := 0; y < h; y++ {
		t := float64(y) / float64(h)
		sky := mix(top, bottom, t)
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		for x := 0; x < w; x++ {
			c := sky
			dx, dy := float64(x)-sunX, float64(y)-sunY
			if dx*dx+dy*dy < sunR*sunR*2.56 {
				d := math.Sqrt(dx*dx + dy*dy)
				c = mix(c, sun, clamp01((sunR*1.6-d)/(sunR*0.6)))
			}
			for i, hl := range hills {
				if edge := edges[i][x]; float64(y) > edge {
					c = mix(hl.c, color.RGBA{0, 0, 0, 255}, clamp01((float64(y)-edge)/float64(h)*0.8))
				}
			}
			for _, b := range buildings {
				if x >= b.x0 && x < b.x1 && y >= b.y0 {
					c = b.c
					if (x-b.x0)%24 > 6 && (x-b.x0)%24 < 16 && (y-b.y0)%30 > 8 && (y-b.y0)%30 < 20 {
						c = mix(c, color.RGBA{255, 240, 180, 255}, 0.6)
					}
				}
			}
			noise ^= noise << 13
			noise ^= noise >> 7
			noise ^= noise << 17
			n := int(noise%25) - 12
			row[4*x] = add(c.R, n)
			row[4*x+1] = add(c.G, n)
			row[4*x+2] = add(c.B, n)
			row[4*x+3] = 255
		}
	}
	return m
}

// JPEG draws a scene and encodes it as a JPEG of quality q.
func JPEG(seed uint64, w, h, q int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, Scene(seed, w, h), &jpeg.Options{Quality: q}); err != nil {
		panic(err) // encoding into memory fails only on a bug
	}
	return buf.Bytes()
}

func randColor(r *rand.Rand, lo, hi int) color.RGBA {
	c := func() uint8 { return uint8(lo + r.IntN(hi-lo+1)) }
	return color.RGBA{c(), c(), c(), 255}
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
}

func clamp01(v float64) float64 { return max(0, min(1, v)) }

func add(v uint8, n int) uint8 { return uint8(max(0, min(255, int(v)+n))) }
