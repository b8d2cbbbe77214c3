package deploy

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// gateway is a real S3 server for the tests: versitygw with its posix
// backend in a temporary folder, on a loopback port.
type gateway struct {
	dir    string // the buckets are its folders
	addr   string // host:port
	access string
	secret string
	cmd    *exec.Cmd
	done   chan struct{}
}

// startGateway starts versitygw, or skips the test when it is not
// installed (in CI, where it must be, the test fails instead).
func startGateway(t *testing.T) *gateway {
	t.Helper()
	g := newGateway(t)
	g.useCredentials(t)
	g.bucket(t, "site")
	return g
}

// startGatewayB is startGateway for a benchmark.
func startGatewayB(b *testing.B) *gateway {
	b.Helper()
	g := newGateway(b)
	b.Setenv("AWS_ACCESS_KEY_ID", g.access)
	b.Setenv("AWS_SECRET_ACCESS_KEY", g.secret)
	c, err := minio.New(g.addr, &minio.Options{Creds: credentials.NewStaticV4(g.access, g.secret, ""), BucketLookup: minio.BucketLookupPath})
	if err != nil {
		b.Fatal(err)
	}
	if err := c.MakeBucket(context.Background(), "site", minio.MakeBucketOptions{}); err != nil {
		b.Fatal(err)
	}
	return g
}

// newGateway starts versitygw for a test or benchmark.
func newGateway(t testing.TB) *gateway {
	t.Helper()
	bin, err := exec.LookPath("versitygw")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("versitygw is not on PATH, and CI must run the deploy tests: %v", err)
		}
		t.Skip("versitygw is not installed: go install github.com/versity/versitygw/cmd/versitygw@v1.8.0 to run the deploy tests")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	g := &gateway{dir: t.TempDir(), addr: addr, access: "briefs-test-key", secret: "briefs-test-secret-0123456789"}
	g.start(t, bin)
	t.Cleanup(g.stop)
	return g
}

func (g *gateway) start(t testing.TB, bin string) {
	t.Helper()
	g.cmd = exec.Command(bin, "--access", g.access, "--secret", g.secret, "--port", g.addr, "--quiet", "posix", g.dir)
	g.cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY_ID=", "ROOT_SECRET_ACCESS_KEY=")
	out, err := os.Create(filepath.Join(t.TempDir(), "versitygw.log"))
	if err != nil {
		t.Fatal(err)
	}
	g.cmd.Stdout, g.cmd.Stderr = out, out
	if err := g.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	g.done = make(chan struct{})
	go func() { g.cmd.Wait(); out.Close(); close(g.done) }()
	for deadline := time.Now().Add(20 * time.Second); ; {
		c, err := net.Dial("tcp", g.addr)
		if err == nil {
			c.Close()
			return
		}
		select {
		case <-g.done:
			log, _ := os.ReadFile(out.Name())
			t.Fatalf("versitygw exited: %s", log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("versitygw did not listen on %s", g.addr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// restart starts the gateway again after kill, on the same port and folder.
func (g *gateway) restart(t *testing.T) {
	t.Helper()
	bin, _ := exec.LookPath("versitygw")
	g.start(t, bin)
}

// kill ends the gateway at once, as a crash would.
func (g *gateway) kill() {
	if g.cmd != nil && g.cmd.Process != nil {
		g.cmd.Process.Kill()
		<-g.done
	}
}

func (g *gateway) stop() { g.kill() }

// endpoint is the gateway's URL.
func (g *gateway) endpoint() string { return "http://" + g.addr }

// client is an S3 client of the gateway, for a test to look at buckets.
func (g *gateway) client(t *testing.T) *minio.Client {
	t.Helper()
	c, err := minio.New(g.addr, &minio.Options{Creds: credentials.NewStaticV4(g.access, g.secret, ""), BucketLookup: minio.BucketLookupPath})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// bucket makes a bucket.
func (g *gateway) bucket(t *testing.T, name string) {
	t.Helper()
	if err := g.client(t).MakeBucket(context.Background(), name, minio.MakeBucketOptions{}); err != nil {
		t.Fatalf("making bucket %s: %v", name, err)
	}
}

// useCredentials points the deploy's credential chain at the gateway's
// keys, through the environment, as a user would.
func (g *gateway) useCredentials(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", g.access)
	t.Setenv("AWS_SECRET_ACCESS_KEY", g.secret)
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
}
