package render_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefs-dev/briefs/internal/build"
	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/search"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/slug"
)

// searchIndex reads a built search index as the search page does.
type searchIndex struct {
	t     testing.TB
	files map[string][]byte
	doc   search.IndexDoc
}

func readSearchIndex(t testing.TB, files map[string][]byte) *searchIndex {
	t.Helper()
	x := &searchIndex{t: t, files: files}
	x.decode(search.IndexPath, &x.doc)
	return x
}

// decode decodes the file at path into v, refusing unknown fields.
func (x *searchIndex) decode(path string, v any) {
	x.t.Helper()
	data, ok := x.files[path]
	if !ok {
		x.t.Fatalf("%s: not written", path)
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		x.t.Fatalf("%s: %v", path, err)
	}
}

// shardPath returns the path of the shard of prefix, named as search.js
// names it.
func shardPath(prefix string) string {
	name := prefix
	for _, c := range []byte(prefix) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			name = "_" + hex.EncodeToString([]byte(prefix))
			break
		}
	}
	return "search/words/" + name + ".json"
}

// shardOf returns the prefix of the shard that holds word: the longest
// that word starts with.
func (x *searchIndex) shardOf(word string) string {
	best := ""
	for _, p := range x.doc.Shards {
		if strings.HasPrefix(word, p) && len(p) > len(best) {
			best = p
		}
	}
	return best
}

// shardsFor returns the shards a term needs, as search.js finds them: its
// own, and for a term of three or more characters, those whose prefix
// starts with it.
func (x *searchIndex) shardsFor(term string) []string {
	out := []string{x.shardOf(term)}
	if utf8.RuneCountInString(term) >= 3 {
		for _, p := range x.doc.Shards {
			if strings.HasPrefix(p, term) && p != out[0] {
				out = append(out, p)
			}
		}
	}
	return out
}

// postings returns the brief numbers that word is in, with the field.
func (x *searchIndex) postings(word string) map[int]int {
	x.t.Helper()
	var shard search.ShardDoc
	x.decode(shardPath(x.shardOf(word)), &shard)
	found := map[int]int{}
	n := 0
	for _, p := range shard[word] {
		n += int(p >> 2)
		found[n] = int(p & 3)
	}
	return found
}

// fragment returns brief number n.
func (x *searchIndex) fragment(n int) search.FragmentDoc {
	x.t.Helper()
	var f search.FragmentDoc
	x.decode("search/briefs/"+strconv.Itoa(n)+".json", &f)
	return f
}

// wordsOf returns the words of text the index keeps: slug.Make's words
// (which the index's own splitting is fuzzed against), but stop words and
// single characters.
func wordsOf(text string, stop []string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(slug.Make(text), func(r rune) bool { return r == '-' }) {
		if utf8.RuneCountInString(w) >= 2 && !slices.Contains(stop, w) {
			out = append(out, w)
		}
	}
	return out
}

// everyWord returns the words of a brief that search finds it by.
func everyWord(b *site.Brief, stop []string) []string {
	texts := []string{b.Title, b.Summary, b.Body.LedeText}
	for _, sec := range b.Body.Sections {
		texts = append(texts, sec.Text)
	}
	for _, t := range append(slices.Clone(b.Topics), b.Authors...) {
		texts = append(texts, t.Name)
	}
	var words []string
	for _, text := range texts {
		words = append(words, wordsOf(text, stop)...)
	}
	slices.Sort(words)
	return slices.Compact(words)
}

