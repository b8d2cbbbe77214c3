//go:build !linux

package output

func swap(tmp, dest string) (old string, err error) { return swapByRename(tmp, dest) }
