package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/markdown"
	"github.com/briefs-dev/briefs/internal/site"
)

// TestWordTableBounded: the preview renders the index after every save,
// and each new version of a brief brings new words. The table of words
// must drop those that no brief uses any more, and the index must read
// as a fresh render's all the while.
func TestWordTableBounded(t *testing.T) {
	cfg := config.Default()
	conv := markdown.New(markdown.Options{Sections: cfg.Sections, BaseURL: cfg.BaseURL})
	brief := func(name string, words []string) *site.Brief {
		t.Helper()
		text := fmt.Sprintf("+++\ntitle = %q\ndate = 2026-06-07T09:30:00Z\n+++\n", "Brief "+name)
		for _, w := range words {
			text += w + " stays in the record. "
		}
		src, err := content.Parse("content/briefs/"+name+".md", []byte(text), content.OptionsFor(&cfg))
		if err != nil {
			t.Fatal(err)
		}
		res, err := conv.Convert(src)
		if err != nil {
			t.Fatal(err)
		}
		return site.NewBrief(src, res)
	}
	words := func(prefix string, n int) []string {
		var ws []string
		for i := range n {
			ws = append(ws, fmt.Sprintf("%s%c%c", prefix, 'a'+i%26, 'a'+i/26))
		}
		return ws
	}
	still := brief("still", words("steady", 30))
	st := newSearchState()
	for round := range 300 {
		edited := brief("edited", words(fmt.Sprintf("round%dx", round), 20))
		s, err := site.New(&cfg, []*site.Brief{still, edited}, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		kept, err := encodeBuilt(st.build(s))
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := encodeBuilt(newSearchState().build(s))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(kept, fresh) {
			t.Fatalf("round %d: the index differs from a fresh render's:\n%s\nwant:\n%s", round, kept, fresh)
		}
		// The live words, and up to as many again that no brief uses.
		live := 0
		for _, c := range st.briefs {
			live += len(c.words)
		}
		if n := len(st.words); n > 2*live || len(st.ids) != n {
			t.Fatalf("round %d: %d words in the table, %d ids, for %d live words", round, n, len(st.ids), live)
		}
	}
}

// encodeBuilt returns every file of an index as JSON, in one document.
func encodeBuilt(b *built) ([]byte, error) {
	return json.Marshal([]any{b.doc, b.shards, b.topics})
}
