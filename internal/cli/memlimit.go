package cli

import (
	"os"
	"runtime/debug"
)

// The memory limit of briefs build follows one rule: a soft limit set once,
// when the build knows how many briefs the site has, to
// max(minMemoryLimit, briefs × bytesPerBrief × memoryHeadroom); the
// GOMEMLIMIT environment variable, when set, wins. With Go's default
// pacing the heap grows to twice the data in use before it is collected,
// so a build of 10,000 briefs, about 140 MB of data at its peak, would take
// 400 MB; under the limit it takes about 240 MB, for some more time spent
// collecting.

// minMemoryLimit is the limit of a small or medium site.
const minMemoryLimit = 224 << 20

// bytesPerBrief is about how much data a build holds per brief at its
// peak: the brief's HTML, text and card, its front matter, the plans of
// its files. It was 11 KB for briefs of 250 words at 10,000 and at 100,000
// briefs.
const bytesPerBrief = 11 << 10

// memoryHeadroom is how much more than its data a large site's limit
// allows: the limit counts all the memory of the process, and a large build
// also holds spans that its data uses only in part; with less, the
// collector runs all the time.
const memoryHeadroom = 1.75

// memoryLimit returns the memory limit of a build of a site of briefs.
func memoryLimit(briefs int) int64 {
	return max(minMemoryLimit, int64(float64(briefs)*bytesPerBrief*memoryHeadroom))
}

// limitMemory returns the function that sets the memory limit of a build
// once it knows its number of briefs (build.Options.Sized), and the one
// that puts the previous limit back. Both do nothing when GOMEMLIMIT is
// set.
func limitMemory() (sized func(briefs int), restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func(int) {}, func() {}
	}
	prev := debug.SetMemoryLimit(-1)
	return func(briefs int) { debug.SetMemoryLimit(memoryLimit(briefs)) },
		func() { debug.SetMemoryLimit(prev) }
}
