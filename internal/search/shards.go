package search

import (
	"encoding/hex"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/briefs-dev/briefs/internal/site"
)

// maxShardBytes is about how large a shard may grow, as JSON, before it
// is split by a longer prefix. Smaller shards cost a reader more requests
// for a query of common words; larger ones, more bytes for a rare word.
const maxShardBytes = 32 << 10

// built is an index made for a site: the document, its shards in the
// order of doc.Shards, and the briefs of each topic.
type built struct {
	doc    IndexDoc
	shards []ShardDoc
	topics []TopicDoc
}

// searchState is what the Index keeps between plans.
type searchState struct {
	briefs map[string]*cachedSearch // by brief path
	// Words are numbered once, so that gathering the postings of every
	// brief needs no hashing.
	ids   map[string]int32
	words []string
	// Scratch of newCachedSearch, used by one brief after another.
	pos map[int32]int
	buf []byte
	cur cachedSearch
}

func newSearchState() *searchState {
	return &searchState{ids: map[string]int32{}, pos: map[int32]int{}}
}

// cachedSearch is what the index keeps of one version of a brief: each of
// its words once, with the best field it is in.
type cachedSearch struct {
	version uint64
	words   []int32
	fields  []uint8
}

// build makes the index of s, reading again only the briefs that changed
// since the last build.
func (st *searchState) build(s *site.Site) *built {
	english := strings.HasPrefix(strings.ToLower(s.Config.Language), "en")
	old := st.briefs
	st.briefs = make(map[string]*cachedSearch, len(s.Briefs))
	for _, b := range s.Briefs {
		c := old[b.Path]
		if c == nil || c.version != b.Version {
			c = st.newCachedSearch(b, english)
		}
		st.briefs[b.Path] = c
	}

	// The postings of every word, brief by brief from the oldest.
	postings := make([][]int32, len(st.words))
	last := make([]int32, len(st.words))
	n := len(s.Briefs)
	for i := n - 1; i >= 0; i-- {
		num := int32(n - 1 - i)
		c := st.briefs[s.Briefs[i].Path]
		for j, w := range c.words {
			postings[w] = append(postings[w], (num-last[w])<<2|int32(c.fields[j]))
			last[w] = num
		}
	}
	postings = st.compact(postings)
	var used []int32
	for w, p := range postings {
		if len(p) > 0 {
			used = append(used, int32(w))
		}
	}
	slices.SortFunc(used, func(a, b int32) int { return strings.Compare(st.words[a], st.words[b]) })

	idx := &built{doc: IndexDoc{Version: Version, Base: s.BasePath, Briefs: n, Shards: []string{}}}
	size := func(w int32) int { return len(st.words[w]) + 4 + postingsSize(postings[w]) }
	split(st.words, used, 1, size, func(prefix string, words []int32) {
		shard := make(ShardDoc, len(words))
		for _, w := range words {
			shard[st.words[w]] = postings[w]
		}
		idx.doc.Shards = append(idx.doc.Shards, prefix)
		idx.shards = append(idx.shards, shard)
	})

	topicNum := make(map[string]int, len(s.Topics)) // by path
	idx.doc.Topics = make([][2]string, len(s.Topics))
	idx.topics = make([]TopicDoc, len(s.Topics))
	lastNum := make([]int32, len(s.Topics))
	for i, t := range s.Topics {
		topicNum[t.Path] = i
		idx.doc.Topics[i] = [2]string{t.Name, t.Path}
		idx.topics[i] = TopicDoc{}
	}
	for i := n - 1; i >= 0; i-- {
		num := int32(n - 1 - i)
		for _, t := range s.Briefs[i].Topics {
			if k, ok := topicNum[t.Path]; ok {
				idx.topics[k] = append(idx.topics[k], num-lastNum[k])
				lastNum[k] = num
			}
		}
	}
	if english {
		idx.doc.Stop = stopWordList
	}
	return idx
}

