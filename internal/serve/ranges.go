package serve

import (
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
)

// dropEmptySuffixes returns the Range header h without its suffix ranges
// of no bytes ("-0"), which no file satisfies (RFC 9110, 14.1.1) but
// http.ServeContent answers with an empty part, and whether any range is
// left. A header that is not a byte range is returned as it is.
func dropEmptySuffixes(h string) (rest string, left bool) {
	spec, ok := strings.CutPrefix(h, "bytes=")
	if !ok {
		return h, true
	}
	var kept []string
	dropped := false
	for _, r := range strings.Split(spec, ",") {
		r = textproto.TrimString(r)
		if digits, ok := strings.CutPrefix(r, "-"); ok && digits != "" && strings.Trim(digits, "0") == "" {
			dropped = true
			continue
		}
		if r != "" {
			kept = append(kept, r)
		}
	}
	if !dropped {
		return h, true
	}
	return "bytes=" + strings.Join(kept, ","), len(kept) > 0
}

// unsatisfiable answers a request whose ranges the file of size bytes
// cannot satisfy, as http.ServeContent answers one that starts past the
// end.
func unsatisfiable(w http.ResponseWriter, size int) {
	w.Header().Set("Content-Range", "bytes */"+strconv.Itoa(size))
	http.Error(w, "invalid range: failed to overlap", http.StatusRequestedRangeNotSatisfiable)
}

// conditional reports whether r has a precondition, which RFC 9110 has
// evaluated before its Range.
func conditional(r *http.Request) bool {
	for _, h := range []string{"If-Range", "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since"} {
		if r.Header.Get(h) != "" {
			return true
		}
	}
	return false
}
