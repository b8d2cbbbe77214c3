package cli_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdGateway starts versitygw, a real S3 server, on a loopback port with
// a bucket called site, for the rest of the script: `gateway`. It sets
// $ENDPOINT and the AWS_* credentials of the environment. A script
// that uses it starts with `[!gateway] skip`: without versitygw it is
// skipped, unless CI=true, where it fails.
func cmdGateway(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: gateway")
	}
	bin, err := exec.LookPath("versitygw")
	if err != nil {
		ts.Fatalf("versitygw is not on PATH, and CI must run the deploy tests")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	addr := l.Addr().String()
	l.Close()
	root := ts.MkAbs("gateway")
	ts.Check(os.MkdirAll(filepath.Join(root, "site"), 0o755)) // the posix backend's bucket is a folder
	access, secret := "briefs-cli-key", "briefs-cli-secret-0123456789"
	cmd := exec.Command(bin, "--access", access, "--secret", secret, "--port", addr, "--quiet", "posix", root)
	ts.Check(cmd.Start())
	ts.Defer(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			ts.Fatalf("versitygw did not listen on %s", addr)
		}
	}
	ts.Setenv("ENDPOINT", "http://"+addr)
	ts.Setenv("AWS_ACCESS_KEY_ID", access)
	ts.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	ts.Setenv("AWS_SHARED_CREDENTIALS_FILE", ts.MkAbs("no-credentials"))
	ts.Setenv("AWS_CONFIG_FILE", ts.MkAbs("no-config"))
}

// condition answers a script's [gateway]: whether the deploy tests can run
// here, which CI requires.
func condition(cond string) (bool, error) {
	if cond != "gateway" {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	_, err := exec.LookPath("versitygw")
	return err == nil || os.Getenv("CI") == "true", nil
}
