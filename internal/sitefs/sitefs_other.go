//go:build !linux

package sitefs

import (
	"io/fs"
	"os"
)

// beneath is Linux's; elsewhere the os.Root does everything.
func beneath(*os.Root) (fs.FS, func() error, bool) { return nil, nil, false }
