package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// A listing of a large bucket is slow: a server answers it object by
// object, reading each one's metadata, and most of a deploy with nothing
// to upload went into it. So a deploy leaves a
// state object behind, the last thing it writes: the content hash and
// size of every object it wrote, the digest of the header rules they were
// uploaded under, and the objects it found but did not write. The next
// deploy reads it with one GET instead of listing the bucket.
//
// The state is trusted only while it says what the bucket has:
//
//   - A deploy that is about to change the bucket deletes the state first,
//     so a deploy interrupted at any point leaves none, and the next one
//     lists the bucket and converges.
//   - The state holds the ETag and modification time of the sentinel (the
//     file every deploy uploads last): if anything uploaded it since, as
//     a deploy that wrote no state, or if the state is an older one put
//     back, they differ, and the deploy lists the bucket.
//   - The state carries the digest of its content: one that was edited or
//     cut short is refused, and the deploy lists the bucket.
//   - An object the deploy would delete is asked first whether briefs
//     wrote it, as with a listing: one a hand put in its place is kept.
//   - Other objects changed by hand under the prefix are not seen:
//     --verify lists the bucket whatever the state says (as --force does).
//
// The state object sits below the prefix, so a public bucket serves it:
// it holds only paths and hashes of files that are public too.

// StateName is the name, below the target's prefix, of the state a deploy
// leaves in the bucket. A build's output must not have a file of that name.
const StateName = ".briefs-deploy.json.gz"

// stateVersion is the version of the state's format: a state of another
// version is not read.
const stateVersion = 1

// maxStateBytes bounds the state a deploy reads, decompressed: about 100
// bytes a file, so room for millions of files, and no more.
const maxStateBytes = 512 << 20

// state is what the last deploy left in the bucket. The bucket stores it
// gzipped: the hex SHA-256 of its JSON on a line, then the JSON.
type state struct {
	Version int    `json:"version"`
	Rules   string `json:"rules"` // the digest of the header rules of every file below
	// Sentinel is the sentinel as the bucket had it when the state was
	// written.
	Sentinel sentinelState `json:"sentinel"`
	Files    []stateFile   `json:"files"`   // sorted by path
	Foreign  []string      `json:"foreign"` // objects briefs did not write, as the last listing found them
}

type sentinelState struct {
	Path     string    `json:"path"`
	ETag     string    `json:"etag"`
	Modified time.Time `json:"modified"`
}

// stateFile is an object that briefs wrote.
type stateFile struct {
	Path string `json:"path"`
	Sum  string `json:"sum"`
	Size int64  `json:"size"`
}

// encodeState returns the state as the bucket stores it.
func encodeState(s state) []byte {
	s.Version = stateVersion
	data, _ := json.Marshal(s) // a struct of strings, numbers and a time: no error
	sum := sha256.Sum256(data)
	var b bytes.Buffer
	// The best speed: about half the default level's time, for a few
	// percent more bytes (hashes do not compress).
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)    // a valid level: no error
	zw.Write([]byte(hex.EncodeToString(sum[:]) + "\n")) // writes to memory: no error
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

// decodeState reads a state object. It refuses one that is not gzipped,
// is larger than limit bytes decompressed, whose JSON does not match its
// digest or is not that of a state of this version, or whose files are not
// sorted and unique.
func decodeState(data []byte, limit int64) (state, error) {
	var s state
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return s, fmt.Errorf("not gzip: %v", err)
	}
	var b bytes.Buffer
	b.Grow(min(8*len(data), int(limit)+1)) // gzipped JSON of hashes shrinks to about a quarter
	if _, err := b.ReadFrom(io.LimitReader(zr, limit+1)); err != nil {
		return s, fmt.Errorf("cut short: %v", err)
	}
	if int64(b.Len()) > limit {
		return s, fmt.Errorf("larger than %d bytes", limit)
	}
	digest, raw, _ := bytes.Cut(b.Bytes(), []byte("\n"))
	if sum := sha256.Sum256(raw); string(digest) != hex.EncodeToString(sum[:]) {
		return s, errors.New("its digest does not match its content")
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, fmt.Errorf("not its JSON: %v", err)
	}
	if s.Version != stateVersion {
		return s, fmt.Errorf("version %d, not %d", s.Version, stateVersion)
	}
	for i := 1; i < len(s.Files); i++ {
		if s.Files[i-1].Path >= s.Files[i].Path {
			return s, errors.New("its files are not sorted by path, or one is there twice")
		}
	}
	return s, nil
}

