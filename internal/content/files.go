package content

import (
	"errors"
	"io"
	"io/fs"
	"maps"
	"path"
	"sort"
	"strings"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/parallel"
)

// StaticDir is the folder of a site copied as is to the output root.
const StaticDir = "static"

// Files is the site's files as a build last read them: the paths of the
// briefs under content/, and the other files there (the photos of page
// bundles) and of static/, each held in memory or, when large, read on
// demand (File). A Files is never changed once
// made: Update returns a new one that shares what did not change, so a
// build may hand one out and keep reading the next.
//
// Briefs' bytes are not kept here: ReadBrief reads one, and the build
// keeps them only as long as it needs them.
type Files struct {
	Briefs  map[string]bool // paths of the briefs
	Content map[string]File // other files under content/, by path
	Static  map[string]File // files under static/, by their path there: "robots.txt"
}

// ReadFiles lists the briefs of the site in fsys and reads its other
// content files and its static files, but for the large ones, of which it
// keeps the status.
func ReadFiles(fsys fs.FS) (*Files, error) {
	f := &Files{}
	briefs, others, err := Walk(fsys, Dir)
	if err != nil {
		return nil, err
	}
	f.Briefs = make(map[string]bool, len(briefs))
	for _, p := range briefs {
		f.Briefs[p] = true
	}
	if f.Content, err = readAll(fsys, others); err != nil {
		return nil, err
	}
	if f.Static, err = readStatic(fsys, nil, nil); err != nil {
		return nil, err
	}
	return f, nil
}

// Update returns the files of the site after the slash paths in changed
// changed, reading only those: an edit does not walk a large archive. f
// itself is left as it was.
func (f *Files) Update(fsys fs.FS, changed []string) (*Files, error) {
	next := &Files{Briefs: maps.Clone(f.Briefs), Content: maps.Clone(f.Content), Static: f.Static}
	staticChanged := false
	for _, p := range changed {
		if strings.HasPrefix(p, StaticDir+"/") || p == StaticDir {
			staticChanged = true
		}
		if !strings.HasPrefix(p, Dir+"/") || Hidden(p) {
			continue
		}
		info, err := Stat(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// A file or a whole folder went away.
			delete(next.Briefs, p)
			delete(next.Content, p)
			maps.DeleteFunc(next.Briefs, func(q string, _ bool) bool { return strings.HasPrefix(q, p+"/") })
			maps.DeleteFunc(next.Content, func(q string, _ File) bool { return strings.HasPrefix(q, p+"/") })
		case err != nil:
			return nil, err
		case info.IsDir():
			briefs, others, err := Walk(fsys, p)
			if err != nil {
				return nil, err
			}
			for _, q := range briefs {
				next.Briefs[q] = true
			}
			for _, q := range others {
				if next.Content[q], err = readFile(fsys, q); err != nil {
					return nil, err
				}
			}
		case strings.HasSuffix(p, ".md"):
			next.Briefs[p] = true
		case info.Mode().IsRegular():
			if next.Content[p], err = readFile(fsys, p); err != nil {
				return nil, err
			}
		}
	}
	if staticChanged {
		var err error
		if next.Static, err = readStatic(fsys, f.Static, changed); err != nil {
			return nil, err
		}
	}
	return next, nil
}

// Gone reports whether p, under content/, is not there and was not there
// when f was read either: no file nor folder of the site, such as an
// editor's temporary file written and renamed away.
func (f *Files) Gone(fsys fs.FS, p string) bool {
	if !strings.HasPrefix(p, Dir+"/") || f.Briefs[p] {
		return false
	}
	if _, ok := f.Content[p]; ok {
		return false
	}
	if _, err := Stat(fsys, p); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	prefix := p + "/"
	for q := range f.Briefs {
		if strings.HasPrefix(q, prefix) {
			return false
		}
	}
	for q := range f.Content {
		if strings.HasPrefix(q, prefix) {
			return false
		}
	}
	return true
}

