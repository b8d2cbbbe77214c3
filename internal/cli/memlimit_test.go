package cli

import (
	"runtime/debug"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	tests := []struct {
		briefs int
		want   int64
	}{
		{0, minMemoryLimit},
		{1000, minMemoryLimit},
		{10000, minMemoryLimit}, // 192 MiB of data and headroom: the minimum
		{100000, int64(100000 * bytesPerBrief * memoryHeadroom)},
	}
	for _, tt := range tests {
		if got := memoryLimit(tt.briefs); got != tt.want {
			t.Errorf("memoryLimit(%d) = %d, want %d", tt.briefs, got, tt.want)
		}
	}
}

func TestLimitMemory(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	sized, restore := limitMemory()
	sized(100000)
	if got, want := debug.SetMemoryLimit(-1), memoryLimit(100000); got != want {
		t.Errorf("limit for 100,000 briefs = %d, want %d", got, want)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after the build = %d, want %d as before", got, before)
	}

	// A limit set by the user's environment is left alone.
	t.Setenv("GOMEMLIMIT", "1GiB")
	sized, restore = limitMemory()
	sized(100000)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit with GOMEMLIMIT set = %d, want %d untouched", got, before)
	}
	restore()
}
