package plan

import (
	"time"

	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/site"
)

// Key builds a job's key: FNV-1a over its parts, written out here so that
// hashing a string needs no conversion to bytes (plans hash a lot).
type Key struct{ h uint64 }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// NewKey returns a key of the numbers parts.
func NewKey(parts ...uint64) *Key {
	k := &Key{fnvOffset}
	for _, p := range parts {
		k.Num(p)
	}
	return k
}

// Str adds a string.
func (k *Key) Str(s string) *Key {
	h := k.h
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	k.h = (h ^ 0) * fnvPrime // a separator, so ("ab","c") and ("a","bc") differ
	return k
}

// Num adds a number.
func (k *Key) Num(n uint64) *Key {
	h := k.h
	for i := 0; i < 8; i++ {
		h = (h ^ (n & 0xff)) * fnvPrime
		n >>= 8
	}
	k.h = h
	return k
}

// Flag adds a boolean.
func (k *Key) Flag(f bool) *Key {
	if f {
		return k.Num(1)
	}
	return k.Num(0)
}

// Time adds a time as RFC 3339 writes it: the instant and the offset.
func (k *Key) Time(t time.Time) *Key {
	_, offset := t.Zone()
	return k.Num(uint64(t.Unix())).Num(uint64(offset))
}

// Brief adds what a page or feed shows of b: its own version, and what
// comes from other briefs or the build: the names of its topics and
// authors (the newest brief naming a term spells it), the URLs of its "Go
// deeper" refs and its draft and future marks.
func (k *Key) Brief(b *site.Brief) *Key {
	k.Num(b.Version).Flag(b.Draft).Flag(b.Future)
	for _, terms := range [][]*site.TermLink{b.Topics, b.Authors} {
		k.Num(uint64(len(terms)))
		for _, t := range terms {
			k.Str(t.Name)
		}
	}
	for _, l := range b.GoDeeper {
		k.Str(l.URL)
	}
	return k
}

// Photo adds what a job shows of a brief's photo that its version does
// not say: the photo's size, as imgs reads it, and its processed variants.
func (k *Key) Photo(imgs *images.Set, b *site.Brief) *Key {
	if b.Photo == nil {
		return k.Num(0)
	}
	w, h, typ := imgs.Size(b.Photo.URL)
	k.Num(1).Num(uint64(w)).Num(uint64(h)).Str(typ)
	if ph := imgs.Photo(b.Photo.URL); ph != nil {
		k.Num(ph.Key) // its variants, which pages list
	}
	return k
}

// Sum returns the key.
func (k *Key) Sum() uint64 { return k.h }
