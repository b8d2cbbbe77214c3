package sitefs

import (
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestWithoutOpenat2 plays a system that refuses openat2 (Linux before
// 5.6, or a sandbox): the os.Root reads everything, and still refuses a
// path out of the site.
func TestWithoutOpenat2(t *testing.T) {
	dir := site(t)
	for _, refusal := range []error{unix.ENOSYS, unix.EPERM} {
		t.Run(refusal.Error(), func(t *testing.T) {
			defer func(f func(int, string, *unix.OpenHow) (int, error)) { openat2 = f }(openat2)
			openat2 = func(int, string, *unix.OpenHow) (int, error) { return -1, refusal }
			fsys, closeFS, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer closeFS()
			if _, ok := fsys.(*beneathFS); ok {
				t.Fatal("Open used openat2, which the system refuses")
			}
			if data, err := fs.ReadFile(fsys, "content/briefs/vote/index.md"); err != nil || len(data) == 0 {
				t.Errorf("ReadFile of a brief = %d bytes, %v", len(data), err)
			}
			if _, err := fs.ReadFile(fsys, "content/briefs/out.md"); err == nil {
				t.Error("ReadFile read a file outside the site")
			}
		})
	}
}

// TestOpenat2Interrupted checks that an open the kernel interrupts, or
// asks to try again, is tried again.
func TestOpenat2Interrupted(t *testing.T) {
	fsys := openBeneath(t)
	defer func(f func(int, string, *unix.OpenHow) (int, error)) { openat2 = f }(openat2)
	real := openat2
	refusals := []error{unix.EINTR, unix.EAGAIN}
	openat2 = func(dirfd int, path string, how *unix.OpenHow) (int, error) {
		if len(refusals) > 0 {
			err := refusals[0]
			refusals = refusals[1:]
			return -1, err
		}
		return real(dirfd, path, how)
	}
	if data, err := fs.ReadFile(fsys, "config.toml"); err != nil || string(data) != "title = \"T\"\n" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	if len(refusals) > 0 {
		t.Errorf("%d refusals left: ReadFile did not go through openat2", len(refusals))
	}
}

// openBeneath opens the test site with openat2, or skips the test where
// the system refuses it.
func openBeneath(t *testing.T) fs.FS {
	t.Helper()
	fsys, closeFS, err := Open(site(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeFS() })
	if _, ok := fsys.(*beneathFS); !ok {
		t.Skip("this system refuses openat2 (Linux before 5.6, or a sandbox): the os.Root reads everything")
	}
	return fsys
}

// TestOpenat2 checks that Linux reads through openat2, where the system
// has it, and that a path leading out says so.
func TestOpenat2(t *testing.T) {
	fsys := openBeneath(t)
	for _, p := range []string{"content/briefs/out.md", "content/briefs/absolute.md", "content/briefs/folder-out/key.txt", "static/proc.txt"} {
		_, err := fs.ReadFile(fsys, p)
		if err == nil {
			t.Errorf("ReadFile(%q) read a file outside the site", p)
			continue
		}
		if p != "static/proc.txt" && !strings.Contains(err.Error(), "escapes") {
			t.Errorf("ReadFile(%q) error = %v, want one saying the path escapes", p, err)
		}
	}
}

// TestStatPipe checks that Stat does not open a named pipe for reading,
// which would wait for a writer.
func TestStatPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	fsys, closeFS, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	info, err := fs.Stat(fsys, "pipe")
	if err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("Stat(pipe) = %v, %v; want a named pipe", info, err)
	}
}
