package output

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// File is one file of a built output, as the build that wrote it recorded
// it in the manifest.
type File struct {
	Path string // slash path in the output folder
	Sum  string // what Sum returns of its bytes
	Size int64
}

// Files returns the files of the output folder dest, sorted by path, as
// the last build recorded them. A folder that no build wrote is an error.
func Files(dest string) ([]File, error) {
	files, _, err := FilesAndMemo(dest)
	return files, err
}

// FilesAndMemo returns what Files and ReadMemo return, from one reading of
// the manifest.
func FilesAndMemo(dest string) ([]File, string, error) {
	if _, err := os.Stat(filepath.Join(dest, ManifestName)); err != nil {
		return nil, "", fmt.Errorf("%s was not written by briefs build (no %s): build first", dest, ManifestName)
	}
	recs, memo, err := readManifest(dest, false)
	if err != nil {
		return nil, "", err
	}
	files := make([]File, 0, len(recs))
	for p, r := range recs {
		files = append(files, File{Path: p, Sum: r.sum.String(), Size: r.sum.size})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, memo, nil
}

// Sum returns the content hash of data as File.Sum gives it.
func Sum(data []byte) string { return sum(data).String() }

// keptKey is the key of a file that KeepIfAbsent kept.
const keptKey = 0x6b657074 // "kept"

// KeepIfAbsent carries the previous output's file at name (a slash path)
// into the new output unless the new output has one: GitHub Pages'
// CNAME, which a site may have set in its repository's settings (which
// commit it into the folder) rather than in its configuration. A file
// that an earlier build wrote itself is not kept: it went with what made
// it. It is meant for the end of a build, before Commit, and reads the
// file even from a folder that no build wrote.
func (w *Writer) KeepIfAbsent(name string) error {
	w.mu.Lock()
	_, has := w.files[name]
	w.mu.Unlock()
	if prev, ok := w.old[name]; has || (ok && prev.key != keptKey) {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(w.dest, filepath.FromSlash(name)))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return w.Add(name, keptKey, data)
}
