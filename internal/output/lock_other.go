//go:build !unix

package output

// lockFolder does nothing where there is no flock.
func lockFolder(dir string) (unlock func(), err error) { return func() {}, nil }
