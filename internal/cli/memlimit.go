package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// buildMemoryLimit is the memory a build tries to stay within. With Go's
// default pacing, the heap grows to twice the data in use before it is
// collected: a build of 10,000 briefs, which needs about 140 MB at its
// peak, would take 400 MB of memory. Under this limit it takes about
// 240 MB, for some more time spent collecting.
const buildMemoryLimit = 224 << 20

// liveHeadroom is how much more than the data in use the limit allows. A
// site whose data needs more than buildMemoryLimit allows raises the limit
// to this multiple of it after a collection, so that the collector does
// not run all the time.
const liveHeadroom = 1.5

// sizedHeadroom is how much more than liveBytesPerBrief times its briefs
// the limit of a large site allows from the start. The limit counts all
// the memory of the process, and a large build also holds spans that its
// data uses only in part: at 100,000 briefs, 1.5 times the data left the
// heap room to grow by a sixth of it before each collection, 63
// collections of a gigabyte each. At 1.75 it collected 54 times, for a
// tenth less CPU, and stays under 2 GB: 1.84 GiB of limit. Measured data
// raises the limit only by liveHeadroom, which keeps it there.
const sizedHeadroom = 1.75

// liveBytesPerBrief is about how much data a build holds per brief at its
// peak: the brief's HTML, text and card, its front matter, the plans of
// its files. It was 11 KB for briefs of 250 words at 10,000 and at 100,000
// briefs.
const liveBytesPerBrief = 11 << 10

// limitMemory sets the soft memory limit of a build, unless the GOMEMLIMIT
// environment variable sets one. It returns a function that puts back the
// previous limit, and one to call with the number of briefs once the build
// knows it: a large site's limit is then set for the data it will hold,
// rather than raised collection after collection while its briefs load,
// which made a site of 100,000 briefs spend a quarter of its time
// collecting.
func limitMemory() (restore func(), sized func(briefs int)) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}, func(int) {}
	}
	prev := debug.SetMemoryLimit(buildMemoryLimit)
	var done atomic.Bool
	onEachGC(func() bool {
		if done.Load() {
			return false
		}
		current := debug.SetMemoryLimit(-1)
		if limit := memoryLimitFor(liveHeap(), liveHeadroom, current); limit != current {
			debug.SetMemoryLimit(limit)
		}
		return true
	})
	restore = func() {
		done.Store(true)
		debug.SetMemoryLimit(prev)
	}
	sized = func(briefs int) {
		if done.Load() {
			return
		}
		current := debug.SetMemoryLimit(-1)
		if limit := memoryLimitFor(uint64(briefs)*liveBytesPerBrief, sizedHeadroom, current); limit != current {
			debug.SetMemoryLimit(limit)
		}
	}
	return restore, sized
}

// memoryLimitFor returns the memory limit for data of live bytes in use
// under the limit current: headroom times live, but never lower.
func memoryLimitFor(live uint64, headroom float64, current int64) int64 {
	return max(current, int64(float64(live)*headroom))
}

// liveHeap returns the bytes of heap the last garbage collection found in
// use.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// onEachGC calls f after each garbage collection until f returns false.
// The runtime has no hook for it: an object that nothing refers to is
// finalized after the next collection, and f's finalizer makes another.
func onEachGC(f func() bool) {
	s := &gcSentinel{}
	runtime.SetFinalizer(s, func(*gcSentinel) {
		if f() {
			onEachGC(f)
		}
	})
}

// gcSentinel holds a pointer so that it is allocated on its own: the
// runtime may never finalize a tiny object that shares memory with others.
type gcSentinel struct{ _ *byte }
