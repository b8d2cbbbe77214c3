// Package search writes a site's search index: a compact JSON document
// of every brief's title, summary, date, terms and telling words, which
// the search page of the theme loads and searches without a server.
package search

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
	"github.com/briefs-dev/briefs/internal/slug"
)

// IndexPath is where the search index is written. The search page
// reads it from there.
const IndexPath = "search/index.json"

// searchIndexDoc is the search index, the JSON the search page loads:
// compact, since a reader downloads all of it. It holds
//
//	{"version": 1, "base": "/news/", "fields": [...],
//	 "topics": [[name, path], ...], "authors": [[name, path], ...],
//	 "briefs": [[path, title, summary, date, [topic numbers], [author numbers], text], ...],
//	 "stop": [...]}
//
// with briefs newest first, each a tuple in the order of "fields", and
// "stop" the words too common to search for, which "text" leaves out and
// the script ignores in a query. Rendering it is on the path of every
// rebuild, so what takes work to find in each brief is kept between
// renders (searchState).
type searchIndexDoc struct {
	Version int         `json:"version"`
	Base    string      `json:"base"`
	Fields  []string    `json:"fields"`
	Topics  [][2]string `json:"topics"`  // name, path
	Authors [][2]string `json:"authors"` // name, path
	Briefs  [][]any     `json:"briefs"`  // each a tuple in the order of Fields
	Stop    []string    `json:"stop,omitempty"`
}

// searchFields is the tuple of one brief in the index. "text" holds the
// words of the lede and the sections that best tell the brief from the
// others and that the title and summary lack, each once: search matches
// words, so repeating them would only make the index bigger.
var searchFields = []string{"path", "title", "summary", "date", "topics", "authors", "text"}

// The index spends about 100 bytes (compressed) on each brief.
const (
	searchSummaryMax = 140 // characters of the summary shown in results
	searchTextWords  = 16  // words of the lede and sections kept per brief
)

// searchState is what the Renderer keeps between renders of the index.
type searchState struct {
	briefs map[string]*cachedSearch // by brief path
	// Words are numbered once, so that counting them across every brief
	// needs no hashing.
	ids   map[string]int32
	words []string
	// Scratch of newCachedSearch, used by one brief after another: cur
	// gathers the brief's words and counts, which it then copies out.
	seen   map[string]bool
	pos    map[int32]int
	joined []byte
	ends   []int
	buf    []byte
	cur    cachedSearch
}

// cachedSearch is what the index keeps of one version of a brief.
type cachedSearch struct {
	version uint64
	summary string  // cut to searchSummaryMax characters
	words   []int32 // the words of its lede and sections that title and summary lack, in order
	counts  []int32 // how often each is used
}

// Index plans the search index, and keeps what it found in each brief
// between renders: a rebuild after one edit reads one brief again.
type Index struct {
	mu    sync.Mutex
	state *searchState // nil while a render has it
}

// New returns an Index with nothing kept.
func New() *Index { return &Index{} }

// Plan plans nothing that is kept: the index shows every brief, and is
// planned afresh each time.
func (x *Index) Plan(*plan.Plan) {}

// Fresh returns the job of the search index, which may be rendered after
// the pages (it is slow on a large site, and no page embeds it).
func (x *Index) Fresh(p *plan.Plan) []plan.Job {
	s := p.Site
	k := plan.NewKey(p.Global).Str("search index").Num(uint64(len(s.Briefs)))
	for _, b := range s.Briefs {
		k.Num(p.BriefKey(b))
	}
	return []plan.Job{{Path: IndexPath, Key: k.Sum(), Deferred: true, Render: func(w *bytes.Buffer) error {
		return x.write(w, s)
	}}}
}

