package site

import "strconv"

// Pager is one page of a paginated list of briefs.
type Pager struct {
	Number int // from 1
	Total  int // number of pages
	Briefs []*Brief
	Path   string // "topics/cabinet/" for page 1, "topics/cabinet/page/2/" after
	Prev   *Pager
	Next   *Pager
	First  *Pager
	Last   *Pager
}

// Paginate splits briefs into pages of size; base is the path of page 1.
// An empty list still has one (empty) page.
func Paginate(briefs []*Brief, size int, base string) []*Pager {
	if size < 1 {
		size = 1
	}
	n := (len(briefs) + size - 1) / size
	if n == 0 {
		n = 1
	}
	pages := make([]*Pager, n)
	for i := range pages {
		lo, hi := i*size, min((i+1)*size, len(briefs))
		p := &Pager{Number: i + 1, Total: n, Briefs: briefs[lo:hi], Path: base}
		if i > 0 {
			p.Path = base + "page/" + strconv.Itoa(i+1) + "/"
		}
		pages[i] = p
	}
	for i, p := range pages {
		if i > 0 {
			p.Prev = pages[i-1]
		}
		if i+1 < n {
			p.Next = pages[i+1]
		}
		p.First, p.Last = pages[0], pages[n-1]
	}
	return pages
}
