package build

import "time"

// SetStatClock makes the digest judge files against clock; restore puts
// the real clock back.
func SetStatClock(clock func() time.Time) (restore func()) {
	statClock = clock
	return func() { statClock = time.Now }
}

// MemoWarnings is memoWarnings, for tests.
var MemoWarnings = memoWarnings
