package serve_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/briefs-dev/briefs/internal/corpus"
	"github.com/briefs-dev/briefs/internal/livereload"
	"github.com/briefs-dev/briefs/internal/serve"
)

// BenchmarkEditToReload measures, on a running preview server, the time from
// writing one brief to the reload event for its page reaching a browser's
// event stream: watcher debounce, incremental rebuild and publish included.
func BenchmarkEditToReload(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			paths, err := corpus.Write(dir, corpus.Options{Briefs: n, Seed: 1, Photos: -1})
			if err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			srv, err := serve.Start(ctx, serve.Options{Source: dir, Port: 0, LiveReload: true})
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Close()
			events := subscribe(b, ctx, srv.URL)

			p := paths[n/2]
			page := "/briefs/" + slugOf(p) + "/"
			orig, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				b.Fatal(err)
			}
			var latencies []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if err := os.WriteFile(filepath.Join(dir, p), fmt.Appendf(orig, "\nEdit number %d.\n", i), 0o644); err != nil {
					b.Fatal(err)
				}
				waitReload(b, events, page)
				latencies = append(latencies, time.Since(start))
				// One save at a time, as an editor saves: let the server
				// finish the deferred search index before the next.
				b.StopTimer()
				time.Sleep(200 * time.Millisecond)
				b.StartTimer()
			}
			b.StopTimer()
			sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
			b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds())/1000, "median-ms")
		})
	}
}

func slugOf(p string) string {
	p = strings.TrimSuffix(strings.TrimSuffix(p, "/index.md"), ".md")
	return filepath.Base(p)
}

// subscribe opens the live-reload event stream and delivers its events.
func subscribe(b *testing.B, ctx context.Context, base string) <-chan livereload.Event {
	b.Helper()
	u := strings.TrimSuffix(base, "/")
	if i := strings.Index(u[len("http://"):], "/"); i >= 0 {
		u = u[:len("http://")+i]
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u+livereload.EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	ch := make(chan livereload.Event, 64)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var ev livereload.Event
			if json.Unmarshal([]byte(data), &ev) == nil {
				select {
				case ch <- ev:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return ch
}

func waitReload(b *testing.B, events <-chan livereload.Event, page string) {
	b.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Kind == "reload" && (slices.Contains(ev.Paths, page) || slices.Contains(ev.Paths, "*")) {
				return
			}
			if ev.Kind == "error" {
				b.Fatalf("build failed: %+v", ev.Errors)
			}
		case <-timeout:
			b.Fatalf("no reload event for %s within 30s", page)
		}
	}
}