// compact drops the words that no brief uses any more (those without
// postings), once they are most of the table: each edit in the preview
// brings new words, and the table would only grow. It renumbers the rest
// in their order and returns their postings. The index reads the same:
// the numbers are only names.
func (st *searchState) compact(postings [][]int32) [][]int32 {
	dead := 0
	for _, p := range postings {
		if len(p) == 0 {
			dead++
		}
	}
	if dead*2 <= len(postings) {
		return postings
	}
	live := len(postings) - dead
	renumber := make([]int32, len(postings))
	words, kept := make([]string, 0, live), make([][]int32, 0, live)
	ids := make(map[string]int32, live) // a new map: a map does not shrink
	for w, p := range postings {
		if len(p) > 0 {
			renumber[w] = int32(len(words))
			ids[st.words[w]] = int32(len(words))
			words = append(words, st.words[w])
			kept = append(kept, p)
		}
	}
	for _, c := range st.briefs {
		for i, w := range c.words {
			c.words[i] = renumber[w]
		}
	}
	st.words, st.ids = words, ids
	return kept
}

// postingsSize is about how many bytes postings take as JSON.
func postingsSize(postings []int32) int {
	n := 2
	for _, p := range postings {
		n++
		for p >= 10 {
			n++
			p /= 10
		}
		n++
	}
	return n
}

// split calls emit with each shard of words (sorted by their text), which
// all share their first plen characters: the words of each prefix of that
// length, or of a longer one when they are more than maxShardBytes. A word
// shorter than plen is a shard's prefix on its own, beside the longer
// prefixes that start with it.
func split(text []string, words []int32, plen int, size func(int32) int, emit func(prefix string, words []int32)) {
	for i := 0; i < len(words); {
		key := prefix(text[words[i]], plen)
		j, total := i, 0
		for j < len(words) && prefix(text[words[j]], plen) == key {
			total += size(words[j])
			j++
		}
		if total > maxShardBytes && j-i > 1 && utf8.RuneCountInString(key) == plen {
			split(text, words[i:j], plen+1, size, emit)
		} else {
			emit(key, words[i:j])
		}
		i = j
	}
}

// prefix returns the first n characters of w.
func prefix(w string, n int) string {
	for i := range w {
		if n == 0 {
			return w[:i]
		}
		n--
	}
	return w
}

// shardFile returns the name of the file of a shard, without ".json": the
// prefix itself when it is ASCII letters and digits, which are safe in any
// URL and on any host, else "_" and the hexadecimal of its UTF-8 bytes.
// search.js names the file the same way.
func shardFile(prefix string) string {
	for i := 0; i < len(prefix); i++ {
		if c := prefix[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return "_" + hex.EncodeToString([]byte(prefix))
		}
	}
	return prefix
}

// newCachedSearch makes what the index keeps of a brief: each word of its
// title, its topics' and authors' names, its summary, lede and sections,
// with the first of those it is in.
func (st *searchState) newCachedSearch(b *site.Brief, english bool) *cachedSearch {
	clear(st.pos)
	c := &st.cur
	c.words, c.fields = c.words[:0], c.fields[:0]
	field := uint8(FieldTitle)
	// Map lookups with string(w) do not copy w: only a new word does.
	add := func(w []byte) {
		if !searchable(w, english) {
			return
		}
		id, ok := st.ids[string(w)]
		if !ok {
			word := string(w)
			id = int32(len(st.words))
			st.ids[word] = id
			st.words = append(st.words, word)
		}
		if _, ok := st.pos[id]; ok {
			return // in a better field already
		}
		st.pos[id] = len(c.words)
		c.words = append(c.words, id)
		c.fields = append(c.fields, field)
	}
	st.buf = eachSearchWord(b.Title, st.buf, add)
	field = FieldName
	for _, terms := range [][]*site.TermLink{b.Topics, b.Authors} {
		for _, t := range terms {
			st.buf = eachSearchWord(t.Name, st.buf, add)
		}
	}
	field = FieldSummary
	st.buf = eachSearchWord(b.Summary, st.buf, add)
	field = FieldBody
	st.buf = eachSearchWord(b.Body.LedeText, st.buf, add)
	for _, sec := range b.Body.Sections {
		st.buf = eachSearchWord(sec.Text, st.buf, add)
	}
	if len(st.pos) > maxScratchWords {
		st.pos = map[int32]int{} // clearing costs what it grew to
	}
	return &cachedSearch{version: b.Version, words: slices.Clone(c.words), fields: slices.Clone(c.fields)}
}

// maxScratchWords is how many words of one brief newCachedSearch's map
// may keep for the next brief.
const maxScratchWords = 4096
