package deploy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/headers"
	"github.com/briefs-dev/briefs/internal/output"
)

// site is a small output: assets, two briefs with a photo, lists and feeds.
func site() map[string][]byte {
	return map[string][]byte{
		"index.html":               []byte("<h1>Home</h1>"),
		"feed.xml":                 []byte("<rss/>"),
		"atom.xml":                 []byte("<feed/>"),
		"feed.json":                []byte("{}"),
		"sitemap.xml":              []byte("<urlset/>"),
		"robots.txt":               []byte("User-agent: *\n"),
		"assets/style.css":         []byte("body{}"),
		"assets/app.0123abcd.js":   []byte("let x"),
		"briefs/a/index.html":      []byte("<p>A</p>"),
		"briefs/a/index.json":      []byte(`{"a":1}`),
		"briefs/b/index.html":      []byte("<p>B</p>"),
		"briefs/b/photo.jpg":       []byte("\xff\xd8\xff photo"),
		"topics/budget/index.html": []byte("<ul></ul>"),
	}
}

// build writes files as a build does, manifest and all, into dir.
func build(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	if _, err := output.Write(dir, files, output.Options{}); err != nil {
		t.Fatal(err)
	}
}

// fixture is a gateway with a bucket, an output folder and a target.
type fixture struct {
	g      *gateway
	dir    string
	target config.Deploy
	rules  *headers.Rules
}

func newFixture(t *testing.T, prefix string) *fixture {
	g := startGateway(t)
	custom := []config.HeaderRule{{Pattern: "topics/**", CacheControl: "public, max-age=600"}}
	return &fixture{
		g:      g,
		dir:    filepath.Join(t.TempDir(), "public"),
		target: config.Deploy{Name: "test", URL: "s3://site/" + prefix + "?endpoint=" + g.endpoint(), Headers: custom},
		rules:  headers.New(custom, time.Time{}, time.Time{}),
	}
}

func (f *fixture) deploy(t *testing.T, opts Options) (Summary, error) {
	t.Helper()
	opts.Dir, opts.Target = f.dir, f.target
	return Run(context.Background(), opts)
}

// bucketFiles returns what the bucket has under prefix, by path, with
// each object's bytes and headers as "ct|cc|bytes": the site, without the
// deploy state.
func bucketFiles(t *testing.T, c *minio.Client, prefix string) map[string]string {
	t.Helper()
	ctx := context.Background()
	got := map[string]string{}
	for o := range c.ListObjects(ctx, "site", minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		if o.Key == prefix+StateName {
			continue
		}
		obj, err := c.GetObject(ctx, "site", o.Key, minio.GetObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(obj)
		if err != nil {
			t.Fatal(err)
		}
		info, err := obj.Stat()
		if err != nil {
			t.Fatal(err)
		}
		got[strings.TrimPrefix(o.Key, prefix)] = info.ContentType + "|" + info.Metadata.Get("Cache-Control") + "|" + string(data)
	}
	return got
}

// wantFiles is bucketFiles of what the bucket must hold for files, plus
// the objects of others.
func (f *fixture) wantFiles(files map[string][]byte, others map[string]string) map[string]string {
	want := map[string]string{}
	for p, data := range files {
		want[p] = headers.ContentType(p) + "|" + f.rules.CacheControl(p) + "|" + string(data)
	}
	for p, v := range others {
		want[p] = v
	}
	return want
}

func diffMaps(t *testing.T, when string, got, want map[string]string) {
	t.Helper()
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: bucket lacks %s", when, p)
		} else if g != w {
			t.Errorf("%s: bucket has %s = %q, want %q", when, p, g, w)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: bucket has %s, which the output does not", when, p)
		}
	}
}

// put writes an object that briefs did not write.
func put(t *testing.T, c *minio.Client, key, data string) {
	t.Helper()
	if _, err := c.PutObject(context.Background(), "site", key, strings.NewReader(data), int64(len(data)), minio.PutObjectOptions{ContentType: "text/plain"}); err != nil {
		t.Fatal(err)
	}
}

