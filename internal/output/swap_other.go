//go:build !linux

package output

func swap(tmp, dest string) error { return swapByRename(tmp, dest) }