func TestSearchIndex(t *testing.T) {
	s, files := testSite(t, site.Options{})
	x := readSearchIndex(t, files)
	if x.doc.Version != 2 || x.doc.Base != "/news/" || x.doc.Briefs != len(s.Briefs) || len(x.doc.Stop) == 0 {
		t.Errorf("version %d, base %q, %d briefs, %d stop words", x.doc.Version, x.doc.Base, x.doc.Briefs, len(x.doc.Stop))
	}
	if !slices.IsSorted(x.doc.Shards) || len(x.doc.Shards) == 0 {
		t.Errorf("shards %q, want sorted", x.doc.Shards)
	}
	// Each shard holds the words of its prefix that no longer prefix takes.
	for _, p := range x.doc.Shards {
		var shard search.ShardDoc
		x.decode(shardPath(p), &shard)
		for w := range shard {
			if got := x.shardOf(w); got != p {
				t.Errorf("%q is in shard %q, want %q", w, p, got)
			}
		}
	}
	// Brief n is the nth from the oldest.
	for n := range len(s.Briefs) {
		b, f := s.Briefs[len(s.Briefs)-1-n], x.fragment(n)
		if f.Path != b.Path || f.Title != b.Title || f.Date != b.Date.In(s.Config.Location()).Format("2006-01-02") ||
			!strings.HasPrefix(b.Summary, strings.TrimSuffix(f.Summary, "…")) || utf8.RuneCountInString(f.Summary) > 141 {
			t.Errorf("fragment %d = %q %q %q %q, want %s", n, f.Path, f.Title, f.Date, f.Summary, b.Path)
		}
		if len(f.Text) != 1+len(b.Body.Sections) || f.Text[0] != b.Body.LedeText {
			t.Errorf("fragment %d: text %q", n, f.Text)
		}
		for _, terms := range [][][2]string{f.Topics, f.Authors} {
			for _, term := range terms {
				if term[0] == "" || files[term[1]+"index.html"] == nil {
					t.Errorf("fragment %d: term %v leads to no page", n, term)
				}
			}
		}
		// Every word finds the brief, and a word of the title as a title's.
		title := wordsOf(b.Title, x.doc.Stop)
		for _, w := range everyWord(b, x.doc.Stop) {
			field, ok := x.postings(w)[n]
			if !ok {
				t.Errorf("%q does not find %s", w, b.Path)
			} else if slices.Contains(title, w) && field != search.FieldTitle {
				t.Errorf("%q finds %s in field %d, want the title's", w, b.Path, field)
			}
		}
	}
	// A word of a section, and a stop word, which is not kept.
	if got := x.postings("stopgap"); len(got) != 1 || got[x.number(s, "briefs/budget-talks/")] != search.FieldBody {
		t.Errorf("stopgap finds %v", got)
	}
	if got := x.postings("the"); len(got) != 0 {
		t.Errorf("the stop word \"the\" finds %v", got)
	}
	// The briefs of each topic.
	for i, topic := range s.Topics {
		if x.doc.Topics[i] != [2]string{topic.Name, topic.Path} {
			t.Errorf("topic %d = %v, want %s", i, x.doc.Topics[i], topic.Path)
		}
		var deltas search.TopicDoc
		x.decode("search/topics/"+strconv.Itoa(i)+".json", &deltas)
		var got, want []string
		n := 0
		for _, d := range deltas {
			n += int(d)
			got = append(got, x.fragment(n).Path)
		}
		for _, b := range topic.Briefs {
			want = append(want, b.Path)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("topic %s: briefs %v, want %v", topic.Path, got, want)
		}
	}
}

// number returns the number of the brief at path.
func (x *searchIndex) number(s *site.Site, path string) int {
	for i, b := range s.Briefs {
		if b.Path == path {
			return len(s.Briefs) - 1 - i
		}
	}
	x.t.Fatalf("no brief %s", path)
	return -1
}

// Markup in a brief stays text in the index: escaped, safe to inline.
func TestSearchIndexEscaping(t *testing.T) {
	cfg := testConfig(t)
	files := maps.Clone(briefs)
	files["content/briefs/x.md"] = "+++\ntitle = \"Tags </script><b>bold</b>\"\ndate = 2026-06-01T08:00:00Z\n+++\nBody.\n"
	s := newSite(t, cfg, files, site.Options{})
	out := renderAll(t, newRenderer(t, cfg, nil), s)
	for p, data := range out {
		if strings.HasPrefix(p, "search/") && strings.HasSuffix(p, ".json") && bytes.ContainsAny(data, "<>") {
			t.Errorf("%s: unescaped < or >", p)
		}
	}
	x := readSearchIndex(t, out)
	if f := x.fragment(x.number(s, "briefs/x/")); f.Title != "Tags </script><b>bold</b>" {
		t.Errorf("the title is %q in the index", f.Title)
	}
}

