package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestMemoryLimitFor(t *testing.T) {
	tests := []struct {
		name    string
		live    uint64
		current int64
		want    int64
	}{
		{"small site keeps the limit", 100 << 20, buildMemoryLimit, buildMemoryLimit},
		{"live data just within", 149 << 20, buildMemoryLimit, buildMemoryLimit},
		{"large site raises it", 1 << 30, buildMemoryLimit, 3 << 29},
		{"never lowered", 10 << 20, 1 << 30, 1 << 30},
		{"nothing measured yet", 0, buildMemoryLimit, buildMemoryLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := memoryLimitFor(tt.live, liveHeadroom, tt.current); got != tt.want {
				t.Errorf("memoryLimitFor(%d, %v, %d) = %d, want %d", tt.live, liveHeadroom, tt.current, got, tt.want)
			}
		})
	}
}

func TestLimitMemory(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	restore, sized := limitMemory()
	if got := debug.SetMemoryLimit(-1); got != buildMemoryLimit {
		t.Errorf("limit during a build = %d, want %d", got, buildMemoryLimit)
	}
	sized(1000) // a small site: its data fits the limit
	if got := debug.SetMemoryLimit(-1); got != buildMemoryLimit {
		t.Errorf("limit for 1,000 briefs = %d, want %d", got, buildMemoryLimit)
	}
	sized(100000)
	if got, want := debug.SetMemoryLimit(-1), int64(100000*liveBytesPerBrief*sizedHeadroom); got != want {
		t.Errorf("limit for 100,000 briefs = %d, want %d", got, want)
	}
	runtime.GC()
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after the build = %d, want %d as before", got, before)
	}
	sized(200000) // after the build: no effect
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit set after the build = %d, want %d as before", got, before)
	}

	// A limit set by the user's environment is left alone.
	t.Setenv("GOMEMLIMIT", "1GiB")
	restore, sized = limitMemory()
	sized(100000)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit with GOMEMLIMIT set = %d, want %d untouched", got, before)
	}
	restore()
}

func TestOnEachGC(t *testing.T) {
	calls := make(chan struct{}, 10)
	n := 0
	onEachGC(func() bool {
		n++
		calls <- struct{}{}
		return n < 3
	})
	for i := range 3 {
		deadline := time.After(10 * time.Second)
	wait:
		for {
			runtime.GC()
			select {
			case <-calls:
				break wait
			case <-deadline:
				t.Fatalf("call %d did not come after collections", i+1)
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	// f returned false: no more calls.
	runtime.GC()
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if len(calls) != 0 {
		t.Errorf("f was called again after it returned false")
	}
}
