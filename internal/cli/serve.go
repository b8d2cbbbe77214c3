package cli

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os/exec"
	"runtime"

	"github.com/briefs-dev/briefs/internal/serve"
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
	fs.IntVar(&f.port, "port", 1313, "the port to listen on (0 picks a free one)")
	fs.BoolVar(&f.open, "open", false, "open the site in the default browser")
	fs.BoolVar(&f.noLiveReload, "no-live-reload", false, "do not reload pages when files change")
}

func runServe(ctx context.Context, e *env, args []string) int {
	c := find("serve")
	var f serveFlags
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	f.register(fs)
	if code, ok := parseSiteCommand(e, c, fs, args, &f.siteFlags); !ok {
		return code
	}
	if f.port < 0 || f.port > 65535 {
		return usageError(e, c, "--port %d is not a port number", f.port)
	}
	if ip := net.ParseIP(f.host); f.host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(e.stderr, "WARNING: serving on %s makes your drafts readable from other machines on the network.\n", f.host)
	}
	srv, err := serve.Start(ctx, serve.Options{
		Source:     f.source,
		Host:       f.host,
		Port:       f.port,
		Drafts:     f.drafts,
		Future:     f.future,
		LiveReload: !f.noLiveReload,
		Log:        e.stderr,
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs serve: %v\n", err) // a taken port says so, with --port
		return ExitFail
	}
	fmt.Fprintf(e.stdout, "Serving the site at %s (Ctrl-C to stop)\n", srv.URL)
	if f.open {
		if err := openBrowser(srv.URL); err != nil {
			fmt.Fprintf(e.stderr, "briefs serve: cannot open a browser: %v\n", err)
		}
	}
	select {
	case <-ctx.Done():
	case <-srv.Done():
	}
	if err := srv.Close(); err != nil {
		fmt.Fprintf(e.stderr, "briefs serve: %v\n", err)
		return ExitFail
	}
	fmt.Fprintln(e.stderr, "Stopped.")
	return ExitOK
}

// openBrowser opens url with the desktop's default browser.
func openBrowser(url string) error {
	var cmd string
	switch runtime.GOOS {
	case "darwin":
		cmd = "open"
	case "windows":
		return exec.Command("rundll32", "url.dll,FileProtocolHandler", url).Start()
	default:
		cmd = "xdg-open"
	}
	path, err := exec.LookPath(cmd)
	if err != nil {
		return fmt.Errorf("no %s on this machine", cmd)
	}
	return exec.Command(path, url).Start()
}
