package slab

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func TestString(t *testing.T) {
	var s Slab
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"short", []byte("<p>Lede.</p>")},
		{"unicode", []byte("“Quoted” — and ß")},
		{"largest shared", bytes.Repeat([]byte("a"), maxShared)},
		{"too large to share", bytes.Repeat([]byte("b"), maxShared+1)},
		{"larger than a block", bytes.Repeat([]byte("c"), blockSize+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Copy(string(tt.in)); got != string(tt.in) {
				t.Errorf("Copy = %.40q (%d bytes), want %.40q (%d bytes)", got, len(got), tt.in, len(tt.in))
			}
			in := bytes.Clone(tt.in)
			got := s.String(in)
			if got != string(tt.in) {
				t.Fatalf("String = %.40q (%d bytes), want %.40q (%d bytes)", got, len(got), tt.in, len(tt.in))
			}
			for i := range in {
				in[i] = 'x' // the caller reuses its buffer
			}
			if got != string(tt.in) {
				t.Errorf("String changed with the caller's buffer: %.40q", got)
			}
		})
	}
}

// Strings taken one after another lie one after another in a block, and
// one that does not fit starts a new block without touching the others.
func TestStringsShareBlocks(t *testing.T) {
	var s Slab
	a, b := s.String([]byte("first")), s.String([]byte("second"))
	if unsafe.StringData(b) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(a)), len(a))) {
		t.Errorf("two short strings are not adjacent")
	}
	var all []string
	for i := 0; i < 2*blockSize/maxShared+2; i++ {
		all = append(all, s.String(bytes.Repeat([]byte{byte('a' + i%26)}, maxShared)))
	}
	for i, str := range all {
		if str != strings.Repeat(string(rune('a'+i%26)), maxShared) {
			t.Fatalf("string %d was overwritten", i)
		}
	}
	if a != "first" || b != "second" {
		t.Errorf("first strings overwritten: %q %q", a, b)
	}
}

func TestConcurrent(t *testing.T) {
	var s Slab
	var wg sync.WaitGroup
	got := make([][]string, 4)
	for w := range got {
		wg.Go(func() {
			for i := range 2000 {
				got[w] = append(got[w], s.String([]byte(fmt.Sprintf("worker %d string %d %s", w, i, strings.Repeat("x", i%300)))))
			}
		})
	}
	wg.Wait()
	for w := range got {
		for i, str := range got[w] {
			if want := fmt.Sprintf("worker %d string %d %s", w, i, strings.Repeat("x", i%300)); str != want {
				t.Fatalf("worker %d string %d = %q, want %q", w, i, str, want)
			}
		}
	}
}
