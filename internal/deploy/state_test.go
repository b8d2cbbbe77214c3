package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/briefs-dev/briefs/internal/output"
)

// sampleState is a state of three files and a foreign object.
func sampleState() state {
	files := []File{
		{Path: "index.html", Sum: "s1", Size: 10},
		{Path: "briefs/a/index.html", Sum: "s2", Size: 20},
		{Path: "assets/style.css", Sum: "s3", Size: 30},
	}
	at := time.Date(2026, 12, 7, 22, 0, 0, 0, time.UTC)
	return newState(files, []string{"uploads/hand.txt"}, "rules", sentinelState{Path: "index.html", ETag: "e1", Modified: at})
}

// gz gzips text.
func gz(text string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(text))
	zw.Close()
	return b.Bytes()
}

// signed is the decompressed form of a state object whose JSON is raw,
// with the digest of raw.
func signed(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:]) + "\n" + string(raw)
}

// edit decodes an encoded state without checking it, changes it, and
// encodes it again: with its digest as it was, as a careless hand would,
// or with the digest of the new content when redigest is set.
func edit(t *testing.T, data []byte, change func(*state), redigest bool) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	digest, raw, _ := bytes.Cut(text, []byte("\n"))
	var s state
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	change(&s)
	raw, err = json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if redigest {
		return gz(signed(raw))
	}
	return gz(string(digest) + "\n" + string(raw))
}

func TestStateRoundTrip(t *testing.T) {
	want := sampleState()
	got, err := decodeState(encodeState(want), maxStateBytes)
	if err != nil {
		t.Fatal(err)
	}
	want.Version = stateVersion
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decodeState(encodeState(s)) = %+v, want %+v", got, want)
	}
	if paths := []string{got.Files[0].Path, got.Files[1].Path, got.Files[2].Path}; !reflect.DeepEqual(paths, []string{"assets/style.css", "briefs/a/index.html", "index.html"}) {
		t.Errorf("files in the order %q, want sorted", paths)
	}
}

// A state that was damaged, edited or is of another version is refused,
// with what is wrong with it.
func TestDecodeStateRefuses(t *testing.T) {
	good := encodeState(sampleState())
	tests := []struct {
		name  string
		data  []byte
		limit int64
		want  string
	}{
		{"not gzip", []byte("{}"), maxStateBytes, "not gzip"},
		{"cut short", good[:len(good)/2], maxStateBytes, "cut short"},
		{"too large", good, 100, "larger than 100 bytes"},
		{"no digest", gz(`{"version":1}`), maxStateBytes, "digest does not match"},
		{"a sum edited", edit(t, good, func(s *state) { s.Files[2].Sum = "other" }, false), maxStateBytes, "digest does not match"},
		{"a file added", edit(t, good, func(s *state) { s.Files = append(s.Files, stateFile{Path: "z", Sum: "s"}) }, false), maxStateBytes, "digest does not match"},
		{"the sentinel edited", edit(t, good, func(s *state) { s.Sentinel.ETag = "e2" }, false), maxStateBytes, "digest does not match"},
		// Signed, yet wrong.
		{"not JSON", gz(signed([]byte("files: none"))), maxStateBytes, "not its JSON"},
		{"other version", edit(t, good, func(s *state) { s.Version = 2 }, true), maxStateBytes, "version 2, not 1"},
		{"unsorted", edit(t, good, func(s *state) { s.Files[0], s.Files[1] = s.Files[1], s.Files[0] }, true), maxStateBytes, "not sorted"},
		{"a path twice", edit(t, good, func(s *state) { s.Files[1].Path = s.Files[0].Path }, true), maxStateBytes, "there twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeState(tt.data, tt.limit)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("decodeState = %v, want an error with %q", err, tt.want)
			}
		})
	}
}

