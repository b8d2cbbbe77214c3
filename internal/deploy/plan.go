package deploy

import (
	"path"
	"sort"
	"strings"
	"time"
)

// Stage is a step of a deploy; each ends before the next begins, so that
// a reader never gets a page whose stylesheet or photo is not there yet,
// nor a list that links to a brief not yet uploaded.
type Stage int

// The stages of a deploy, in order.
const (
	StageAssets  Stage = iota // stylesheets, scripts, images, fonts
	StageBriefs               // each brief's page and JSON
	StageLists                // home, lists, feeds, sitemaps, search index
	StageDeletes              // files the output no longer has
	numStages
)

func (s Stage) String() string {
	return [...]string{"assets and images", "brief pages", "lists, feeds and sitemaps", "deletes"}[s]
}

// StageOf returns the stage in which the output file at p is uploaded.
func StageOf(p string) Stage {
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".xml", ".json", ".txt":
		if strings.HasPrefix(p, "briefs/") {
			return StageBriefs
		}
		return StageLists
	case "":
		return StageLists // CNAME, _headers, _redirects: read by the host, not linked
	}
	return StageAssets
}

// File is a file of the output as it must be in the bucket.
type File struct {
	Path         string // slash path in the output, the key below the prefix
	Sum          string // content hash, as the build's manifest records it
	MD5          string // hex MD5 of its bytes: the ETag of a single-part upload
	Size         int64
	ContentType  string
	CacheControl string
}

// Object is an object under the target's prefix as the bucket has it.
type Object struct {
	Path         string // its key, the prefix cut off
	Size         int64
	ETag         string // as the listing gives it, without quotes
	Sum          string // the content hash briefs stored with it; "" if briefs did not write it
	Rules        string // the digest of the header rules it was uploaded under
	ContentType  string
	CacheControl string
	Modified     time.Time // as a HEAD gives it; the listing's is not used
}

// Plan is what a deploy does: the uploads of each stage, then the deletes.
type Plan struct {
	Uploads   [StageDeletes][]File
	Deletes   []string // paths, sorted
	Unchanged int      // files the bucket already has, with the same headers
	// Foreign counts objects under the prefix that briefs did not write and
	// the output does not have: they are left alone unless forced.
	Foreign []string
	// Last is uploaded after every stage, before the deletes: see
	// sentinel.
	Last *File

	lookup map[string]File // the files, by path
}

// Diff plans the deploy of files to a bucket that has objects. An object
// that briefs did not write is deleted only when force is set.
func Diff(files []File, objects []Object, force bool) Plan {
	have := make(map[string]Object, len(objects))
	for _, o := range objects {
		have[o.Path] = o
	}
	p := Plan{lookup: make(map[string]File, len(files))}
	for _, f := range files {
		p.lookup[f.Path] = f
		o, ok := have[f.Path]
		delete(have, f.Path)
		if ok && o.Sum == f.Sum && o.Sum != "" && o.Size == f.Size && o.ContentType == f.ContentType && o.CacheControl == f.CacheControl {
			p.Unchanged++
			continue
		}
		s := StageOf(f.Path)
		p.Uploads[s] = append(p.Uploads[s], f)
	}
	for key, o := range have {
		if o.Sum != "" || force {
			p.Deletes = append(p.Deletes, key)
		} else {
			p.Foreign = append(p.Foreign, key)
		}
	}
	sort.Strings(p.Deletes)
	sort.Strings(p.Foreign)
	return p
}

// UploadCount is the number of files to upload.
func (p *Plan) UploadCount() int {
	n := 0
	for _, u := range p.Uploads {
		n += len(u)
	}
	if p.Last != nil {
		n++
	}
	return n
}

// UploadBytes is the number of bytes to upload.
func (p *Plan) UploadBytes() int64 {
	var n int64
	for _, u := range p.Uploads {
		for _, f := range u {
			n += f.Size
		}
	}
	if p.Last != nil {
		n += p.Last.Size
	}
	return n
}

// holdBack takes the file at path out of the stages, to be uploaded last,
// after every other: always when it is to be uploaded, and also when
// restamp is set, as when the header rules changed, though it did not.
func (p *Plan) holdBack(path string, restamp bool) {
	for s, files := range p.Uploads {
		for i, f := range files {
			if f.Path == path {
				p.Last = &f
				p.Uploads[s] = append(files[:i:i], files[i+1:]...)
				return
			}
		}
	}
	if restamp && path != "" && p.lookup != nil {
		if f, ok := p.lookup[path]; ok {
			p.Last = &f
			p.Unchanged--
		}
	}
}