func (x *Index) write(w *bytes.Buffer, s *site.Site) error {
	english := strings.HasPrefix(strings.ToLower(s.Config.Language), "en")
	x.mu.Lock()
	st := x.state
	x.state = nil // taken: a concurrent render makes its own
	x.mu.Unlock()
	if st == nil {
		st = &searchState{ids: map[string]int32{}}
	}
	old := st.briefs
	st.briefs = make(map[string]*cachedSearch, len(s.Briefs))
	loc := s.Config.Location()
	for _, b := range s.Briefs {
		c := old[b.Path]
		if c == nil || c.version != b.Version {
			c = st.newCachedSearch(b, english)
		}
		st.briefs[b.Path] = c
	}
	defer func() {
		x.mu.Lock()
		x.state = st
		x.mu.Unlock()
	}()

	// How many briefs use each word: the rarer a word, the better it finds
	// its brief.
	df := make([]int32, len(st.words))
	for _, c := range st.briefs {
		for _, w := range c.words {
			df[w]++
		}
	}
	df = st.compact(df)
	idf := make([]float64, len(df))
	for w, n := range df {
		if n > 0 {
			idf[w] = math.Log(float64(len(s.Briefs)+1) / float64(n))
		}
	}

	doc := searchIndexDoc{Version: 1, Base: s.BasePath, Fields: searchFields,
		Briefs: make([][]any, 0, len(s.Briefs))}
	topicNum := map[string]int{} // by term path
	authorNum := map[string]int{}
	doc.Topics, doc.Authors = searchTerms(s.Topics, topicNum), searchTerms(s.Authors, authorNum)
	var scratch []scoredWord
	var text []byte
	for _, b := range s.Briefs {
		c := st.briefs[b.Path]
		text, scratch = st.keywords(text[:0], c, idf, scratch)
		doc.Briefs = append(doc.Briefs, []any{b.Path, b.Title, c.summary, b.Date.In(loc).Format("2006-01-02"),
			searchNums(b.Topics, topicNum), searchNums(b.Authors, authorNum), string(text)})
	}
	if english {
		doc.Stop = stopWordList
	}
	return json.NewEncoder(w).Encode(&doc)
}

// searchTerms returns the [name, path] of each term, and numbers them in
// num by their place in the list.
func searchTerms(terms []*site.Term, num map[string]int) [][2]string {
	pairs := make([][2]string, len(terms))
	for i, t := range terms {
		num[t.Path] = i
		pairs[i] = [2]string{t.Name, t.Path}
	}
	return pairs
}

// searchNums returns the numbers of terms.
func searchNums(terms []*site.TermLink, num map[string]int) []int {
	nums := make([]int, len(terms))
	for i, t := range terms {
		nums[i] = num[t.Path]
	}
	return nums
}

// compact drops the words that no brief uses any more (df, by word, is
// how many briefs use each), once they are most of the table: each edit
// in the preview brings new words, and the table would only grow. It
// renumbers the rest in their order and returns their counts. The index
// reads the same: a brief's words keep their order, and the numbers are
// only names.
func (st *searchState) compact(df []int32) []int32 {
	dead := 0
	for _, n := range df {
		if n == 0 {
			dead++
		}
	}
	if dead*2 <= len(df) {
		return df
	}
	renumber := make([]int32, len(df))
	live := len(df) - dead
	words, counts := make([]string, 0, live), make([]int32, 0, live)
	ids := make(map[string]int32, live) // a new map: a map does not shrink
	for w, n := range df {
		if n > 0 {
			renumber[w] = int32(len(words))
			ids[st.words[w]] = int32(len(words))
			words = append(words, st.words[w])
			counts = append(counts, n)
		}
	}
	for _, c := range st.briefs {
		for i, w := range c.words {
			c.words[i] = renumber[w]
		}
	}
	st.words, st.ids = words, ids
	return counts
}

type scoredWord struct {
	i     int // position in cachedSearch.words
	score float64
}

// keywords appends to text the searchTextWords words of a brief that best
// tell it from the others, by tf-idf (how often the brief uses a word,
// weighed by how few briefs do), in the order the brief uses them, each
// after a space but the first.
func (st *searchState) keywords(text []byte, c *cachedSearch, idf []float64, scratch []scoredWord) ([]byte, []scoredWord) {
	// The best words so far, best first; of two as good, the one used
	// first. Insertion into a short list beats sorting every word.
	top := scratch[:0]
	for i, w := range c.words {
		sw := scoredWord{i, float64(c.counts[i]) * idf[w]}
		if len(top) == searchTextWords && sw.score <= top[len(top)-1].score {
			continue
		}
		j := len(top)
		if j < searchTextWords {
			top = append(top, sw)
		} else {
			j--
		}
		for j > 0 && sw.score > top[j-1].score {
			top[j] = top[j-1]
			j--
		}
		top[j] = sw
	}
	slices.SortFunc(top, func(a, b scoredWord) int { return a.i - b.i })
	for j, k := range top {
		if j > 0 {
			text = append(text, ' ')
		}
		text = append(text, st.words[c.words[k.i]]...)
	}
	return text, top
}

// maxScratchWords is how many words of one brief newCachedSearch's maps
// may keep for the next brief.
const maxScratchWords = 4096

