//go:build !linux

package output

// syncTreeFast is syncfs where the system has it; here it has not.
func syncTreeFast(string) (ok bool, err error) { return false, nil }