// newState is the state of a bucket that has files, each with the headers
// of the rules whose digest is rules, and the foreign objects, as a deploy
// leaves it; sentinel is the sentinel as the bucket has it.
func newState(files []File, foreign []string, rules string, sentinel sentinelState) state {
	s := state{Rules: rules, Sentinel: sentinel, Foreign: foreign}
	s.Files = make([]stateFile, len(files))
	for i, f := range files {
		s.Files[i] = stateFile{Path: f.Path, Sum: f.Sum, Size: f.Size}
	}
	slices.SortFunc(s.Files, func(a, b stateFile) int { return strings.Compare(a.Path, b.Path) })
	return s
}

// objects returns the bucket's objects as the state says it has them,
// with the headers that files give them: the state's rules are those of
// this deploy, so every object briefs wrote has the headers they give.
func (s state) objects(files []File) []Object {
	byPath := make(map[string]*File, len(files))
	for i := range files {
		byPath[files[i].Path] = &files[i]
	}
	objs := make([]Object, 0, len(s.Files)+len(s.Foreign))
	for _, sf := range s.Files {
		o := Object{Path: sf.Path, Size: sf.Size, Sum: sf.Sum, Rules: s.Rules}
		if f, ok := byPath[sf.Path]; ok {
			o.ContentType, o.CacheControl = f.ContentType, f.CacheControl
		}
		objs = append(objs, o)
	}
	for _, p := range s.Foreign {
		objs = append(objs, Object{Path: p})
	}
	return objs
}

// confirmDeletes asks the bucket, as a listing's deploy does, for each
// object of the state that the output does not have, which the deploy
// would delete: one gone since is dropped, and one whose metadata is not
// briefs' (a hand put its own where briefs had one) is kept as foreign.
func confirmDeletes(ctx context.Context, st *store, objects []Object, files []File, workers int) ([]Object, error) {
	have := make(map[string]bool, len(files))
	for _, f := range files {
		have[f.Path] = true
	}
	var ask []int
	for i, o := range objects {
		if !have[o.Path] && o.Sum != "" {
			ask = append(ask, i)
		}
	}
	return headEach(ctx, st, objects, ask, workers)
}

// usableState reads the state the last deploy left, and reports why it
// cannot be trusted for a deploy under the header rules of st, if it
// cannot: the reason is "" for a state that can.
func usableState(ctx context.Context, st *store) (state, string, error) {
	data, found, err := st.getState(ctx)
	if err != nil || !found {
		return state{}, "no deploy state in the bucket", err
	}
	s, err := decodeState(data, maxStateBytes)
	if err != nil {
		return s, "the deploy state is damaged: " + err.Error(), nil
	}
	if s.Rules != st.rules {
		return s, "the header rules changed", nil
	}
	o := Object{Path: s.Sentinel.Path}
	found, err = st.head(ctx, &o)
	if err != nil {
		return s, "", err
	}
	if !found || o.ETag != s.Sentinel.ETag || !o.Modified.Equal(s.Sentinel.Modified) || o.Rules != s.Rules {
		return s, "the bucket changed since the deploy state was written", nil
	}
	return s, "", nil
}

// writeState stores the state of the bucket after a deploy that leaves it
// with files and the foreign objects: it reads the sentinel as the bucket
// now has it, and writes the state object. An empty output has no
// sentinel to tie a state to, and leaves none.
func writeState(ctx context.Context, st *store, files []File, foreign []string, last string) error {
	if last == "" {
		return nil
	}
	o := Object{Path: last}
	found, err := st.head(ctx, &o)
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("%s: %s is missing just after the deploy uploaded it", st.where, last)
	}
	s := newState(files, foreign, st.rules, sentinelState{Path: last, ETag: o.ETag, Modified: o.Modified})
	return st.putState(ctx, encodeState(s))
}
