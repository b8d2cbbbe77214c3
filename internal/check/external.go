package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/site"
)

// LinkChecker checks external links over HTTP: a HEAD request first, and a
// GET when HEAD fails, since some servers refuse or mishandle HEAD. It
// limits the requests in flight, in all and per host, and remembers every
// answer, so each URL is fetched once however many briefs link to it. A
// LinkChecker is safe for concurrent use; its zero value uses the defaults.
type LinkChecker struct {
	Client    *http.Client  // nil means http.DefaultClient's transport
	Timeout   time.Duration // per URL, both requests; 0 means 10s
	Workers   int           // requests in flight; 0 means 16
	PerHost   int           // requests in flight to one host; 0 means 2
	UserAgent string        // "" means "briefs-check"

	mu    sync.Mutex
	cache map[string]error // URL → its problem, nil when it works
	hosts map[string]chan struct{}
}

// LinkError is the problem of a link that does not work.
type LinkError struct {
	Status int   // the HTTP status, or 0 when there was no answer
	Err    error // the failure when there was no answer
}

func (e *LinkError) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("answers %d %s", e.Status, http.StatusText(e.Status))
	}
	return "cannot be reached: " + e.Err.Error()
}

func (e *LinkError) Unwrap() error { return e.Err }

// Check fetches urls and returns the problem of each one that does not
// work. It returns early with ctx's error when ctx ends.
func (lc *LinkChecker) Check(ctx context.Context, urls []string) (map[string]error, error) {
	lc.mu.Lock()
	if lc.cache == nil {
		lc.cache, lc.hosts = map[string]error{}, map[string]chan struct{}{}
	}
	var todo []string
	seen := map[string]bool{}
	for _, u := range urls {
		if _, done := lc.cache[u]; !done && !seen[u] {
			seen[u] = true
			todo = append(todo, u)
		}
	}
	lc.mu.Unlock()

	workers := lc.Workers
	if workers <= 0 {
		workers = 16
	}
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range min(workers, len(todo)) {
		wg.Go(func() {
			for u := range jobs {
				err := lc.fetch(ctx, u)
				if ctx.Err() != nil {
					continue // cancelled, not an answer: remember nothing
				}
				lc.mu.Lock()
				lc.cache[u] = err
				lc.mu.Unlock()
			}
		})
	}
feed:
	for _, u := range todo {
		select {
		case jobs <- u:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	problems := map[string]error{}
	lc.mu.Lock()
	defer lc.mu.Unlock()
	for _, u := range urls {
		if err := lc.cache[u]; err != nil {
			problems[u] = err
		}
	}
	return problems, nil
}

// host returns the semaphore of a URL's host.
func (lc *LinkChecker) host(u string) chan struct{} {
	h := u
	if p, err := url.Parse(u); err == nil {
		h = strings.ToLower(p.Host)
	}
	lc.mu.Lock()
	defer lc.mu.Unlock()
	sem := lc.hosts[h]
	if sem == nil {
		n := lc.PerHost
		if n <= 0 {
			n = 2
		}
		sem = make(chan struct{}, n)
		lc.hosts[h] = sem
	}
	return sem
}

// fetch checks one URL: HEAD, then GET when HEAD gives no good answer.
func (lc *LinkChecker) fetch(ctx context.Context, u string) error {
	sem := lc.host(u)
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-sem }()
	timeout := lc.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	status, err := lc.request(ctx, http.MethodHead, u)
	if err == nil && (status < 400 || status == http.StatusTooManyRequests) {
		return nil
	}
	if ctx.Err() != nil {
		return &LinkError{Err: errors.New("no answer within " + timeout.String())}
	}
	status, err = lc.request(ctx, http.MethodGet, u)
	switch {
	case err != nil && ctx.Err() != nil:
		return &LinkError{Err: errors.New("no answer within " + timeout.String())}
	case err != nil:
		return &LinkError{Err: err}
	case status >= 400 && status != http.StatusTooManyRequests:
		// 429 says only that the host is busy: no sign the link is broken.
		return &LinkError{Status: status}
	}
	return nil
}

func (lc *LinkChecker) request(ctx context.Context, method, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, err
	}
	ua := lc.UserAgent
	if ua == "" {
		ua = "briefs-check"
	}
	req.Header.Set("User-Agent", ua)
	client := lc.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return 0, err
	}
	// Read a little of a GET's body so the connection can be reused, and
	// no more: only the status matters.
	_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// occurrence is where a brief links to an external URL.
type occurrence struct {
	brief *site.Brief
	pos   diag.Pos
	url   string
}

// externalLinks checks the external links of the briefs asked for: go_deeper
// urls, links and images of the body, and remote photos. Links into the
// site itself are left out: a new brief's targets may not be deployed yet.
func (c *checker) externalLinks(ctx context.Context) error {
	if !c.on("external-link") {
		return nil
	}
	var occs []occurrence
	add := func(b *site.Brief, pos diag.Pos, u string) {
		if (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) && badURL(u) == "" &&
			!strings.HasPrefix(u, c.cfg.BaseURL) {
			occs = append(occs, occurrence{b, pos, u})
		}
	}
	for _, b := range c.briefs {
		if !c.wanted(b.Source.Path) {
			continue
		}
		src := b.Source
		if p := src.Front.Photo; p != nil {
			add(b, src.KeyPos("photo", "src"), p.Src)
		}
		for i, l := range src.Front.GoDeeper {
			add(b, src.KeyPos("go_deeper", fmt.Sprint(i), "url"), l.URL)
		}
		for _, l := range b.Body.Links {
			add(b, diag.Pos{File: src.Path, Line: l.Line, Col: l.Col}, l.Dest)
		}
	}
	urls := make([]string, len(occs))
	for i, o := range occs {
		urls[i] = o.url
	}
	sort.Strings(urls)
	problems, err := c.opts.Links.Check(ctx, urls)
	if err != nil {
		return err
	}
	for _, o := range occs {
		if err := problems[o.url]; err != nil {
			c.report(o.brief, o.pos, "external-link", "%s %s", o.url, err)
		}
	}
	return nil
}
