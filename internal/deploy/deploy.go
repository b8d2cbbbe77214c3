// Package deploy publishes a built output folder to an S3-compatible
// bucket: it diffs the build's content hashes with the bucket, then
// uploads in stages (assets, brief pages, lists) and deletes last.
package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/fingerprint"
	"github.com/briefs-dev/briefs/internal/headers"
	"github.com/briefs-dev/briefs/internal/output"
	"github.com/briefs-dev/briefs/internal/parallel"
)

// DefaultMaxDeletes is how many objects a deploy deletes without --force.
const DefaultMaxDeletes = 256

// Options is what a deploy needs.
type Options struct {
	Dir    string        // the output folder a build wrote
	Target config.Deploy // where to
	// Rules decides each file's Cache-Control; nil means the target's
	// [[deploy.headers]], then lifetimes no longer than until the build's
	// next scheduled change (its memo says when) after Now.
	Rules *headers.Rules
	// Now is the time of the deploy.
	Now time.Time
	// Insecure allows an http endpoint that is not on this machine.
	Insecure bool
	// DryRun plans and changes nothing.
	DryRun bool
	// MaxDeletes stops a deploy that would delete more objects, before it
	// changes anything, unless Force is set: 0 means DefaultMaxDeletes, a
	// negative number none.
	MaxDeletes int
	// Force allows more deletes than MaxDeletes, and deletes objects under
	// the prefix that briefs did not write. It lists the bucket, as Verify.
	Force bool
	// Verify compares the output with a listing of the bucket, not with
	// the state the last deploy left there (see state.go): after objects
	// under the prefix were changed by other means than briefs deploy.
	Verify bool
	// Workers is how many requests run at once; 0 means 16.
	Workers int
	// PostDeployDir is the folder the target's post_deploy command runs in.
	PostDeployDir string
	// Progress, if set, is called as files are uploaded and deleted.
	Progress func(Progress)
	// Stdout receives the post_deploy command's output; nil discards it.
	Stdout io.Writer
}

// Progress is how far a deploy has come.
type Progress struct {
	Stage       Stage
	Files       int // uploaded or deleted so far, of all stages
	TotalFiles  int
	Bytes       int64 // uploaded so far
	TotalBytes  int64
	StageStarts bool // the call announces a new stage
	StageFiles  int  // files of the stage that starts
}

// Summary is what a deploy did, or would do with DryRun.
type Summary struct {
	Target    string `json:"target"`
	URL       string `json:"url"`
	DryRun    bool   `json:"dry_run"`
	Uploaded  int    `json:"uploaded"`
	Deleted   int    `json:"deleted"`
	Unchanged int    `json:"unchanged"`
	Kept      int    `json:"kept_foreign"` // objects briefs did not write, left alone
	// Compared says what the output was compared with: "state", the
	// state the last deploy left in the bucket, or "listing", a listing of
	// the bucket; Listed says why the bucket was listed.
	Compared string `json:"compared_with"`
	Listed   string `json:"listed_because,omitempty"`
	// Checked counts the objects whose metadata was asked for, one by one:
	// the sentinel and the objects to delete; and when the bucket was
	// listed, those whose bytes may have changed, or every object when
	// the header rules changed.
	Checked  int           `json:"checked"`
	Bytes    int64         `json:"bytes"`
	Duration time.Duration `json:"duration_ns"`
	// Uploads and Deletes are the paths, in the order of the deploy.
	Uploads []string `json:"uploads"`
	Deletes []string `json:"deletes"`
}

// TooManyDeletesError stops a deploy that would delete more than
// MaxDeletes objects.
type TooManyDeletesError struct{ Deletes, Max int }

func (e *TooManyDeletesError) Error() string {
	return fmt.Sprintf("the deploy would delete %d objects, more than --max-deletes %d: nothing was changed (check the output, then rerun with --force or a higher --max-deletes)", e.Deletes, e.Max)
}

