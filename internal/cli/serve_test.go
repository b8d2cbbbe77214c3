package cli_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// briefsBinary returns a command named briefs that runs cli.Run in a
// process of its own: this test binary under that name, which TestMain
// dispatches to the command (as testscript does for scripts).
func briefsBinary(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "briefs")
	if err := os.Symlink(exe, link); err != nil {
		t.Fatal(err)
	}
	return link
}

// startServe runs `briefs serve` on the test site and returns the command,
// the URL it printed and its stderr so far.
func startServe(t *testing.T, args ...string) (*exec.Cmd, string, *syncBuffer) {
	t.Helper()
	return startServeOf(t, "site", args...)
}

// startServeOf is startServe on testdata/name.
func startServeOf(t *testing.T, name string, args ...string) (*exec.Cmd, string, *syncBuffer) {
	t.Helper()
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(filepath.Join("testdata", name))); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(briefsBinary(t), append([]string{"serve", "-s", site}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("no URL printed: %v; stderr:\n%s", err, stderr)
	}
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("first line %q has no URL", line)
	}
	url := strings.Fields(line[i:])[0]
	go io.Copy(io.Discard, stdout)
	return cmd, url, stderr
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestServeStopsCleanlyOnSignal: SIGTERM and Ctrl-C stop the preview server
// with exit code 0 after it served pages.
func TestServeStopsCleanlyOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd, url, stderr := startServe(t, "--port", "0")
			if !strings.HasPrefix(url, "http://127.0.0.1:") {
				t.Errorf("URL %q is not on 127.0.0.1", url)
			}
			resp, err := http.Get(url)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !bytes.Contains(body, []byte("/__briefs/livereload.js")) {
				t.Errorf("GET %s = %d, live-reload script included: %v", url, resp.StatusCode, bytes.Contains(body, []byte("livereload")))
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("briefs serve after %v: %v; stderr:\n%s", sig, err, stderr)
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("briefs serve did not stop after %v; stderr:\n%s", sig, stderr)
			}
			if !strings.Contains(stderr.String(), "Stopped.") {
				t.Errorf("stderr does not say it stopped:\n%s", stderr)
			}
		})
	}
}

// TestServePortInUse: a taken port is a clear error, exit 1.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(filepath.Join("testdata", "site"))); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(briefsBinary(t), "serve", "-s", site, "--port", port)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("briefs serve on a taken port: %v, want exit code 1", err)
	}
	if want := "port is in use"; !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "--port") {
		t.Errorf("stderr = %q, want it to say %q and suggest --port", stderr.String(), want)
	}
}

// TestServeWarnsOffLoopback: binding beyond loopback says so loudly.
func TestServeWarnsOffLoopback(t *testing.T) {
	cmd, _, stderr := startServe(t, "--host", "0.0.0.0", "--port", "0")
	if !strings.Contains(stderr.String(), "WARNING") {
		t.Errorf("no warning when serving on 0.0.0.0; stderr:\n%s", stderr)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
}
