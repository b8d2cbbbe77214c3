package output

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// readManifest returns the previous build's hashes by path. A folder that
// does not exist or is empty has none; a non-empty folder without a manifest
// was not made by a build and is refused unless force is set.
func readManifest(dest string, force bool) (files map[string]record, memo string, err error) {
	entries, err := os.ReadDir(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	f, err := os.Open(filepath.Join(dest, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		if len(entries) > 0 && !force {
			return nil, "", fmt.Errorf("%s is not empty and was not written by briefs: refusing to replace it (choose another destination, empty it, or force)", dest)
		}
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	files = map[string]record{}
	var memoLines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	versioned := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == manifestHeader:
			versioned = true
			continue
		case strings.HasPrefix(line, memoPrefix):
			memoLines = append(memoLines, strings.TrimPrefix(line, memoPrefix))
			continue
		}
		text, rest, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		h, ok := parseSum(text)
		if !ok {
			continue // the file is written again
		}
		var key uint64
		if versioned {
			// Since the header: "hash key path". Before it: "hash path".
			k, p, ok := strings.Cut(rest, " ")
			if !ok {
				continue
			}
			key, _ = strconv.ParseUint(k, 16, 64)
			rest = p
		}
		files[rest] = record{sum: h, key: key}
	}
	return files, strings.Join(memoLines, "\n"), sc.Err()
}

// removeLeftovers deletes temporary folders of builds that were killed and
// old outputs that could not be removed before, and returns a warning for
// each that it cannot remove either.
func removeLeftovers(parent, base string) (warnings []string) {
	for _, pattern := range []string{"." + base + ".tmp-*", "." + base + ".old-*"} {
		matches, _ := filepath.Glob(filepath.Join(parent, pattern))
		for _, m := range matches {
			if err := os.RemoveAll(m); err != nil {
				warnings = append(warnings, leftoverWarning(m, err))
			}
		}
	}
	return warnings
}

// leftoverWarning says that the folder dir, an old output, stays after err.
func leftoverWarning(dir string, err error) string {
	return fmt.Sprintf("the previous output stays in %s, which could not be removed: %v; the next build tries again", dir, err)
}