// gzipped returns the size of data compressed as a static host would.
func gzipped(t testing.TB, data []byte) int {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	return buf.Len()
}

// builtGenerated builds a generated site of n briefs and returns its site
// and files.
func builtGenerated(t testing.TB, n int) (*site.Site, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Briefs: n, Seed: 1, Photos: 0}); err != nil {
		t.Fatal(err)
	}
	res, err := build.New(build.Options{FS: os.DirFS(dir)}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return res.Site, res.Files
}

// Every word of every brief finds it: all the words of several briefs of a
// generated site, looked up as the search page does.
func TestSearchEveryWord(t *testing.T) {
	s, files := builtGenerated(t, 300)
	x := readSearchIndex(t, files)
	for _, i := range []int{0, 1, 57, 150, 299} {
		b := s.Briefs[i]
		n := x.number(s, b.Path)
		words := everyWord(b, x.doc.Stop)
		if len(words) < 10 {
			t.Fatalf("%s: only %d words", b.Path, len(words))
		}
		for _, w := range words {
			if _, ok := x.postings(w)[n]; !ok {
				t.Errorf("%q does not find %s", w, b.Path)
			}
		}
	}
}

// searchQueries are queries of the generated site: a common word, a rare
// one, a name, several words and a word typed in part.
var searchQueries = []string{"minister", "embassy verdict", "chloé martin", "campaign debate party vote", "prosec"}

// transfer returns how many bytes, compressed, the search page fetches for
// query at most: the index, the shards of its words and the fragments of
// the 20 largest briefs it finds.
func (x *searchIndex) transfer(query string) int {
	x.t.Helper()
	total := gzipped(x.t, x.files[search.IndexPath])
	var found map[int]bool
	fetched := map[string]bool{}
	for _, term := range wordsOf(query, x.doc.Stop) {
		these := map[int]bool{}
		for _, p := range x.shardsFor(term) {
			if !fetched[p] {
				fetched[p] = true
				total += gzipped(x.t, x.files[shardPath(p)])
			}
			var shard search.ShardDoc
			x.decode(shardPath(p), &shard)
			for w, postings := range shard {
				if w == term || len(term) >= 3 && strings.HasPrefix(w, term) {
					n := 0
					for _, e := range postings {
						n += int(e >> 2)
						these[n] = true
					}
				}
			}
		}
		if found != nil {
			maps.DeleteFunc(found, func(n int, _ bool) bool { return !these[n] })
		} else {
			found = these
		}
	}
	if len(found) == 0 {
		x.t.Fatalf("%q finds nothing", query)
	}
	var sizes []int
	for n := range found {
		sizes = append(sizes, gzipped(x.t, x.files["search/briefs/"+strconv.Itoa(n)+".json"]))
	}
	slices.Sort(sizes)
	for _, size := range sizes[max(0, len(sizes)-20):] {
		total += size
	}
	return total
}

// A query of the site of 10,000 briefs transfers under 300 KB compressed.
func TestSearchTransfer(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site of 10,000 briefs")
	}
	_, files := builtGenerated(t, 10000)
	x := readSearchIndex(t, files)
	for _, q := range searchQueries {
		if got := x.transfer(q); got >= 300_000 {
			t.Errorf("%q transfers %d bytes compressed, want under 300,000", q, got)
		}
	}
}

// BenchmarkSearchTransfer reports what the search page fetches for each of
// searchQueries on generated sites, and the size of the whole index:
// go test ./internal/render -run '^$' -bench SearchTransfer -benchtime 1x
func BenchmarkSearchTransfer(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			_, files := builtGenerated(b, n)
			x := readSearchIndex(b, files)
			var most, all int
			for b.Loop() {
				most = 0
				for _, q := range searchQueries {
					most = max(most, x.transfer(q))
				}
			}
			for p, data := range files {
				if strings.HasPrefix(p, "search/") && strings.HasSuffix(p, ".json") {
					all += gzipped(b, data)
				}
			}
			b.ReportMetric(float64(most), "max-query-gzip-bytes")
			b.ReportMetric(float64(all), "index-gzip-bytes")
		})
	}
}
