// Package slab copies strings that live as long as one another into large
// shared blocks.
//
// A build holds the HTML and plain text of every brief until its pages are
// written: tens of thousands of strings of a few kilobytes, allocated
// between as many short-lived pages. The garbage collector's size classes
// round each string up, and the pages freed around them leave holes that
// only objects of the same class can fill: at 10,000 briefs, 72 MB of the
// heap was such holes beside 129 MB of objects. Copied one after another
// into blocks, the strings take the memory they need.
package slab

import (
	"sync"
	"unsafe"
)

// blockSize is the size of a block.
const blockSize = 256 << 10

// maxShared is the largest string copied into a block; a larger one gets an
// allocation of its own, so that a block wastes little at its end.
const maxShared = blockSize / 16

// A Slab copies strings into its blocks. A block stays in memory as long as
// any string in it does, so a Slab is for strings that die together, like
// those of one build. Its methods are safe for concurrent use.
type Slab struct {
	mu    sync.Mutex
	block []byte // the current block: its length is what is taken
}

// String returns a string with the bytes of b.
func (s *Slab) String(b []byte) string { return put(s, b) }

// Copy returns a copy of str in the slab, so that str itself, a string
// made elsewhere, can be freed.
func (s *Slab) Copy(str string) string { return put(s, str) }

func put[T []byte | string](s *Slab, b T) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > maxShared {
		return string(b)
	}
	s.mu.Lock()
	if cap(s.block)-len(s.block) < len(b) {
		s.block = make([]byte, 0, blockSize)
	}
	start := len(s.block)
	s.block = append(s.block, b...)
	p := s.block[start:]
	s.mu.Unlock()
	// The bytes are never written again: only later parts of the block
	// are appended to.
	return unsafe.String(&p[0], len(b))
}
