package serve

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestRanges: a Range the file cannot satisfy is answered 416 with the
// file's size, as RFC 9110 says; bytes=-0, a suffix of no bytes, is one,
// which http.ServeContent answered 206 with an empty body.
func TestRanges(t *testing.T) {
	const page = "0123456789A" // 11 bytes
	s := &Server{opts: Options{Host: "127.0.0.1"}, port: "1313"}
	s.names = hostNames(s.opts)
	s.state.Store(&snapshot{files: map[string][]byte{"notes.txt": []byte(page)}, basePath: "/"})
	tests := []struct {
		rng, ifRange string
		status       int
		contentRange string
		body         string
	}{
		{"bytes=-0", "", http.StatusRequestedRangeNotSatisfiable, "bytes */11", ""},
		{"bytes=-00", "", http.StatusRequestedRangeNotSatisfiable, "bytes */11", ""},
		{"bytes= -0 ", "", http.StatusRequestedRangeNotSatisfiable, "bytes */11", ""},
		{"bytes=-0,-0", "", http.StatusRequestedRangeNotSatisfiable, "bytes */11", ""},
		{"bytes=11-", "", http.StatusRequestedRangeNotSatisfiable, "bytes */11", ""},
		{"bytes=-0,2-4", "", http.StatusPartialContent, "bytes 2-4/11", "234"},
		{"bytes=-1", "", http.StatusPartialContent, "bytes 10-10/11", "A"},
		{"bytes=0-", "", http.StatusPartialContent, "bytes 0-10/11", page},
		{"bytes=-20", "", http.StatusPartialContent, "bytes 0-10/11", page},
		// An If-Range that does not match asks for the whole file.
		{"bytes=-0", `"other"`, http.StatusOK, "", page},
		{"bytes=-0", "none-match", http.StatusNotModified, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.rng+" "+tt.ifRange, func(t *testing.T) {
			r := httptest.NewRequest("GET", "http://127.0.0.1:1313/notes.txt", nil)
			r.Header.Set("Range", tt.rng)
			switch tt.ifRange {
			case "":
			case "none-match": // the page as the browser has it
				r.Header.Set("If-None-Match", etag([]byte(page)))
			default:
				r.Header.Set("If-Range", tt.ifRange)
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			body := w.Body.String()
			if w.Code == http.StatusRequestedRangeNotSatisfiable {
				body = "" // the text of the error
			}
			if w.Code != tt.status || w.Header().Get("Content-Range") != tt.contentRange || body != tt.body {
				t.Errorf("Range %q: %d, Content-Range %q, body %q; want %d, %q, %q", tt.rng, w.Code, w.Header().Get("Content-Range"), body, tt.status, tt.contentRange, tt.body)
			}
		})
	}
}