// Deploy, edit, deploy, delete a brief, deploy: after each the bucket
// equals the output, every key, byte and header, and objects outside the
// prefix or not written by briefs are untouched.
func TestDeployConverges(t *testing.T) {
	f := newFixture(t, "news")
	c := f.g.client(t)
	put(t, c, "elsewhere/keep.html", "not ours")
	put(t, c, "news/uploads/handmade.txt", "not ours either")
	put(t, c, "newsletter/keep.txt", "a sibling prefix") // "news" must not match "newsletter/"
	others := map[string]string{"uploads/handmade.txt": "text/plain||not ours either"}

	files := site()
	steps := []struct {
		name             string
		edit             func(map[string][]byte)
		uploads, deletes int
	}{
		{"first deploy", func(map[string][]byte) {}, len(files), 0},
		{"nothing changed", func(map[string][]byte) {}, 0, 0},
		{"edit a brief", func(m map[string][]byte) {
			m["briefs/b/index.html"] = []byte("<p>B, updated</p>")
			m["index.html"] = []byte("<h1>Home</h1><p>B, updated</p>")
		}, 2, 0},
		{"delete a brief", func(m map[string][]byte) {
			delete(m, "briefs/a/index.html")
			delete(m, "briefs/a/index.json")
			m["feed.xml"] = []byte("<rss>b</rss>")
		}, 1, 2},
		{"add a photo", func(m map[string][]byte) { m["briefs/b/second.jpg"] = []byte("\xff\xd8\xff second") }, 1, 0},
	}
	for _, step := range steps {
		step.edit(files)
		build(t, f.dir, files)
		sum, err := f.deploy(t, Options{})
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if sum.Uploaded != step.uploads || sum.Deleted != step.deletes || sum.Kept != 1 {
			t.Errorf("%s: uploaded %d, deleted %d, kept %d; want %d, %d, 1", step.name, sum.Uploaded, sum.Deleted, sum.Kept, step.uploads, step.deletes)
		}
		// The first deploy lists the bucket and asks the objects not in
		// the output whether briefs wrote them: the foreign one. Each
		// later one reads the state the last left, and asks for their
		// metadata the sentinel and the objects it would delete alone.
		if step.uploads == len(files) {
			if sum.Compared != "listing" || sum.Listed != "no deploy state in the bucket" {
				t.Errorf("%s: compared with the %s (%s), want a listing: no state yet", step.name, sum.Compared, sum.Listed)
			}
		} else if sum.Compared != "state" || sum.Checked != 1+step.deletes {
			t.Errorf("%s: compared with the %s (%s), asked %d objects for their metadata; want the state, the sentinel and the %d to delete", step.name, sum.Compared, sum.Listed, sum.Checked, step.deletes)
		}
		if sum.Unchanged != len(files)-step.uploads {
			t.Errorf("%s: %d unchanged, want %d", step.name, sum.Unchanged, len(files)-step.uploads)
		}
		diffMaps(t, step.name, bucketFiles(t, c, "news/"), f.wantFiles(files, others))
	}
	if got := bucketFiles(t, c, "elsewhere/"); got["keep.html"] != "text/plain||not ours" {
		t.Errorf("an object outside the prefix changed: %q", got)
	}
	if got := bucketFiles(t, c, "newsletter/"); len(got) != 1 {
		t.Errorf("an object of a sibling prefix changed: %q", got)
	}
	// With --force, what briefs did not write under the prefix goes too.
	sum, err := f.deploy(t, Options{Force: true})
	if err != nil || sum.Deleted != 1 || sum.Uploaded != 0 {
		t.Fatalf("forced deploy: %+v, %v; want 1 delete", sum, err)
	}
	diffMaps(t, "forced", bucketFiles(t, c, "news/"), f.wantFiles(files, nil))
}