// BriefPaths returns the paths of the briefs, sorted: the Markdown files
// but the standalone pages (PagePaths).
func (f *Files) BriefPaths() []string {
	paths := make([]string, 0, len(f.Briefs))
	for p := range f.Briefs {
		if !IsPage(p) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths
}

// readStatic reads static/: every file, or with changed set, only the
// changed ones, taking the others from old. It returns output path →
// content. Its symbolic links are held to the rules of content/ (Walk):
// followed to a file inside the site, refused with a message otherwise.
func readStatic(fsys fs.FS, old map[string]File, changed []string) (map[string]File, error) {
	dirty := map[string]bool{}
	for _, p := range changed {
		dirty[p] = true
	}
	pages, files, err := Walk(fsys, StaticDir)
	if err != nil {
		return nil, err
	}
	next := make(map[string]File, len(pages)+len(files))
	for _, list := range [][]string{pages, files} {
		for _, p := range list {
			out := strings.TrimPrefix(p, StaticDir+"/")
			if data, ok := old[out]; ok && changed != nil && !dirty[p] {
				next[out] = data
				continue
			}
			if next[out], err = readFile(fsys, p); err != nil {
				return nil, err
			}
		}
	}
	return next, nil
}

// ReadBrief reads a brief file that Walk listed, or that Stat accepted as
// changed: they refuse the symbolic links they refuse before a path gets
// here, and a build's fsys opens nothing outside the site. A file larger
// than opts allow is refused before it is read.
func ReadBrief(fsys fs.FS, p string, opts Options) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		// Replaced by a folder or a pipe since the walk.
		return nil, diag.Errorf(diag.Pos{File: p}, "not a file: briefs reads only regular files")
	}
	if err := CheckSize(p, info.Size(), opts); err != nil {
		return nil, err
	}
	// The file may grow after Stat: read no more than one byte too many.
	limit := int64(opts.MaxBriefBytes)
	if limit <= 0 {
		limit = config.DefaultMaxBriefBytes
	}
	data, err := readAtMost(f, min(info.Size(), limit)+1, limit+1)
	if err == nil {
		err = CheckSize(p, int64(len(data)), opts)
	}
	return data, err
}

// readAtMost reads r to its end, or to limit bytes, into a buffer of size
// bytes to start with: the size Stat gave, plus one to see the end, so that
// a brief is held in memory at its size (io.ReadAll would grow a buffer up
// to twice that).
func readAtMost(r io.Reader, size, limit int64) ([]byte, error) {
	r = io.LimitReader(r, limit)
	data := make([]byte, 0, max(size, 512))
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew since Stat
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// CheckPhoto reports a bundle photo of src whose file is missing. A file
// of files, as last read, is there without asking fsys.
func CheckPhoto(fsys fs.FS, files *Files, src *Source) error {
	p := src.Front.Photo
	if p == nil || src.Bundle == "" || strings.Contains(p.Src, "://") || strings.HasPrefix(p.Src, "/") {
		return nil
	}
	file := path.Join(src.Bundle, p.Src)
	if files != nil {
		if _, ok := files.Content[file]; ok {
			return nil
		}
	}
	if _, err := fs.Stat(fsys, file); err != nil {
		return diag.Errorf(src.KeyPos("photo", "src"), "photo %q not found: expected %s", p.Src, file)
	}
	return nil
}

// readAll reads the files at paths, but the large ones (readFile), on
// every core: a site has thousands of photos.
func readAll(fsys fs.FS, paths []string) (map[string]File, error) {
	data := make([]File, len(paths))
	errs := make([]error, len(paths))
	parallel.For(len(paths), func(i int) { data[i], errs[i] = readFile(fsys, paths[i]) })
	files := make(map[string]File, len(paths))
	for i, p := range paths {
		if errs[i] != nil {
			return nil, errs[i]
		}
		files[p] = data[i]
	}
	return files, nil
}

// Hidden reports whether a path has an element starting with a dot, which
// Walk skips.
func Hidden(p string) bool {
	for _, el := range strings.Split(p, "/") {
		if strings.HasPrefix(el, ".") {
			return true
		}
	}
	return false
}
