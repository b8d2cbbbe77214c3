package render

import (
	"strings"
)

// CachedPartials returns the names of the partials that partialCached
// holds, one for each variant.
func CachedPartials(r *Renderer) []string {
	var names []string
	for key := range r.partials {
		names = append(names, strings.SplitN(key, "\x00", 2)[0])
	}
	return names
}
