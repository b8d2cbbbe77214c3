// Package search writes a site's search index, split so that a reader
// downloads only what a query needs: a small index document, the shards of
// words that the query's words start with, and the fragments of the briefs
// it shows. The search page of the theme reads them without a server.
package search

import (
	"bytes"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

// IndexPath is where the index document is written; the search page reads
// it from there, and the other files from beside it.
const IndexPath = "search/index.json"

// The folders of the other files of the index, below the folder of
// IndexPath. The search page builds their URLs from the index document:
//
//	words/<file>.json   a shard: the words starting with its prefix (see shardFile)
//	topics/<n>.json     the briefs of topic number n
//	briefs/<n>.json     brief number n, as results show it
const (
	wordsDir  = "search/words/"
	topicsDir = "search/topics/"
	briefsDir = "search/briefs/"
)

// Version is the format of the index, which the search page checks.
const Version = 2

// IndexDoc is the index document, which the search page loads first:
//
//	{"version": 2, "base": "/news/", "briefs": 1234,
//	 "shards": ["a", "ab", ...], "topics": [[name, path], ...], "stop": [...]}
//
// Briefs are numbered from the oldest (0) to the newest, so that a new
// brief leaves the numbers, and the fragments, of the others as they
// were. Shards are prefixes, sorted: a word is in the shard of the
// longest prefix that it starts with. Stop are the words too common to
// index, which the page leaves out of a query.
type IndexDoc struct {
	Version int         `json:"version"`
	Base    string      `json:"base"`
	Briefs  int         `json:"briefs"`
	Shards  []string    `json:"shards"`
	Topics  [][2]string `json:"topics"` // name, path; their numbers name topics/<n>.json
	Stop    []string    `json:"stop,omitempty"`
}

// ShardDoc is one shard: each word that starts with the shard's prefix
// (and with no longer prefix of the index) with its postings. A posting
// is a brief number and the best field of that brief the word is in,
// packed as (number − previous number) × 4 + field, in order of number:
// small numbers, which compress well.
type ShardDoc map[string][]int32

// The fields of a brief, packed in a posting; a higher field weighs more.
const (
	FieldBody    = 0 // the lede and sections
	FieldSummary = 1
	FieldName    = 2 // its topics' and authors' names
	FieldTitle   = 3
)

// TopicDoc is the numbers of a topic's briefs, each as the difference
// from the one before, in order.
type TopicDoc []int32

// FragmentDoc is one brief as a result shows it. Text is the plain text of
// its lede and sections, in which the page finds the sentence to show.
type FragmentDoc struct {
	Path    string      `json:"path"`
	Title   string      `json:"title"`
	Summary string      `json:"summary"`
	Date    string      `json:"date"` // 2006-01-02 in the site's time zone
	Topics  [][2]string `json:"topics"`
	Authors [][2]string `json:"authors"`
	Text    []string    `json:"text"`
}

// searchSummaryMax is how many characters of a summary a result shows.
const searchSummaryMax = 140

// Index plans the search index, and keeps what it found in each brief and
// the last index it made between renders: a rebuild after one edit reads
// one brief again.
type Index struct {
	mu      sync.Mutex
	state   *searchState // nil while a plan has it
	lastKey uint64
	last    *built
}

// New returns an Index with nothing kept.
func New() *Index { return &Index{} }

// Plan plans the fragment of each brief, kept while its brief and number
// stay the same. A fragment renders the brief as the plan's site has it
// when it runs (an edit replans the same jobs).
func (x *Index) Plan(p *plan.Plan) {
	s := p.Site
	n := len(s.Briefs)
	for i, b := range s.Briefs {
		num := n - 1 - i
		p.Add(briefsDir+strconv.Itoa(num)+".json", func(w *bytes.Buffer) error {
			return json.NewEncoder(w).Encode(fragment(p.Site, p.Brief(b)))
		}, func() uint64 {
			return plan.NewKey(p.Global).Str("search fragment").Num(uint64(num)).Num(p.BriefKey(b)).Sum()
		}, b)
	}
}

// fragment returns what a result shows of b.
func fragment(s *site.Site, b *site.Brief) *FragmentDoc {
	f := &FragmentDoc{Path: b.Path, Title: b.Title, Summary: cut(b.Summary, searchSummaryMax),
		Date:   b.Date.In(s.Config.Location()).Format("2006-01-02"),
		Topics: termPairs(b.Topics), Authors: termPairs(b.Authors), Text: []string{b.Body.LedeText}}
	for _, sec := range b.Body.Sections {
		f.Text = append(f.Text, sec.Text)
	}
	return f
}

// termPairs returns the [name, path] of each term.
func termPairs(terms []*site.TermLink) [][2]string {
	pairs := make([][2]string, len(terms))
	for i, t := range terms {
		pairs[i] = [2]string{t.Name, t.Path}
	}
	return pairs
}

// Fresh returns the jobs of the index document, the shards and the topics,
// which show every brief. Which shards there are depends on every word of
// every brief, so Fresh makes the index (from what it kept of each
// brief), unless no brief changed since the last time; the jobs only
// encode it, and may be rendered after the pages.
func (x *Index) Fresh(p *plan.Plan) []plan.Job {
	s := p.Site
	k := plan.NewKey(p.Global).Str("search index").Num(uint64(len(s.Briefs)))
	for _, b := range s.Briefs {
		k.Num(p.BriefKey(b))
	}
	key := k.Sum()

	x.mu.Lock()
	idx := x.last
	fresh := idx == nil || x.lastKey != key
	st := x.state
	x.state = nil // taken: a concurrent plan makes its own
	x.mu.Unlock()
	if fresh {
		if st == nil {
			st = newSearchState()
		}
		idx = st.build(s)
	}
	x.mu.Lock()
	if st != nil {
		x.state = st
	}
	x.last, x.lastKey = idx, key
	x.mu.Unlock()

	jobs := make([]plan.Job, 0, 1+len(idx.shards)+len(idx.topics))
	add := func(path string, doc any) {
		jobs = append(jobs, plan.Job{Path: path, Key: key, Deferred: true, Render: func(w *bytes.Buffer) error {
			return json.NewEncoder(w).Encode(doc)
		}})
	}
	add(IndexPath, &idx.doc)
	for i, prefix := range idx.doc.Shards {
		add(wordsDir+shardFile(prefix)+".json", idx.shards[i])
	}
	for i, t := range idx.topics {
		add(topicsDir+strconv.Itoa(i)+".json", t)
	}
	return jobs
}
