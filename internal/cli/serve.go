package cli

import (
	"context"
	"flag"
	"fmt"
)

type serveFlags struct {
	siteFlags
	host         string
	port         int
	open         bool
	noLiveReload bool
}

func (f *serveFlags) register(fs *flag.FlagSet) {
	f.siteFlags.register(fs)
	fs.StringVar(&f.host, "host", "127.0.0.1", "the address to listen on")
	fs.IntVar(&f.port, "port", 1313, "the port to listen on")
	fs.BoolVar(&f.open, "open", false, "open the site in the default browser")
	fs.BoolVar(&f.noLiveReload, "no-live-reload", false, "do not reload pages when files change")
}

func runServe(ctx context.Context, e *env, args []string) int {
	fmt.Fprintln(e.stderr, "briefs serve: not built yet")
	return ExitFail
}
