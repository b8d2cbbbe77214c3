// Package parallel runs the iterations of a loop on several goroutines.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(0) … f(n-1) on as many goroutines as there are CPUs, and
// returns when all calls have returned. The calls take indexes in order,
// each goroutine the next one free, so uneven calls spread evenly.
func For(n int, f func(i int)) {
	ForN(runtime.GOMAXPROCS(0), n, f)
}

// ForN is For on up to workers goroutines. With one worker, or one
// call, f runs on the calling goroutine.
func ForN(workers, n int, f func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
