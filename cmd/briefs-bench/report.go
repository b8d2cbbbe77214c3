package main

import (
	"fmt"
	"strings"
	"time"
)

// results are the measurements of one comparison.
type results struct {
	n    int
	seed uint64
	runs int

	// By tool: "briefs", "hugo", "floor", and "briefs-custom" for briefs
	// on the site with the customized theme (fresh builds only).
	fresh   map[string][]time.Duration // fresh builds into an empty folder
	rss     map[string][]int64         // peak memory of fresh builds, KB
	rebuild map[string][]time.Duration // builds with nothing changed into the existing output
	start   map[string][]time.Duration // preview server start → first page
	served  map[string][]time.Duration // save → the page served with the edit

	floorRead []time.Duration // the floor without writing
	reload    []time.Duration // save → briefs' reload event

	scaleN     int // briefs of the scale run, 0 without one
	scaleFresh []time.Duration
	scaleRSS   []int64

	// Writing the files of briefs' fresh build again, without rendering
	// them (briefs-bench writeout), at each size.
	writeOut, scaleWriteOut []time.Duration
}

func newResults(n int, seed uint64, runs int) *results {
	return &results{
		n: n, seed: seed, runs: runs,
		fresh:   map[string][]time.Duration{},
		rss:     map[string][]int64{},
		rebuild: map[string][]time.Duration{},
		start:   map[string][]time.Duration{},
		served:  map[string][]time.Duration{},
	}
}

// row is one line of the report: one target of the issue.
type row struct {
	what, briefs, hugo, floor, ratio, target, met string
}

// The targets of issue 6.
const (
	targetFloor       = 1.3       // fresh build ≤ 1.3x the floor
	targetHugo        = 3.0       // fresh build ≥ 3x faster than Hugo
	targetCustom      = 1.1       // customized theme ≤ 1.1x the default theme
	targetRebuild     = 1.0       // s
	targetMemory      = 250 << 10 // KB
	targetEdit        = 0.050     // s
	targetStart       = 0.100     // s over a fresh build
	targetScale       = 11.0      // 10x the briefs, ≤ 11x the time
	targetScaleMemory = 2 << 20   // KB
)

// stat is the median of some measurements, in seconds or KB, if there
// were any.
type stat struct {
	v  float64
	ok bool
}

func durStat(xs []time.Duration) stat { return stat{median(xs).Seconds(), len(xs) > 0} }

func memStat(xs []int64) stat { return stat{float64(median(xs)), len(xs) > 0} }

// rows returns the report's rows. A value that was not measured shows as
// "—", a target that cannot be judged without it as "n/a".
func (r *results) rows() []row {
	bf, hf, ff := durStat(r.fresh["briefs"]), durStat(r.fresh["hugo"]), durStat(r.fresh["floor"])
	cf := durStat(r.fresh["briefs-custom"])
	bm, hm, fm := memStat(r.rss["briefs"]), memStat(r.rss["hugo"]), memStat(r.rss["floor"])
	br, hr := durStat(r.rebuild["briefs"]), durStat(r.rebuild["hugo"])
	bs, hs := durStat(r.start["briefs"]), durStat(r.start["hugo"])
	be, he := durStat(r.served["briefs"]), durStat(r.served["hugo"])
	rl := durStat(r.reload)
	wo := durStat(r.writeOut)

	rows := []row{
		{"fresh build vs the floor", dur(bf), dur(hf), dur(ff), ratio("%.2fx the floor", bf, ff),
			fmt.Sprintf("≤ %.1fx the floor", targetFloor), met(bf.v <= targetFloor*ff.v, bf, ff)},
		{"fresh build vs Hugo", dur(bf), dur(hf), "", faster(hf, bf),
			fmt.Sprintf("≥ %.0fx faster than Hugo", targetHugo), met(hf.v >= targetHugo*bf.v, bf, hf)},
		{"fresh build, customized theme vs default theme", versus(cf, bf, "default"), "", "", ratio("%.2fx the default", cf, bf),
			fmt.Sprintf("≤ %.1fx", targetCustom), met(cf.v <= targetCustom*bf.v, cf, bf)},
		{"rebuild, nothing changed", dur(br), dur(hr), "", faster(hr, br),
			"< " + dur(stat{targetRebuild, true}), met(br.v < targetRebuild, br)},
		{"peak memory, fresh build", mem(bm), mem(hm), mem(fm), ratio("%.1fx less", hm, bm),
			"< " + mem(stat{targetMemory, true}), met(bm.v < targetMemory, bm)},
		{"serve: start → first page", dur(bs), dur(hs), "", over(bs, bf),
			fmt.Sprintf("≤ fresh build + %.0f ms", targetStart*1000), met(bs.v <= bf.v+targetStart, bs, bf)},
		{"serve: save → reload event", dur(rl), "", "", "",
			"< " + dur(stat{targetEdit, true}), met(rl.v < targetEdit, rl)},
		{"serve: save → page served", dur(be), dur(he), "", faster(he, be),
			"< " + dur(stat{targetEdit, true}), met(be.v < targetEdit, be)},
		{"writing briefs' output alone", dur(wo), "", dur(ff), ratio("%.2fx the floor", wo, ff), "for reference", ""},
	}
	if r.scaleN > 0 {
		sf, sm := durStat(r.scaleFresh), memStat(r.scaleRSS)
		rows = append(rows,
			row{fmt.Sprintf("fresh build, %s briefs", count(r.scaleN)), dur(sf), "", "", ratio("%.1fx the "+count(r.n), sf, bf),
				fmt.Sprintf("≤ %.0fx the %s", targetScale, count(r.n)), met(sf.v <= targetScale*bf.v, sf, bf)},
			row{fmt.Sprintf("peak memory, %s briefs", count(r.scaleN)), mem(sm), "", "", "",
				"< " + mem(stat{targetScaleMemory, true}), met(sm.v < targetScaleMemory, sm)},
			row{fmt.Sprintf("writing the output alone, %s briefs", count(r.scaleN)), dur(durStat(r.scaleWriteOut)), "", "",
				ratio("%.1fx the "+count(r.n), durStat(r.scaleWriteOut), wo), "for reference", ""},
		)
	}
	return rows
}