// Run deploys the output folder opts.Dir to opts.Target.
func Run(ctx context.Context, opts Options) (Summary, error) {
	began := time.Now()
	sum := Summary{Target: opts.Target.Name, URL: opts.Target.URL, DryRun: opts.DryRun}
	b, err := config.ParseBucketURL(opts.Target.URL)
	if err != nil {
		return sum, fmt.Errorf("deploy target %q: %v", opts.Target.Name, err)
	}
	built, memo, err := output.FilesAndMemo(opts.Dir)
	if err != nil {
		return sum, err
	}
	rules := opts.Rules
	if rules == nil {
		// Lifetimes end no later than the build's next scheduled change.
		var next time.Time
		if m, ok := fingerprint.ParseMemo(memo); ok {
			next = m.Next
		}
		rules = headers.New(opts.Target.Headers, opts.Now, next)
	}
	files := make([]File, len(built))
	for i, f := range built {
		files[i] = File{Path: f.Path, Sum: f.Sum, Size: f.Size, ContentType: headers.ContentType(f.Path), CacheControl: rules.CacheControl(f.Path)}
	}
	for _, f := range files {
		if f.Path == StateName {
			return sum, fmt.Errorf("the output has a file %s, the name of the state a deploy leaves in the bucket: rename it", StateName)
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = 16
	}
	st, err := openStore(b, opts.Insecure)
	if err != nil {
		return sum, err
	}
	st.rules = rules.Digest()
	if err := st.check(ctx); err != nil {
		return sum, err
	}
	last := sentinel(files)
	var objects []Object
	sure := true // the headers of objects whose bytes did not change are the rules'
	var prior state
	why := "--verify"
	if opts.Force {
		why = "--force" // to find every object briefs did not write
	}
	if !opts.Force && !opts.Verify {
		if prior, why, err = usableState(ctx, st); err != nil {
			return sum, err
		}
	}
	if why == "" {
		sum.Compared = "state"
		if objects, err = confirmDeletes(ctx, st, prior.objects(files), files, workers); err != nil {
			return sum, err
		}
	} else {
		sum.Compared, sum.Listed = "listing", why
		if objects, sure, err = listed(ctx, st, opts.Dir, files, last, workers); err != nil {
			return sum, err
		}
	}
	sum.Checked = int(st.heads.Load())
	plan := Diff(files, objects, opts.Force)
	plan.holdBack(last, !sure)
	sum.Unchanged, sum.Kept = plan.Unchanged, len(plan.Foreign)
	for _, u := range plan.Uploads {
		for _, f := range u {
			sum.Uploads = append(sum.Uploads, f.Path)
		}
	}
	if plan.Last != nil {
		sum.Uploads = append(sum.Uploads, plan.Last.Path)
	}
	sum.Deletes = plan.Deletes
	max := opts.MaxDeletes
	if max == 0 {
		max = DefaultMaxDeletes
	}
	if max < 0 {
		max = 0 // none
	}
	if len(plan.Deletes) > max && !opts.Force {
		return sum, &TooManyDeletesError{len(plan.Deletes), max}
	}
	if opts.DryRun {
		sum.Uploaded, sum.Deleted, sum.Bytes = plan.UploadCount(), len(plan.Deletes), plan.UploadBytes()
		sum.Duration = time.Since(began)
		return sum, nil
	}
	changes := plan.UploadCount() > 0 || len(plan.Deletes) > 0
	if changes {
		// From here until the new state is written, the bucket has none
		// that a deploy would trust.
		err = st.deleteState(ctx)
	}
	if err == nil {
		err = apply(ctx, st, opts, &plan, &sum, workers)
	}
	if err == nil && (changes || why != "") {
		err = writeState(ctx, st, files, plan.Foreign, last)
	}
	sum.Duration = time.Since(began)
	if err != nil {
		return sum, err
	}
	if cmd := opts.Target.PostDeploy; cmd != "" && (sum.Uploaded > 0 || sum.Deleted > 0) {
		if err := postDeploy(ctx, cmd, opts.PostDeployDir, opts.Stdout, sum); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// apply carries out a plan: the uploads stage by stage, each stage done
// before the next starts, then the deletes. It stops at the first error,
// so nothing is deleted before every upload is done.
func apply(ctx context.Context, st *store, opts Options, plan *Plan, sum *Summary, workers int) error {
	var mu sync.Mutex
	p := Progress{TotalFiles: plan.UploadCount() + len(plan.Deletes), TotalBytes: plan.UploadBytes()}

	report := func(update func(*Progress)) {
		mu.Lock()
		defer mu.Unlock()
		update(&p)
		if opts.Progress != nil {
			opts.Progress(p)
		}
	}
	// uploaded counts a file of size bytes as uploaded.
	uploaded := func(size int64) {
		report(func(p *Progress) {
			p.StageStarts = false
			p.Files++
			p.Bytes += size
			sum.Uploaded++
			sum.Bytes += size
		})
	}
	for stage, files := range plan.Uploads {
		if len(files) == 0 {
			continue
		}
		report(func(p *Progress) { p.Stage, p.StageStarts, p.StageFiles = Stage(stage), true, len(files) })
		// The first failure stops the stage: the uploads still running
		// are cancelled, and the rest are not started.
		stageCtx, cancel := context.WithCancel(ctx)
		var once sync.Once
		var failed error
		parallel.ForN(workers, len(files), func(i int) {
			if stageCtx.Err() != nil {
				return
			}
			f := files[i]
			data, err := readChecked(opts.Dir, f)
			if err == nil {
				err = st.put(stageCtx, f, data)
			}
			if err != nil {
				once.Do(func() { failed = err; cancel() })
				return
			}
			uploaded(f.Size)
		})
		cancel()
		if failed == nil {
			failed = ctx.Err()
		}
		if failed != nil {
			return failed
		}
	}
	if f := plan.Last; f != nil {
		data, err := readChecked(opts.Dir, *f)
		if err == nil {
			err = st.put(ctx, *f, data)
		}
		if err != nil {
			return err
		}
		uploaded(f.Size)
	}
	if len(plan.Deletes) == 0 {
		return nil
	}
	report(func(p *Progress) { p.Stage, p.StageStarts, p.StageFiles = StageDeletes, true, len(plan.Deletes) })
	return st.remove(ctx, plan.Deletes, func(n int) {
		report(func(p *Progress) { p.StageStarts = false; p.Files += n; sum.Deleted += n })
	})
}

// postDeploy runs the target's post_deploy command through the shell,
// with the changed site paths on its standard input, one a line ("/",
// "/briefs/x/", "/feed.xml").
func postDeploy(ctx context.Context, command, dir string, out io.Writer, sum Summary) error {
	var in strings.Builder
	for _, p := range append(append([]string(nil), sum.Uploads...), sum.Deletes...) {
		in.WriteString("/" + strings.TrimSuffix(p, "index.html") + "\n")
	}
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(in.String())
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return fmt.Errorf("post_deploy command failed (%v): the site is deployed", exit.ProcessState)
		}
		return fmt.Errorf("post_deploy command: %v", err)
	}
	return nil
}
