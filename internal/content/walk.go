package content

import (
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/slug"
	"github.com/briefs-dev/briefs/internal/walk"
)

// Walk lists the briefs (*.md) and the other files under dir in fsys, each
// sorted by path. Hidden files and folders (".git", ".DS_Store") are skipped.
//
// A symbolic link is listed as the file it leads to when that is a regular
// file inside fsys; a link that leads out of the site (os.DirFS would follow
// it anywhere), to a folder, or nowhere is an error. So are two paths that
// differ only in case: macOS, Windows and many static hosts would make
// them one file; and a name Windows reserves for a device (slug.Reserved). The error is a diag.List naming each such path; the lists
// still hold every other file.
func Walk(fsys fs.FS, dir string) (briefs, files []string, err error) {
	var errs diag.List
	if info, err := fs.Lstat(fsys, dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if _, _, err := resolveLink(fsys, dir); err != nil {
			errs.Add(err)
			return nil, nil, errs.Err()
		}
	}
	var mu sync.Mutex // walk.Dir calls on several goroutines
	err = walk.Dir(fsys, dir, func(p string, d fs.DirEntry) error {
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if slug.Reserved(d.Name()) {
			mu.Lock()
			errs.Add(reservedName(p))
			mu.Unlock()
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		regular := d.Type().IsRegular()
		var linkErr error
		if d.Type()&fs.ModeSymlink != 0 {
			if _, linkErr = linkedFile(fsys, p); linkErr == nil {
				regular = true
			}
		}
		mu.Lock()
		defer mu.Unlock()
		switch {
		case linkErr != nil:
			errs.Add(linkErr)
		case d.IsDir():
		case strings.HasSuffix(p, ".md") && regular:
			briefs = append(briefs, p)
		case regular:
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(briefs)
	sort.Strings(files)
	if err != nil {
		return briefs, files, err
	}
	errs.Add(caseCollisions(briefs, files))
	return briefs, files, errs.Err()
}

// Stat is fs.Stat for a file under content/ as Walk sees it, for a caller
// told that one path changed: a symbolic link is followed only to a regular
// file inside fsys, and a path inside a linked folder (but content/ itself)
// is refused, as is a name Windows reserves, each with the error Walk gives.
func Stat(fsys fs.FS, name string) (fs.FileInfo, error) {
	if p := firstReserved(name); p != "" {
		return nil, reservedName(p)
	}
	for d := path.Dir(name); d != "." && d != Dir && d != "/"; d = path.Dir(d) {
		if info, err := fs.Lstat(fsys, d); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			return nil, diag.Errorf(diag.Pos{File: name}, "inside %s, a symbolic link to a folder: briefs does not follow those; move the folder here instead", d)
		}
	}
	info, err := fs.Lstat(fsys, name)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return info, err
	}
	return linkedFile(fsys, name)
}

// linkedFile returns what the symbolic link name leads to, when that is a
// regular file inside fsys, or the error that says why it is refused.
func linkedFile(fsys fs.FS, name string) (fs.FileInfo, error) {
	_, info, err := resolveLink(fsys, name)
	switch {
	case err != nil:
		return nil, err
	case info.IsDir():
		return nil, diag.Errorf(diag.Pos{File: name}, "symbolic link to a folder: briefs does not follow those; move the folder here instead")
	case !info.Mode().IsRegular():
		return nil, diag.Errorf(diag.Pos{File: name}, "symbolic link to something that is not a file")
	}
	return info, nil
}

// maxLinks is how many symbolic links in a row resolveLink follows.
const maxLinks = 40

// resolveLink follows the symbolic link name inside fsys and returns the
// path it leads to and what is there. Only links that stay inside fsys are
// followed: an absolute target, a relative one that climbs above fsys's
// root, or a path through another linked folder is refused, as is a link
// that cannot be read (fsys must implement fs.ReadLinkFS).
func resolveLink(fsys fs.FS, name string) (string, fs.FileInfo, error) {
	pos := diag.Pos{File: name}
	cur := name
	for range maxLinks {
		dest, err := fs.ReadLink(fsys, cur)
		if err != nil {
			return "", nil, diag.Errorf(pos, "symbolic link that cannot be followed safely: %v", err)
		}
		next := path.Join(path.Dir(cur), dest)
		if strings.HasPrefix(dest, "/") || strings.ContainsAny(dest, `\:`) || !fs.ValidPath(next) {
			return "", nil, diag.Errorf(pos, "symbolic link to %s leads outside the site: briefs reads only files inside it", quoteShort(dest))
		}
		for d := path.Dir(next); d != "."; d = path.Dir(d) {
			if info, err := fs.Lstat(fsys, d); err == nil && info.Mode()&fs.ModeSymlink != 0 {
				return "", nil, diag.Errorf(pos, "symbolic link to %s passes through %s, another link: link to the file itself", quoteShort(dest), d)
			}
		}
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", nil, diag.Errorf(pos, "symbolic link to %s leads nowhere: %s does not exist", quoteShort(dest), next)
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return next, info, nil
		}
		cur = next
	}
	return "", nil, diag.Errorf(pos, "symbolic link through more than %d links", maxLinks)
}

// firstReserved returns the shortest leading part of name, below
// content/, whose last element is a name Windows reserves, or "".
func firstReserved(name string) string {
	found := ""
	for p := name; p != "." && p != Dir && p != "/"; p = path.Dir(p) {
		if slug.Reserved(path.Base(p)) {
			found = p
		}
	}
	return found
}

// reservedName is the error for the path p whose last element is a name
// Windows reserves for a device.
func reservedName(p string) error {
	return diag.Errorf(diag.Pos{File: p}, "%q is a name Windows reserves for a device (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension and in any case): the file cannot be checked out or served there; rename it", path.Base(p))
}

// caseCollisions reports each path that differs from another only in case
// (or Unicode normal form).
func caseCollisions(lists ...[]string) error {
	var errs diag.List
	seen := map[string]string{}
	for _, list := range lists {
		for _, p := range list {
			key := slug.Fold(p)
			if other, ok := seen[key]; ok {
				a, b := min(p, other), max(p, other)
				errs.Addf(diag.Pos{File: b}, "differs only in case from %s: the two are one file on macOS, Windows and many static hosts; rename one", a)
				continue
			}
			seen[key] = p
		}
	}
	return errs.Err()
}
