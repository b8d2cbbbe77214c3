package diag

import (
	"fmt"
	"unicode/utf8"
)

// Suggest returns ` (did you mean "x"?)`, to end an error message, when x
// is the one of candidates nearest to name and near enough to be a typo of
// it: at most two edits away, and at most one edit for every two letters of
// name. Otherwise it returns "". Of candidates equally near, the first in
// sort order wins, so that the message does not depend on their order.
func Suggest(name string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := Distance(name, c); d < bestDist || d == bestDist && best != "" && c < best {
			best, bestDist = c, d
		}
	}
	if best == "" || bestDist > utf8.RuneCountInString(name)/2 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// Distance is the optimal string alignment distance between a and b: the
// edits (insert, delete, substitute, swap two neighbours) from one to the
// other, counted in runes. A swap is one edit, as it is one slip of the
// fingers: "titel" is one edit from "title".
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows: two back for swaps.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