// newCachedSearch makes what the index keeps of a brief: its summary cut,
// and the words of its lede and sections that the title and the summary
// as cut lack, in the order they first appear.
func (st *searchState) newCachedSearch(b *site.Brief, english bool) *cachedSearch {
	summary := cut(b.Summary, searchSummaryMax)
	if st.seen == nil || st.pos == nil {
		st.seen, st.pos = map[string]bool{}, map[int32]int{}
	}
	// The words of the title and summary, as slices of one string.
	st.joined, st.ends = st.joined[:0], st.ends[:0]
	st.buf = eachSearchWord(b.Title+" "+summary, st.buf, func(w []byte) {
		st.joined = append(st.joined, w...)
		st.ends = append(st.ends, len(st.joined))
	})
	all := string(st.joined)
	clear(st.seen)
	for i, end := range st.ends {
		start := 0
		if i > 0 {
			start = st.ends[i-1]
		}
		st.seen[all[start:end]] = true
	}
	clear(st.pos)
	c := &st.cur
	c.words, c.counts = c.words[:0], c.counts[:0]
	// Map lookups with string(w) do not copy w: only a new word does.
	add := func(w []byte) {
		if st.seen[string(w)] || !searchable(w) || (english && stopWords[string(w)]) {
			return
		}
		id, ok := st.ids[string(w)]
		if !ok {
			word := string(w)
			id = int32(len(st.words))
			st.ids[word] = id
			st.words = append(st.words, word)
		}
		if i, ok := st.pos[id]; ok {
			c.counts[i]++
			return
		}
		st.pos[id] = len(c.words)
		c.words = append(c.words, id)
		c.counts = append(c.counts, 1)
	}
	st.buf = eachSearchWord(b.Body.LedeText, st.buf, add)
	for _, sec := range b.Body.Sections {
		st.buf = eachSearchWord(sec.Text, st.buf, add)
	}
	if len(st.pos) > maxScratchWords {
		st.seen, st.pos = nil, nil // clearing costs what they grew to
	}
	return &cachedSearch{version: b.Version, summary: summary,
		words: slices.Clone(c.words), counts: slices.Clone(c.counts)}
}

// searchable reports whether a word is worth keeping in "text": not a
// letter on its own, and not a number, unless it may be a year.
func searchable(w []byte) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRune(w[i:])
		if !unicode.IsDigit(r) {
			return true
		}
		i += size
	}
	return len(w) == 4
}

// cut shortens text to at most max characters, at a word boundary, with
// an ellipsis.
func cut(text string, max int) string {
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	runes := []rune(text)[:max]
	i := len(runes)
	for i > 0 && !unicode.IsSpace(runes[i-1]) {
		i--
	}
	if i == 0 {
		i = len(runes)
	}
	return strings.TrimRightFunc(string(runes[:i]), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	}) + "…"
}

// eachSearchWord calls f with each word of text that search compares:
// letters and digits, lower-cased, accents and apostrophes removed, as
// search.js does to a query. Each is in buf (grown as needed, and returned
// for the next call), which f must not keep. The words are those of
// slug.Make(text) between its hyphens; text of ASCII and common
// typographic punctuation, which is most of a brief's, is split directly,
// without slug.Make's NFKD normalisation, which costs more than the rest.
func eachSearchWord(text string, buf []byte, f func(w []byte)) []byte {
	if !plainText(text) {
		for _, w := range strings.FieldsFunc(slug.Make(text), func(r rune) bool { return r == '-' }) {
			buf = append(buf[:0], w...)
			f(buf)
		}
		return buf
	}
	word := buf[:0]
	for _, r := range text {
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			word = append(word, byte(r))
		case 'A' <= r && r <= 'Z':
			word = append(word, byte(r+'a'-'A'))
		case r == '\'' || r == '’':
			// An apostrophe joins the parts of a word, as slug.Make does.
		default:
			if len(word) > 0 {
				f(word)
				word = word[:0]
			}
		}
	}
	if len(word) > 0 {
		f(word)
	}
	return word
}

// plainText reports whether text is made of ASCII and the typographic
// punctuation that NFKD leaves without letters or digits (curly quotes,
// dashes, ellipsis, guillemets, no-break space): text that
// eachSearchWord may split without slug.Make.
func plainText(text string) bool {
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf:
		case r == '’', r == '“', r == '”', r == '‘', r == '—', r == '–', r == '…', r == '«', r == '»', r == '\u00a0':
		default:
			return false
		}
	}
	return true
}

// stopWordList are English words too common to find anything with.
var stopWordList = strings.Fields(`a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during each few
for from further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours ourselves
out over own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves`)

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range stopWordList {
		m[w] = true
	}
	return m
}()
