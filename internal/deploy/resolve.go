package deploy

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/briefs-dev/briefs/internal/output"
	"github.com/briefs-dev/briefs/internal/parallel"
)

// A listing gives each object's size and ETag but not the metadata and
// headers a deploy compares, and asking for them object by object takes
// most of a deploy that has nothing to do (28 s for 33,636 objects on a
// local server). So the diff trusts what it can:
//
//   - bytes: an object uploaded in one part has the MD5 of its bytes as its
//     ETag, which the listing gives. Only objects whose ETag is no MD5
//     (multipart, encrypted) are asked for the content hash briefs stored.
//   - headers: every upload stores the digest of the header rules it was
//     made under, and one object, the sentinel, is uploaded after all
//     others. When the sentinel has the rules of this deploy, the last
//     deploy finished under them, and every object briefs wrote has the
//     headers they give; else every object is asked for its own.
//   - deletes: an object the output does not have is asked whether briefs
//     wrote it.

// listed returns the objects under the prefix as a listing of the bucket
// and the metadata of some of them give them, and whether the headers of
// those whose bytes did not change are the rules' (see headersKnown). It
// reads every file of the output for its MD5, to compare with the ETags.
func listed(ctx context.Context, st *store, dir string, files []File, last string, workers int) ([]Object, bool, error) {
	if err := md5s(dir, files); err != nil {
		return nil, false, err
	}
	objects, err := st.objects(ctx)
	if err != nil {
		return nil, false, err
	}
	sure, err := headersKnown(ctx, st, objects, last)
	if err != nil {
		return nil, false, err
	}
	objects, err = resolve(ctx, st, files, objects, sure, workers)
	return objects, sure, err
}

// sentinel returns the path of the file uploaded last, after every other:
// the home page, or the last path when there is none.
func sentinel(files []File) string {
	for _, f := range files {
		if f.Path == "index.html" {
			return f.Path
		}
	}
	if len(files) == 0 {
		return ""
	}
	return files[len(files)-1].Path
}

// headersKnown reports whether the sentinel in the bucket was uploaded
// under the header rules of this deploy.
func headersKnown(ctx context.Context, st *store, objects []Object, last string) (bool, error) {
	for i := range objects {
		if objects[i].Path == last {
			o := objects[i]
			found, err := st.head(ctx, &o)
			return found && o.Rules == st.rules, err
		}
	}
	return false, nil
}

// resolve fills in the content hash and headers of the listed objects, as
// known from their ETags or asked for; sure says the headers of objects
// whose bytes did not change are the rules' (see headersKnown).
func resolve(ctx context.Context, st *store, files []File, objects []Object, sure bool, workers int) ([]Object, error) {
	byPath := make(map[string]*File, len(files))
	for i := range files {
		byPath[files[i].Path] = &files[i]
	}
	var ask []int
	for i := range objects {
		o := &objects[i]
		f, ok := byPath[o.Path]
		switch {
		case !ok:
			ask = append(ask, i) // to delete, if briefs wrote it
		case o.ETag == f.MD5 && o.Size == f.Size && sure:
			o.Sum, o.ContentType, o.CacheControl = f.Sum, f.ContentType, f.CacheControl
		case isMD5(o.ETag) && o.ETag != f.MD5:
			// Other bytes: uploaded again, whatever its metadata says.
		default:
			ask = append(ask, i)
		}
	}
	return headEach(ctx, st, objects, ask, workers)
}

// headEach asks the bucket for the metadata of the objects at the indexes
// ask, on workers connections, and returns objects without those that are
// gone. It changes objects in place.
func headEach(ctx context.Context, st *store, objects []Object, ask []int, workers int) ([]Object, error) {
	errs := make([]error, len(ask))
	gone := make([]bool, len(objects))
	parallel.ForN(workers, len(ask), func(j int) {
		if ctx.Err() != nil {
			errs[j] = ctx.Err()
			return
		}
		found, err := st.head(ctx, &objects[ask[j]])
		errs[j], gone[ask[j]] = err, !found
	})
	if err := firstError(errs); err != nil {
		return nil, err
	}
	out := objects[:0]
	for i, o := range objects {
		if !gone[i] {
			out = append(out, o)
		}
	}
	return out, nil
}

// isMD5 reports whether an ETag is an MD5 in hex, as that of an object
// uploaded in one part without server-side encryption by KMS.
func isMD5(etag string) bool {
	if len(etag) != 32 {
		return false
	}
	_, err := hex.DecodeString(etag)
	return err == nil
}

// md5s reads every file of the output and sets its MD5.
func md5s(dir string, files []File) error {
	var mu sync.Mutex
	var first error
	parallel.ForN(8, len(files), func(i int) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(files[i].Path)))
		if err != nil {
			mu.Lock()
			if first == nil {
				first = fmt.Errorf("%v: build again", err)
			}
			mu.Unlock()
			return
		}
		h := md5.Sum(data)
		files[i].MD5 = hex.EncodeToString(h[:])
	})
	return first
}

// readChecked reads a file of the output for upload, and refuses it if it
// is not what the build recorded.
func readChecked(dir string, f File) ([]byte, error) {
	name := filepath.Join(dir, filepath.FromSlash(f.Path))
	data, err := os.ReadFile(name)
	if err == nil && output.Sum(data) != f.Sum {
		err = fmt.Errorf("%s changed since the build wrote it: build again", name)
	}
	return data, err
}
