package parallel

import (
	"sync/atomic"
	"testing"
)

func TestForN(t *testing.T) {
	for _, tt := range []struct{ workers, n int }{{1, 0}, {1, 5}, {4, 0}, {4, 1}, {4, 3}, {3, 1000}, {0, 7}, {-1, 7}} {
		counts := make([]atomic.Int32, tt.n)
		ForN(tt.workers, tt.n, func(i int) { counts[i].Add(1) })
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Errorf("ForN(%d, %d): f(%d) called %d times, want once", tt.workers, tt.n, i, c)
			}
		}
	}
}

func TestForOneWorkerInOrder(t *testing.T) {
	var got []int
	ForN(1, 5, func(i int) { got = append(got, i) })
	for i, v := range got {
		if v != i {
			t.Fatalf("ForN(1, 5) called f with %v, want 0 … 4 in order", got)
		}
	}
	if len(got) != 5 {
		t.Fatalf("ForN(1, 5) made %d calls, want 5", len(got))
	}
}

func TestFor(t *testing.T) {
	var sum atomic.Int64
	For(100, func(i int) { sum.Add(int64(i)) })
	if s := sum.Load(); s != 4950 {
		t.Errorf("For(100) summed %d, want 4950", s)
	}
}
