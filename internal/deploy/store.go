package deploy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/briefs-dev/briefs/internal/config"
)

// sumKey is the metadata key under which briefs stores an object's
// content hash: it marks the object as written by briefs, and compares
// with the build's manifest whether the object was uploaded in one part
// or many (when its ETag is no MD5).
const sumKey = "Briefs-Sum"

// rulesKey is the metadata key of the digest of the header rules an
// object was uploaded under (headers.Rules.Digest).
const rulesKey = "Briefs-Rules"

// store is a bucket, below a prefix. It is the only user of the S3 client.
type store struct {
	c      *minio.Client
	bucket string
	prefix string
	where  string // the bucket URL without its query, for messages
	rules  string // the digest of the header rules, stored with each object
	heads  atomic.Int64
}

// credentialChain is where a deploy finds its credentials: the
// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN), then the AWS shared config and credentials files
// (AWS_PROFILE, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE). Never the
// site's configuration.
func credentialChain() *credentials.Credentials {
	return credentials.NewChainCredentials([]credentials.Provider{
		&credentials.EnvAWS{},
		&credentials.FileAWSCredentials{},
	})
}

// openStore connects to the bucket of b. An http endpoint is refused
// unless it is on this machine or insecure is set.
func openStore(b config.BucketURL, insecure bool) (*store, error) {
	host, secure, lookup := "s3.amazonaws.com", true, minio.BucketLookupAuto
	if b.Endpoint != "" {
		u, _ := url.Parse(b.Endpoint)
		host, secure = u.Host, u.Scheme == "https"
		// A loopback or private endpoint has no per-bucket host names.
		lookup = minio.BucketLookupPath
	}
	if !secure && !insecure && !b.Loopback() {
		return nil, fmt.Errorf("refusing the http endpoint %s: the credentials and the site would cross the network in clear (use https, or --insecure)", b.Endpoint)
	}
	creds := credentialChain()
	if v, err := creds.GetWithContext(nil); err != nil || v.AccessKeyID == "" {
		return nil, errors.New("no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials (AWS_PROFILE)")
	}
	c, err := minio.New(host, &minio.Options{Creds: creds, Secure: secure, Region: b.Region, BucketLookup: lookup, MaxRetries: 3})
	if err != nil {
		return nil, fmt.Errorf("s3://%s: %v", b.Bucket, err)
	}
	where := "s3://" + b.Bucket + "/" + b.Prefix
	if b.Endpoint != "" {
		where += " at " + b.Endpoint
	}
	return &store{c: c, bucket: b.Bucket, prefix: b.Prefix, where: where}, nil
}

// check fails when the bucket cannot be reached, does not exist, or
// refuses the credentials.
func (s *store) check(ctx context.Context) error {
	ok, err := s.c.BucketExists(ctx, s.bucket)
	if err != nil {
		return s.explain(err)
	}
	if !ok {
		return fmt.Errorf("%s: the bucket %q does not exist", s.where, s.bucket)
	}
	return nil
}

// objects lists the objects under the prefix, with their size and ETag:
// a listing gives no metadata nor headers (see head).
func (s *store) objects(ctx context.Context) ([]Object, error) {
	var objs []Object
	for o := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix, Recursive: true}) {
		if o.Err != nil {
			return nil, s.explain(o.Err)
		}
		if o.Key == s.prefix+StateName {
			continue // the deploy state, not a file of the site
		}
		objs = append(objs, Object{Path: strings.TrimPrefix(o.Key, s.prefix), Size: o.Size, ETag: strings.Trim(o.ETag, `"`)})
	}
	return objs, nil
}

// head fills in what a listing does not give of an object: the content
// hash and header rules briefs stored with it, and its headers. It
// reports false for an object deleted since the listing.
func (s *store) head(ctx context.Context, o *Object) (bool, error) {
	s.heads.Add(1)
	info, err := s.c.StatObject(ctx, s.bucket, s.prefix+o.Path, minio.StatObjectOptions{})
	if err != nil {
		if minio.ToErrorResponse(err).Code == "NoSuchKey" {
			return false, nil
		}
		return false, s.explain(err)
	}
	o.Size = info.Size
	o.ETag = strings.Trim(info.ETag, `"`)
	o.Modified = info.LastModified
	o.Sum = info.UserMetadata[sumKey]
	o.Rules = info.UserMetadata[rulesKey]
	o.ContentType = info.ContentType
	o.CacheControl = info.Metadata.Get("Cache-Control")
	return true, nil
}