// A change of a header rule uploads the files it changes, and only them.
func TestDeployHeaderChange(t *testing.T) {
	f := newFixture(t, "")
	build(t, f.dir, site())
	if _, err := f.deploy(t, Options{}); err != nil {
		t.Fatal(err)
	}
	f.target.Headers = []config.HeaderRule{{Pattern: "**.xml", CacheControl: "no-cache"}}
	f.rules = headers.New(f.target.Headers, time.Time{}, time.Time{})
	sum, err := f.deploy(t, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// feed.xml, atom.xml, sitemap.xml get the new rule; topics/ loses its
	// own; the home page, the sentinel, goes last with the new rules' digest.
	if fmt.Sprint(sum.Uploads) != "[atom.xml feed.xml sitemap.xml topics/budget/index.html index.html]" {
		t.Errorf("uploaded %v, want the three XML files, the topic page, then the home page", sum.Uploads)
	}
	if sum.Checked != 1+len(site()) {
		t.Errorf("checked %d objects, want the sentinel and then all %d: the rules changed", sum.Checked, len(site()))
	}
	// Then only the sentinel is asked for its metadata.
	sum, err = f.deploy(t, Options{})
	if err != nil || sum.Uploaded != 0 || sum.Checked != 1 {
		t.Errorf("next deploy: %d uploaded, %d checked, %v; want 0, 1", sum.Uploaded, sum.Checked, err)
	}
	diffMaps(t, "after", bucketFiles(t, f.g.client(t), ""), f.wantFiles(site(), nil))

	// The rules change again and the deploy dies after its first upload:
	// the sentinel still has the old rules, so the next deploy asks every
	// object again, and converges.
	f.target.Headers = []config.HeaderRule{{Pattern: "**.xml", CacheControl: "no-store"}, {Pattern: "**.css", CacheControl: "no-cache"}}
	f.rules = headers.New(f.target.Headers, time.Time{}, time.Time{})
	if _, err := f.deploy(t, Options{Workers: 1, Progress: func(p Progress) {
		if p.Files == 1 {
			f.g.kill()
		}
	}}); err == nil {
		t.Fatal("a deploy whose server died succeeded")
	}
	f.g.restart(t)
	if sum, err = f.deploy(t, Options{}); err != nil {
		t.Fatal(err)
	}
	if sum.Checked != 1+len(site()) {
		t.Errorf("after the kill: checked %d objects, want every one", sum.Checked)
	}
	diffMaps(t, "after the kill", bucketFiles(t, f.g.client(t), ""), f.wantFiles(site(), nil))
}

// --dry-run and --max-deletes change nothing.
func TestDeployChangesNothing(t *testing.T) {
	f := newFixture(t, "p")
	c := f.g.client(t)
	files := site()
	build(t, f.dir, files)
	if _, err := f.deploy(t, Options{}); err != nil {
		t.Fatal(err)
	}
	before := bucketFiles(t, c, "p/")
	delete(files, "briefs/a/index.html")
	delete(files, "briefs/a/index.json")
	files["index.html"] = []byte("changed")
	build(t, f.dir, files)

	sum, err := f.deploy(t, Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Uploaded != 1 || sum.Deleted != 2 || fmt.Sprint(sum.Deletes) != "[briefs/a/index.html briefs/a/index.json]" {
		t.Errorf("dry run plans %+v", sum)
	}
	diffMaps(t, "dry run", bucketFiles(t, c, "p/"), before)

	_, err = f.deploy(t, Options{MaxDeletes: 1})
	var tooMany *TooManyDeletesError
	if !errors.As(err, &tooMany) || tooMany.Deletes != 2 {
		t.Fatalf("deploy over --max-deletes: %v", err)
	}
	diffMaps(t, "max deletes", bucketFiles(t, c, "p/"), before)

	if _, err := f.deploy(t, Options{MaxDeletes: 1, Force: true}); err != nil {
		t.Fatal(err)
	}
	diffMaps(t, "forced", bucketFiles(t, c, "p/"), f.wantFiles(files, nil))
}

// A deploy killed in the middle (the server dies) leaves every stage
// before it complete and nothing deleted; a second deploy converges.
func TestDeployInterrupted(t *testing.T) {
	f := newFixture(t, "")
	c := f.g.client(t)
	old := site()
	build(t, f.dir, old)
	if _, err := f.deploy(t, Options{}); err != nil {
		t.Fatal(err)
	}
	files := site()
	delete(files, "briefs/a/index.html")
	for i := range 300 {
		files[fmt.Sprintf("assets/img-%03d.png", i)] = bytes.Repeat([]byte{byte(i)}, 2000)
		files[fmt.Sprintf("briefs/n%03d/index.html", i)] = []byte(fmt.Sprintf("<p>%d</p>", i))
	}
	files["index.html"] = []byte("<h1>Home, 300 new</h1>")
	build(t, f.dir, files)

	var briefs atomic.Int32
	_, err := f.deploy(t, Options{Workers: 4, Progress: func(p Progress) {
		if p.Stage == StageBriefs && !p.StageStarts && briefs.Add(1) == 50 {
			f.g.kill()
		}
	}})
	if err == nil {
		t.Fatal("a deploy whose server died succeeded")
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error of more than one line: %q", err)
	}
	f.g.restart(t)
	mid := bucketFiles(t, c, "")
	for p := range files {
		if StageOf(p) == StageAssets {
			if _, ok := mid[p]; !ok {
				t.Errorf("after the kill, asset %s is missing though brief pages were being uploaded", p)
			}
		}
	}
	if mid["index.html"] != f.wantFiles(old, nil)["index.html"] {
		t.Errorf("the home page was uploaded before the briefs it lists")
	}
	if _, ok := mid["briefs/a/index.html"]; !ok {
		t.Errorf("a delete ran before the uploads")
	}
	sum, err := f.deploy(t, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Deleted != 1 {
		t.Errorf("rerun deleted %d, want 1", sum.Deleted)
	}
	diffMaps(t, "rerun", bucketFiles(t, c, ""), f.wantFiles(files, nil))
}

// A file changed by hand after the build is refused, not uploaded.
func TestDeployOutputChangedSinceBuild(t *testing.T) {
	f := newFixture(t, "")
	build(t, f.dir, site())
	if err := os.WriteFile(filepath.Join(f.dir, "index.html"), []byte("<h1>Hoom</h1>"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := f.deploy(t, Options{})
	if err == nil || !strings.Contains(err.Error(), "changed since the build") {
		t.Fatalf("err = %v", err)
	}
}

// Every way a deploy cannot start is one line that says why, and nothing
// is changed.
func TestDeployErrors(t *testing.T) {
	f := newFixture(t, "")
	build(t, f.dir, site())
	tests := []struct {
		name    string
		url     string
		setup   func(t *testing.T)
		opts    Options
		want    string
		notWant string
	}{
		{name: "wrong secret", url: "s3://site/?endpoint=" + f.g.endpoint(),
			setup: func(t *testing.T) { t.Setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret") },
			want:  "the credentials were refused", notWant: "not-the-secret"},
		{name: "no credentials", url: "s3://site/?endpoint=" + f.g.endpoint(),
			setup: func(t *testing.T) { t.Setenv("AWS_ACCESS_KEY_ID", ""); t.Setenv("AWS_SECRET_ACCESS_KEY", "") },
			want:  "no credentials"},
		{name: "missing bucket", url: "s3://nosuchbucket/x?endpoint=" + f.g.endpoint(), want: `the bucket "nosuchbucket" does not exist`},
		{name: "unreachable", url: "s3://site/?endpoint=http://127.0.0.1:1", want: "cannot reach the store"},
		{name: "malformed", url: "s3://Site_/x", want: "is not a bucket name"},
		{name: "http elsewhere", url: "s3://site/?endpoint=http://s3.example.org", want: "refusing the http endpoint"},
		{name: "no build", url: "s3://site/?endpoint=" + f.g.endpoint(), opts: Options{Dir: t.TempDir()}, want: "build first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.setup != nil {
				tt.setup(t)
			}
			opts := tt.opts
			if opts.Dir == "" {
				opts.Dir = f.dir
			}
			opts.Target = config.Deploy{Name: "t", URL: tt.url}
			_, err := Run(context.Background(), opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error of more than one line: %q", err)
			}
			if tt.notWant != "" && strings.Contains(err.Error(), tt.notWant) {
				t.Errorf("error shows %q: %v", tt.notWant, err)
			}
		})
	}
	if got := bucketFiles(t, f.g.client(t), ""); len(got) != 0 {
		t.Errorf("failed deploys wrote %d objects", len(got))
	}
}

// post_deploy gets the changed paths on its standard input.
func TestPostDeploy(t *testing.T) {
	f := newFixture(t, "")
	files := site()
	build(t, f.dir, files)
	if _, err := f.deploy(t, Options{}); err != nil {
		t.Fatal(err)
	}
	got := filepath.Join(t.TempDir(), "paths")
	f.target.PostDeploy = "cat > " + got
	files["briefs/b/index.html"] = []byte("new")
	delete(files, "briefs/a/index.json")
	build(t, f.dir, files)
	if _, err := f.deploy(t, Options{}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "/briefs/b/\n/briefs/a/index.json\n" {
		t.Errorf("post_deploy read %q", data)
	}
	f.target.PostDeploy = "exit 3"
	files["index.html"] = []byte("again")
	build(t, f.dir, files)
	if _, err := f.deploy(t, Options{}); err == nil || !strings.Contains(err.Error(), "post_deploy") {
		t.Errorf("a failing post_deploy: %v", err)
	}
}

// BenchmarkDeploy deploys an output of 901 small files to versitygw:
// the first time, with nothing changed (compared with the state the
// first left, then with a listing, --verify), and after one file changed.
func BenchmarkDeploy(b *testing.B) {
	files := map[string][]byte{}
	for i := range 300 {
		files[fmt.Sprintf("briefs/b%04d/index.html", i)] = []byte(fmt.Sprintf("<p>brief %d</p>", i))
		files[fmt.Sprintf("briefs/b%04d/index.json", i)] = []byte(fmt.Sprintf(`{"n":%d}`, i))
		files[fmt.Sprintf("topics/t%04d/index.html", i)] = []byte(fmt.Sprintf("<ul>%d</ul>", i))
	}
	files["index.html"] = []byte("<h1>Home</h1>")
	for _, bench := range []struct {
		name string
		edit func(run int) // before each deploy that is timed
		prep bool          // deploy once first, untimed
		opts Options
	}{
		{"first", func(int) {}, false, Options{}},
		{"unchanged", func(int) {}, true, Options{}},
		{"unchanged-verify", func(int) {}, true, Options{Verify: true}},
		{"one-changed", func(run int) { files["briefs/b0001/index.html"] = []byte(fmt.Sprintf("<p>edit %d</p>", run)) }, true, Options{}},
	} {
		b.Run(bench.name, func(b *testing.B) {
			for run := 0; run < b.N; run++ {
				b.StopTimer()
				g := startGatewayB(b)
				dir := filepath.Join(b.TempDir(), "public")
				target := config.Deploy{Name: "bench", URL: "s3://site/?endpoint=" + g.endpoint()}
				build := func() {
					if _, err := output.Write(dir, files, output.Options{}); err != nil {
						b.Fatal(err)
					}
				}
				build()
				if bench.prep {
					if _, err := Run(context.Background(), Options{Dir: dir, Target: target}); err != nil {
						b.Fatal(err)
					}
				}
				bench.edit(run)
				build()
				b.StartTimer()
				opts := bench.opts
				opts.Dir, opts.Target = dir, target
				if _, err := Run(context.Background(), opts); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				g.stop()
			}
		})
	}
}

// A deploy cancelled in the middle (Ctrl-C) stops its uploads, deletes
// nothing, and the next deploy converges.
func TestDeployCancelled(t *testing.T) {
	f := newFixture(t, "")
	c := f.g.client(t)
	build(t, f.dir, site())
	if _, err := f.deploy(t, Options{}); err != nil {
		t.Fatal(err)
	}
	files := site()
	delete(files, "briefs/a/index.json")
	for i := range 100 {
		files[fmt.Sprintf("briefs/n%03d/index.html", i)] = []byte(fmt.Sprint(i))
	}
	build(t, f.dir, files)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sum, err := Run(ctx, Options{Dir: f.dir, Target: f.target, Workers: 2, Progress: func(p Progress) {
		if p.Files == 10 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled deploy: %v", err)
	}
	if sum.Deleted != 0 || sum.Uploaded >= 100 {
		t.Errorf("cancelled deploy went on: %d uploaded, %d deleted", sum.Uploaded, sum.Deleted)
	}
	if _, ok := bucketFiles(t, c, "")["briefs/a/index.json"]; !ok {
		t.Errorf("a cancelled deploy deleted")
	}
	if _, err := f.deploy(t, Options{}); err != nil {
		t.Fatal(err)
	}
	diffMaps(t, "rerun", bucketFiles(t, c, ""), f.wantFiles(files, nil))
}
