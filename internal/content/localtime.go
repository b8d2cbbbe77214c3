package content

import (
	"fmt"
	"slices"
	"time"
)

// inZone returns the wall-clock time of t (its zone ignored) in loc. A
// time that loc's clocks skip (the hour lost when they go forward) or pass
// twice (when they go back) is an error that names the offsets that would
// say which instant is meant: time.Date would move the first silently and
// pick one of the second.
func inZone(t time.Time, loc *time.Location) (time.Time, error) {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	// The offsets in use around the time; zones do not change twice in
	// a day and a half.
	var offsets []int
	for _, probe := range []time.Duration{-36 * time.Hour, 0, 36 * time.Hour} {
		if _, off := wall.Add(probe).In(loc).Zone(); !slices.Contains(offsets, off) {
			offsets = append(offsets, off)
		}
	}
	var at []time.Time // the instants that show this wall-clock time in loc
	for _, off := range offsets {
		inst := wall.Add(-time.Duration(off) * time.Second).In(loc)
		if _, o := inst.Zone(); o == off {
			at = append(at, inst)
		}
	}
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	text := wall.Format("2006-01-02T15:04:05")
	withOffset := func(off int) string {
		return text + time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", off)).Format("-07:00")
	}
	switch len(at) {
	case 1:
		return at[0], nil
	case 0:
		_, before := wall.Add(-36 * time.Hour).In(loc).Zone()
		_, after := wall.Add(36 * time.Hour).In(loc).Zone()
		return time.Time{}, fmt.Errorf("%s does not exist in %s (the clocks skip that hour): write it with the offset meant, %s or %s",
			text, loc, withOffset(before), withOffset(after))
	}
	_, first := at[0].Zone()
	_, second := at[len(at)-1].Zone()
	return time.Time{}, fmt.Errorf("%s happens twice in %s (the clocks go back): write it with the offset meant, %s or, later, %s",
		text, loc, withOffset(first), withOffset(second))
}
