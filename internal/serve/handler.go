package serve

import (
	"bytes"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/livereload"
)

// ServeHTTP serves the current snapshot: pretty URLs, the site's 404 page,
// the live-reload endpoints, and nothing from outside the output.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowedHost(r.Host) {
		// A page on another site that resolves its own name to this
		// machine (DNS rebinding) must not read the preview.
		http.Error(w, "this preview server does not answer to the host "+strconv.Quote(r.Host)+
			": use the address it printed, or allow another name with --allow-host", http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/__briefs/") {
		if !s.opts.LiveReload {
			http.NotFound(w, r)
			return
		}
		s.broker.ServeHTTP(w, r)
		return
	}
	snap := s.state.Load()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	if snap.failed {
		s.send(w, r, snap, "", []byte(errorPage), http.StatusInternalServerError)
		return
	}
	if r.URL.Path+"/" == snap.basePath {
		http.Redirect(w, r, snap.basePath, http.StatusMovedPermanently) // "/news" → "/news/"
		return
	}
	name, ok := outputPath(r.URL.Path, snap.basePath)
	if !ok {
		if strings.Contains(r.URL.Path, "..") || strings.ContainsAny(r.URL.Path, "\\\x00") {
			http.Error(w, "bad path", http.StatusBadRequest)
			return
		}
		s.notFound(w, r, snap)
		return
	}
	if data, found := snap.file(name); found {
		s.send(w, r, snap, name, data, http.StatusOK)
		return
	}
	// A folder without its slash: redirect, as a static host does.
	if _, found := snap.file(path.Join(name, "index.html")); found && !strings.HasSuffix(r.URL.Path, "/") {
		target := r.URL.Path + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	s.notFound(w, r, snap)
}

// outputPath maps a URL path to a file of the output: "/news/briefs/x/" →
// "briefs/x/index.html". ok is false for paths outside basePath and for
// any path that tries to climb out ("..", backslashes, NUL).
func outputPath(urlPath, basePath string) (string, bool) {
	if strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	for _, el := range strings.Split(urlPath, "/") {
		if el == ".." || el == "." {
			return "", false
		}
	}
	rest, ok := strings.CutPrefix(urlPath, basePath)
	if !ok {
		return "", false
	}
	if rest == "" || strings.HasSuffix(rest, "/") {
		rest += "index.html"
	}
	if strings.HasPrefix(rest, "/") || strings.Contains(rest, "//") {
		return "", false
	}
	return rest, true
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	if name, ok := outputPath(r.URL.Path, snap.basePath); ok {
		if h, ok := snap.hidden(name); ok {
			s.send(w, r, snap, "", renderHidden(h), http.StatusNotFound)
			return
		}
	}
	if data, ok := snap.file("404.html"); ok {
		s.send(w, r, snap, "404.html", data, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

// send writes one file with its content type and preview cache headers:
// the browser must revalidate every time, so no page is stale after a
// rebuild, and the ETag makes revalidation cheap.
func (s *Server) send(w http.ResponseWriter, r *http.Request, snap *snapshot, name string, data []byte, status int) {
	h := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if name == "" {
		ctype = "text/html; charset=utf-8"
	}
	isHTML := strings.HasPrefix(ctype, "text/html")
	if isHTML && s.opts.LiveReload {
		data = livereload.InjectBuild(data, snap.build)
	}
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	if status == http.StatusOK {
		// Hashing a file per request is cheaper than hashing every file
		// of every rebuild, and keeps rebuilds proportional to the change.
		tag := etag(data) // data has the script: its build is in the tag
		h.Set("ETag", tag)
		if rng := r.Header.Get("Range"); rng != "" {
			rest, left := dropEmptySuffixes(rng)
			switch {
			case !left && !conditional(r):
				unsatisfiable(w, len(data))
				return
			case rest != rng:
				// The other ranges; or, for a conditional request, what
				// ServeContent answers it with (304, 412, the whole file).
				r = r.Clone(r.Context())
				r.Header.Set("Range", rest)
			}
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// allowedHost reports whether a request's Host header names this server,
// on its port. A page that makes the browser send its requests here by
// pointing its own domain at this machine (DNS rebinding) always sends that
// domain as the Host, so the server answers only to names an attacker
// cannot own (see hostNames) and, when it listens beyond loopback, to IP
// addresses: a browser sends an IP address as the Host only when the user
// typed it, as on a phone reading the preview at http://192.168.1.20:1313/.
func (s *Server) allowedHost(host string) bool {
	h, port, err := net.SplitHostPort(host)
	if err != nil {
		h, port = host, "80"
	}
	if port != s.port {
		return false
	}
	h = strings.TrimSuffix(strings.ToLower(strings.Trim(h, "[]")), ".")
	if s.names[h] || strings.HasSuffix(h, ".localhost") {
		return true
	}
	if ip := net.ParseIP(h); ip != nil {
		return ip.IsLoopback() || !isLoopback(s.opts.Host)
	}
	return false
}

// hostNames returns the host names a server answers to, lower-case: the
// address it listens on, localhost, the names the user allowed and, when it
// listens beyond loopback, this machine's name, bare and with .local (the
// name other machines on the network may know it by).
func hostNames(opts Options) map[string]bool {
	names := map[string]bool{"localhost": true}
	add := func(name string) {
		if name = strings.TrimSuffix(strings.ToLower(strings.Trim(name, "[]")), "."); name != "" {
			names[name] = true
		}
	}
	add(opts.Host)
	for _, h := range opts.AllowedHosts {
		add(h)
	}
	if !isLoopback(opts.Host) {
		if name, err := os.Hostname(); err == nil && name != "" {
			add(name)
			if !strings.Contains(name, ".") {
				add(name + ".local")
			}
		}
	}
	return names
}

// isLoopback reports whether the listen address host reaches this machine
// only: a loopback address or localhost.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// errorPage is served while the site has never built: the live-reload
// overlay shows the errors on it, and it reloads once they are fixed.
const errorPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed · briefs</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font: 16px/1.5 system-ui, sans-serif; margin: 2rem">
<main><h1>The site does not build yet</h1>
<p>The errors are listed in the terminal and over this page. Fix them and save: this page reloads by itself.</p></main>
</body></html>
`