// The objects a state gives have the headers of this deploy's files, and
// the foreign objects no sum, so that they are never deleted unforced.
func TestStateObjects(t *testing.T) {
	s := sampleState()
	files := []File{{Path: "index.html", Sum: "s1", Size: 10, ContentType: "text/html", CacheControl: "public, max-age=300"}}
	got := s.objects(files)
	want := []Object{
		{Path: "assets/style.css", Size: 30, Sum: "s3", Rules: "rules"},
		{Path: "briefs/a/index.html", Size: 20, Sum: "s2", Rules: "rules"},
		{Path: "index.html", Size: 10, Sum: "s1", Rules: "rules", ContentType: "text/html", CacheControl: "public, max-age=300"},
		{Path: "uploads/hand.txt"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("objects = %+v\nwant %+v", got, want)
	}
	plan := Diff(files, got, false)
	if plan.Unchanged != 1 || len(plan.Deletes) != 2 || len(plan.Foreign) != 1 {
		t.Errorf("Diff of the state's objects: %d unchanged, deletes %q, foreign %q", plan.Unchanged, plan.Deletes, plan.Foreign)
	}
}

// FuzzDecodeState: the state comes from the bucket, where anyone with
// its credentials may have written anything. decodeState never panics,
// and what it accepts encodes to itself.
func FuzzDecodeState(f *testing.F) {
	f.Add(encodeState(sampleState()))
	f.Add(encodeState(state{}))
	f.Add(gz(signed([]byte(`{"version":1,"files":[{"path":"a"},{"path":"a"}]}`))))
	f.Add([]byte("not gzip"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := decodeState(data, 1<<20)
		if err != nil {
			return
		}
		again, err := decodeState(encodeState(s), 1<<20)
		if err != nil {
			t.Fatalf("a state it accepted, encoded again, is refused: %v", err)
		}
		s.Version = stateVersion
		if !reflect.DeepEqual(again, s) {
			t.Errorf("encoded again, %+v becomes %+v", s, again)
		}
	})
}

// putState writes data as the bucket's state object under prefix.
func putState(t *testing.T, c *minio.Client, prefix string, data []byte) {
	t.Helper()
	if _, err := c.PutObject(context.Background(), "site", prefix+StateName, bytes.NewReader(data), int64(len(data)), minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
}

// getState reads the bucket's state object under prefix, or nil.
func getState(t *testing.T, c *minio.Client, prefix string) []byte {
	t.Helper()
	obj, err := c.GetObject(context.Background(), "site", prefix+StateName, minio.GetObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(obj)
	if minio.ToErrorResponse(err).Code == "NoSuchKey" {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A state that is damaged, edited, or older than the bucket is not
// trusted: the deploy lists the bucket and converges. Objects changed by
// hand are seen with --verify.
func TestDeployUntrustedState(t *testing.T) {
	f := newFixture(t, "p")
	c := f.g.client(t)
	a := site()
	b := site()
	b["index.html"] = []byte("<h1>Home, B</h1>")
	b["briefs/b/index.html"] = []byte("<p>B, edited</p>")

	// deploy builds files, deploys them, and checks what the deploy
	// compared with and that the bucket then equals the output.
	deploy := func(name string, files map[string][]byte, opts Options, compared, listed string, uploads int) {
		t.Helper()
		build(t, f.dir, files)
		sum, err := f.deploy(t, opts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if sum.Compared != compared || sum.Listed != listed || sum.Uploaded != uploads {
			t.Errorf("%s: compared with the %s (%q), %d uploaded; want the %s (%q), %d", name, sum.Compared, sum.Listed, sum.Uploaded, compared, listed, uploads)
		}
		diffMaps(t, name, bucketFiles(t, c, "p/"), f.wantFiles(files, nil))
	}
	deploy("first", a, Options{}, "listing", "no deploy state in the bucket", len(a))
	stateA := getState(t, c, "p/")

	// Damaged: the deploy lists, and leaves a good state again.
	putState(t, c, "p/", []byte("garbage, not a state"))
	deploy("garbage", a, Options{}, "listing", "the deploy state is damaged: not gzip: gzip: invalid header", 0)
	deploy("after the garbage", a, Options{}, "state", "", 0)

	// Edited by hand, its digest left as it was: it claims the bucket has
	// B's brief already. Trusted, B's brief would never be uploaded.
	putState(t, c, "p/", edit(t, stateA, func(s *state) {
		for i := range s.Files {
			if s.Files[i].Path == "briefs/b/index.html" {
				s.Files[i].Sum, s.Files[i].Size = output.Sum(b["briefs/b/index.html"]), int64(len(b["briefs/b/index.html"]))
			}
		}
	}, false))
	deploy("edited state", b, Options{}, "listing", "the deploy state is damaged: its digest does not match its content", 2)

	// Stale: A's state put back after B was deployed. Trusted, it would
	// say the bucket has A, and a deploy of A would upload nothing.
	putState(t, c, "p/", stateA)
	deploy("stale state", a, Options{}, "listing", "the bucket changed since the deploy state was written", 2)
	deploy("after the stale state", a, Options{}, "state", "", 0)

	// A deploy that changes the bucket deletes the state before its first
	// change: killed in the middle, it leaves none.
	build(t, f.dir, b)
	if _, err := f.deploy(t, Options{Workers: 1, Progress: func(p Progress) {
		if p.Files == 1 {
			f.g.kill()
		}
	}}); err == nil {
		t.Fatal("a deploy whose server died succeeded")
	}
	f.g.restart(t)
	if getState(t, c, "p/") != nil {
		t.Fatal("an interrupted deploy left a state")
	}
	deploy("after the kill", b, Options{}, "listing", "no deploy state in the bucket", 1)

	// An object deleted by hand is not in the state; --verify sees it.
	if err := c.RemoveObject(context.Background(), "site", "p/briefs/a/index.json", minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	build(t, f.dir, b)
	if sum, err := f.deploy(t, Options{}); err != nil || sum.Uploaded != 0 {
		t.Fatalf("deploy after a delete by hand: %d uploaded, %v; want 0: the state does not see it", sum.Uploaded, err)
	}
	deploy("--verify", b, Options{Verify: true}, "listing", "--verify", 1)
	deploy("after --verify", b, Options{}, "state", "", 0)

	// A hand puts its own object where briefs had one, and the output
	// drops the file: the state says briefs wrote it, the object's
	// metadata says not, and the deploy leaves it alone.
	put(t, c, "p/briefs/a/index.json", "mine now")
	delete(b, "briefs/a/index.json")
	build(t, f.dir, b)
	sum, err := f.deploy(t, Options{})
	if err != nil || sum.Compared != "state" || sum.Deleted != 0 || sum.Kept != 1 {
		t.Fatalf("deploy without a file a hand replaced: compared with the %s, %d deleted, %d kept, %v; want the state, 0, 1", sum.Compared, sum.Deleted, sum.Kept, err)
	}
	if got := bucketFiles(t, c, "p/")["briefs/a/index.json"]; got != "text/plain||mine now" {
		t.Errorf("the object a hand put is now %q", got)
	}
}

// An output with a file of the state's name is refused before anything
// is changed.
func TestDeployOutputHasStateName(t *testing.T) {
	f := newFixture(t, "")
	files := site()
	files[StateName] = []byte("mine")
	build(t, f.dir, files)
	_, err := f.deploy(t, Options{})
	if err == nil || !strings.Contains(err.Error(), "the output has a file "+StateName) {
		t.Fatalf("err = %v", err)
	}
	if got := bucketFiles(t, f.g.client(t), ""); len(got) != 0 {
		t.Errorf("the refused deploy wrote %d objects", len(got))
	}
}

// BenchmarkState encodes and decodes the state of an output of the size
// of the 10,000-brief corpus: what a deploy that changed something writes,
// and what every deploy reads.
func BenchmarkState(b *testing.B) {
	files := make([]File, 54000)
	for i := range files {
		files[i] = File{Path: fmt.Sprintf("briefs/brief-%d/index.html", i), Sum: output.Sum([]byte(fmt.Sprint(i))), Size: int64(i)}
	}
	s := newState(files, nil, "rules", sentinelState{Path: "index.html", ETag: "e", Modified: time.Unix(0, 0)})
	data := encodeState(s)
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			encodeState(s)
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeState(data, maxStateBytes); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(len(data)), "bytes")
}