// put uploads a file with its headers and content hash.
func (s *store) put(ctx context.Context, f File, data []byte) error {
	_, err := s.c.PutObject(ctx, s.bucket, s.prefix+f.Path, bytes.NewReader(data), int64(len(data)), minio.PutObjectOptions{
		ContentType:  f.ContentType,
		CacheControl: f.CacheControl,
		UserMetadata: map[string]string{sumKey: f.Sum, rulesKey: s.rules},
	})
	if err != nil {
		return fmt.Errorf("uploading %s: %w", f.Path, s.explain(err))
	}
	return nil
}

// getState reads the state object (see state.go); found is false when
// there is none.
func (s *store) getState(ctx context.Context) (data []byte, found bool, err error) {
	obj, err := s.c.GetObject(ctx, s.bucket, s.prefix+StateName, minio.GetObjectOptions{})
	if err == nil {
		data, err = io.ReadAll(io.LimitReader(obj, maxStateBytes))
		obj.Close()
	}
	if err != nil {
		if minio.ToErrorResponse(err).Code == "NoSuchKey" {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("reading the deploy state: %w", s.explain(err))
	}
	return data, true, nil
}

// putState writes the state object.
func (s *store) putState(ctx context.Context, data []byte) error {
	_, err := s.c.PutObject(ctx, s.bucket, s.prefix+StateName, bytes.NewReader(data), int64(len(data)), minio.PutObjectOptions{
		ContentType:  "application/gzip",
		CacheControl: "no-store",
	})
	if err != nil {
		return fmt.Errorf("writing the deploy state: %w", s.explain(err))
	}
	return nil
}

// deleteState deletes the state object, before a deploy changes the
// bucket: from then until the deploy writes it again, the bucket has no
// state a deploy would trust.
func (s *store) deleteState(ctx context.Context) error {
	if err := s.c.RemoveObject(ctx, s.bucket, s.prefix+StateName, minio.RemoveObjectOptions{}); err != nil {
		return fmt.Errorf("deleting the deploy state: %w", s.explain(err))
	}
	return nil
}

// remove deletes the objects at paths, in batches.
func (s *store) remove(ctx context.Context, paths []string, deleted func(n int)) error {
	ch := make(chan minio.ObjectInfo)
	go func() {
		defer close(ch)
		for _, p := range paths {
			select {
			case ch <- minio.ObjectInfo{Key: s.prefix + p}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var first error
	for r := range s.c.RemoveObjectsWithResult(ctx, s.bucket, ch, minio.RemoveObjectsOptions{}) {
		if r.Err != nil && first == nil {
			first = fmt.Errorf("deleting %s: %w", strings.TrimPrefix(r.ObjectName, s.prefix), s.explain(r.Err))
		}
		if r.Err == nil {
			deleted(1)
		}
	}
	if first == nil {
		first = ctx.Err()
	}
	return first
}

// explain turns an error of the S3 client into one line that says what
// went wrong, naming the bucket and never a credential.
func (s *store) explain(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	resp := minio.ToErrorResponse(err)
	switch resp.Code {
	case "NoSuchBucket":
		return fmt.Errorf("%s: the bucket %q does not exist", s.where, s.bucket)
	case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "AccessDenied":
		return fmt.Errorf("%s: the credentials were refused (%s)", s.where, resp.Code)
	case "":
	default:
		msg := resp.Message
		if msg == "" {
			msg = resp.Code
		}
		return fmt.Errorf("%s: %s", s.where, oneLine(msg))
	}
	var nerr net.Error
	var uerr *url.Error
	if errors.As(err, &uerr) || errors.As(err, &nerr) {
		cause := err
		if uerr != nil {
			cause = uerr.Err
		}
		return fmt.Errorf("%s: cannot reach the store: %s", s.where, oneLine(cause.Error()))
	}
	return fmt.Errorf("%s: %s", s.where, oneLine(err.Error()))
}

// oneLine joins the lines of an error message.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// firstError returns the first non-nil error of errs: of many uploads that
// failed together, one says what went wrong.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
