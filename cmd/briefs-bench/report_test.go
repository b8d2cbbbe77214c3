package main

import (
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []int64
		want int64
	}{
		{nil, 0},
		{[]int64{7}, 7},
		{[]int64{3, 1, 2}, 2},
		{[]int64{4, 1, 3, 2}, 2}, // (2+3)/2 in integers
		{[]int64{10, 20}, 15},
		{[]int64{5, 5, 1, 100, 6}, 5},
	}
	for _, tt := range tests {
		in := append([]int64(nil), tt.in...)
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %d, want %d", tt.in, got, tt.want)
		}
		for i := range in {
			if in[i] != tt.in[i] {
				t.Errorf("median(%v) reordered its argument", in)
			}
		}
	}
	if got := median([]time.Duration{3 * time.Second, time.Second, 2 * time.Second}); got != 2*time.Second {
		t.Errorf("median of durations = %v, want 2s", got)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{dur(stat{}), "—"},
		{dur(stat{0.0042, true}), "4.2 ms"},
		{dur(stat{0.0437, true}), "44 ms"},
		{dur(stat{0.9, true}), "900 ms"},
		{dur(stat{2.134, true}), "2.13 s"},
		{mem(stat{}), "—"},
		{mem(stat{186_000, true}), "182 MB"},
		{mem(stat{1 << 20 * 1.5, true}), "1.50 GB"},
		{count(7), "7"},
		{count(1000), "1,000"},
		{count(100000), "100,000"},
		{count(1234567), "1,234,567"},
		{plural(1, "run"), "1 run"},
		{plural(5, "run"), "5 runs"},
		{faster(stat{8, true}, stat{2, true}), "4.0x faster"},
		{faster(stat{1, true}, stat{2, true}), "2.0x slower"},
		{faster(stat{}, stat{2, true}), "—"},
		{ratio("%.2fx the floor", stat{2.2, true}, stat{2, true}), "1.10x the floor"},
		{over(stat{2.15, true}, stat{2, true}), "fresh build +150 ms"},
		{over(stat{1.9, true}, stat{2, true}), "fresh build -100 ms"},
		{over(stat{20.78, true}, stat{69.83, true}), "fresh build -49.05 s"},
		{over(stat{3.5, true}, stat{2, true}), "fresh build +1.50 s"},
		{versus(stat{2.31, true}, stat{2.1, true}, "default"), "2.31 s, default 2.10 s"},
		{versus(stat{2.31, true}, stat{}, "default"), "2.31 s"},
		{versus(stat{}, stat{2.1, true}, "default"), "—, default 2.10 s"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestTable(t *testing.T) {
	got := table([]row{
		{"fresh build", "2.10 s", "8.00 s", "1.90 s", "3.8x faster", "≥ 3x", "yes"},
		{"memory", "180 MB", "—", "", "—", "< 250 MB", "n/a"},
	})
	want := `| what        | briefs | hugo   | floor  | ratio       | target   | met? |
| ----------- | ------ | ------ | ------ | ----------- | -------- | ---- |
| fresh build | 2.10 s | 8.00 s | 1.90 s | 3.8x faster | ≥ 3x     | yes  |
| memory      | 180 MB | —      |        | —           | < 250 MB | n/a  |
`
	if got != want {
		t.Errorf("table =\n%s\nwant\n%s", got, want)
	}
}

func TestRows(t *testing.T) {
	s := func(xs ...float64) []time.Duration {
		var ds []time.Duration
		for _, x := range xs {
			ds = append(ds, time.Duration(x*float64(time.Second)))
		}
		return ds
	}
	full := newResults(10000, 1, 3)
	full.fresh = map[string][]time.Duration{"briefs": s(2.0, 2.2, 2.1), "briefs-custom": s(2.3, 2.2, 2.4),
		"hugo": s(8, 8.2, 7.9), "floor": s(1.7, 1.8, 1.6)}
	full.rss = map[string][]int64{"briefs": {180 << 10}, "hugo": {1100 << 10}, "floor": {40 << 10}}
	full.rebuild = map[string][]time.Duration{"briefs": s(1.2), "hugo": s(8)}
	full.start = map[string][]time.Duration{"briefs": s(2.15), "hugo": s(5.5)}
	full.served = map[string][]time.Duration{"briefs": s(0.030, 0.040, 0.035), "hugo": s(0.7)}
	full.reload = s(0.030)
	full.scaleN = 100000
	full.scaleFresh = s(22)
	full.scaleRSS = []int64{3 << 20}
	full.writeOut = s(0.9, 0.8, 1.0)
	full.scaleWriteOut = s(19)

	briefsOnly := newResults(1000, 1, 1)
	briefsOnly.fresh["briefs"] = s(0.3)
	briefsOnly.fresh["floor"] = s(0.2)

	// The customized theme on the line of its target, and just over it.
	customAt, customOver := newResults(1000, 1, 3), newResults(1000, 1, 3)
	customAt.fresh = map[string][]time.Duration{"briefs": s(2.0, 1.9, 2.1), "briefs-custom": s(2.2, 5, 1)}
	customOver.fresh = map[string][]time.Duration{"briefs": s(2.0), "briefs-custom": s(2.3)}

	const customRow = "fresh build, customized theme vs default theme"
	tests := []struct {
		name string
		res  *results
		met  map[string]string // what → met?
		cell map[string]string // what → ratio
	}{
		{"all measured", full,
			map[string]string{
				"fresh build vs the floor":    "yes",
				"fresh build vs Hugo":         "yes",
				"rebuild, nothing changed":    "**no**",
				customRow:                     "yes",
				"peak memory, fresh build":    "yes",
				"serve: start → first page":   "yes",
				"serve: save → reload event":  "yes",
				"serve: save → page served":   "yes",
				"fresh build, 100,000 briefs": "yes",
				"peak memory, 100,000 briefs": "**no**",
			},
			map[string]string{
				"fresh build vs the floor":                 "1.24x the floor",
				"fresh build vs Hugo":                      "3.8x faster",
				customRow:                                  "1.10x the default",
				"serve: start → first page":                "fresh build +50 ms",
				"fresh build, 100,000 briefs":              "10.5x the 10,000",
				"writing briefs' output alone":             "0.53x the floor",
				"writing the output alone, 100,000 briefs": "21.1x the 10,000",
			}},
		{"without hugo", briefsOnly,
			map[string]string{
				"fresh build vs the floor":  "**no**",
				"fresh build vs Hugo":       "n/a",
				customRow:                   "n/a",
				"rebuild, nothing changed":  "n/a",
				"serve: save → page served": "n/a",
			},
			map[string]string{"fresh build vs Hugo": "—", customRow: "—", "writing briefs' output alone": "—"}},
		{"customized theme at its target", customAt,
			map[string]string{customRow: "yes"},
			map[string]string{customRow: "1.10x the default"}},
		{"customized theme over its target", customOver,
			map[string]string{customRow: "**no**"},
			map[string]string{customRow: "1.15x the default"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := map[string]row{}
			for _, r := range tt.res.rows() {
				rows[r.what] = r
			}
			for what, want := range tt.met {
				if got := rows[what].met; got != want {
					t.Errorf("%s: met = %q, want %q", what, got, want)
				}
			}
			for what, want := range tt.cell {
				if got := rows[what].ratio; got != want {
					t.Errorf("%s: ratio = %q, want %q", what, got, want)
				}
			}
		})
	}
}

func TestRotate(t *testing.T) {
	list := []string{"a", "b", "c"}
	for k, want := range []string{"abc", "bca", "cab", "abc"} {
		if got := strings.Join(rotate(list, k), ""); got != want {
			t.Errorf("rotate(abc, %d) = %s, want %s", k, got, want)
		}
	}
}