// ratio formats a / b, or "—" when either is missing.
func ratio(format string, a, b stat) string {
	if !a.ok || !b.ok || a.v == 0 || b.v == 0 {
		return "—"
	}
	return fmt.Sprintf(format, a.v/b.v)
}

// versus formats a measured time beside the one it is set against:
// "2.31 s, default 2.10 s".
func versus(a, b stat, label string) string {
	if !b.ok {
		return dur(a)
	}
	return fmt.Sprintf("%s, %s %s", dur(a), label, dur(b))
}

// faster formats how many times faster than other ours is, or slower.
func faster(other, ours stat) string {
	if !other.ok || !ours.ok || other.v == 0 || ours.v == 0 {
		return "—"
	}
	if other.v >= ours.v {
		return fmt.Sprintf("%.1fx faster", other.v/ours.v)
	}
	return fmt.Sprintf("%.1fx slower", ours.v/other.v)
}

// over formats how much longer a took than b: "fresh build +150 ms",
// or in seconds from a second on.
func over(a, b stat) string {
	if !a.ok || !b.ok {
		return "—"
	}
	if d := a.v - b.v; d <= -1 || d >= 1 {
		return fmt.Sprintf("fresh build %+.2f s", d)
	}
	return fmt.Sprintf("fresh build %+.0f ms", (a.v-b.v)*1000)
}

// met says whether a target is met, or "n/a" when a value it depends on
// is missing.
func met(yes bool, values ...stat) string {
	for _, v := range values {
		if !v.ok {
			return "n/a"
		}
	}
	if yes {
		return "yes"
	}
	return "**no**"
}

// dur formats seconds: "850 ms", "4.2 ms", "2.13 s".
func dur(s stat) string {
	switch {
	case !s.ok:
		return "—"
	case s.v < 0.010:
		return fmt.Sprintf("%.1f ms", s.v*1000)
	case s.v < 1:
		return fmt.Sprintf("%.0f ms", s.v*1000)
	}
	return fmt.Sprintf("%.2f s", s.v)
}

// mem formats KB: "182 MB", "1.12 GB".
func mem(s stat) string {
	switch {
	case !s.ok:
		return "—"
	case s.v < 1<<20:
		return fmt.Sprintf("%.0f MB", s.v/(1<<10))
	}
	return fmt.Sprintf("%.2f GB", s.v/(1<<20))
}

// count formats a number with thousands separators: 10000 → "10,000".
func count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// table formats rows as a markdown table with aligned columns.
func table(rows []row) string {
	all := append([]row{{"what", "briefs", "hugo", "floor", "ratio", "target", "met?"}}, rows...)
	cells := func(r row) []string { return []string{r.what, r.briefs, r.hugo, r.floor, r.ratio, r.target, r.met} }
	widths := make([]int, 7)
	for _, r := range all {
		for i, c := range cells(r) {
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	var b strings.Builder
	line := func(cs []string) {
		for i, c := range cs {
			fmt.Fprintf(&b, "| %s%s ", c, strings.Repeat(" ", widths[i]-len([]rune(c))))
		}
		b.WriteString("|\n")
	}
	line(cells(all[0]))
	rule := make([]string, 7)
	for i, w := range widths {
		rule[i] = strings.Repeat("-", w)
	}
	line(rule)
	for _, r := range all[1:] {
		line(cells(r))
	}
	return b.String()
}
