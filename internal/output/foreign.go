package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// foreignFiles returns the files of dest, slash paths sorted, for a folder
// that no build wrote (it has no manifest): what Commit removes when
// Options.Force replaces it. Folders are not listed, only what is in them.
func foreignFiles(dest string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dest, p)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if os.IsNotExist(err) {
		return nil, nil
	}
	sort.Strings(files)
	return files, err
}

// Replaced returns the files of a folder that no build wrote and that
// Options.Force let this Writer replace, slash paths sorted: those that
// Commit removes, or overwrites with a file of the new output. A file
// that KeepIfAbsent kept is not among them. It is empty for a folder that
// a build wrote, or that was empty.
func (w *Writer) Replaced() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, p := range w.foreign {
		if r, ok := w.files[p]; ok && r.key == keptKey {
			continue
		}
		out = append(out, p)
	}
	return out
}
