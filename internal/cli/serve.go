package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os/exec"
	"runtime"
	"strconv"
	"strings"

	"github.com/briefs-dev/briefs/internal/serve"
)

type serveFlags struct {
	siteFlags
	host         string
	port         int
	open         bool
	noLiveReload bool
	allowHosts   []string
	at           atFlag
	cacheDir     string
}

func (f *serveFlags) register(flags *flag.FlagSet) {
	f.siteFlags.register(flags)
	flags.StringVar(&f.host, "host", "127.0.0.1", "the address to listen on; any but loopback lets the network read the preview")
	flags.IntVar(&f.port, "port", 1313, "the port to listen on (0 picks a free one)")
	flags.BoolVar(&f.open, "open", false, "open the site in the default browser")
	flags.BoolVar(&f.noLiveReload, "no-live-reload", false, "do not reload pages when files change")
	registerAt(flags, &f.at)
	flags.StringVar(&f.cacheDir, "cache-dir", "", "keep processed photos in `folder` (default: [images] cache_dir, else the user's cache folder)")
	flags.Func("allow-host", "another host name browsers may use for the server, such as mylaptop.lan (repeat, or separate with commas)", func(v string) error {
		for _, name := range strings.Split(v, ",") {
			if err := serve.CheckAllowedHost(name); err != nil {
				return err
			}
			f.allowHosts = append(f.allowHosts, name)
		}
		return nil
	})
}

func runServe(ctx context.Context, e *env, args []string) int {
	c := find("serve")
	var f serveFlags
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	f.register(flags)
	if code, ok := parseSiteCommand(e, c, flags, args, &f.siteFlags); !ok {
		return code
	}
	if f.port < 0 || f.port > 65535 {
		return usageError(e, c, "--port %d is not a port number", f.port)
	}
	public := !isLoopbackHost(f.host)
	if public {
		// Before the first build, which can take a while: the first thing
		// on the screen.
		warnPublic(e.stderr, &f)
	}
	srv, err := serve.Start(ctx, serve.Options{
		Source:       f.source,
		Host:         f.host,
		Port:         f.port,
		AllowedHosts: f.allowHosts,
		Drafts:       f.drafts,
		Future:       f.future,
		Now:          f.at.now,
		LiveReload:   !f.noLiveReload,
		CacheDir:     f.cacheDir,
		Log:          e.stderr,
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs serve: %v\n", err) // a taken port says so, with --port
		return ExitFail
	}
	fmt.Fprintf(e.stdout, "Serving the site at %s (Ctrl-C to stop)\n", srv.URL)
	if public {
		for _, u := range networkURLs(srv.Addr(), srv.URL) {
			fmt.Fprintf(e.stdout, "  on the network: %s\n", u)
		}
	}
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

// isLoopbackHost reports whether the listen address host is reachable from
// this machine only.
func isLoopbackHost(host string) bool {
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return strings.EqualFold(host, "localhost") || ip != nil && ip.IsLoopback()
}

// warnPublic says, loudly, that serving on f.host lets other machines read
// the preview, and what that shows them.
func warnPublic(w io.Writer, f *serveFlags) {
	where := net.JoinHostPort(strings.Trim(f.host, "[]"), strconv.Itoa(f.port))
	if f.port == 0 {
		where = f.host + " on a free port"
	}
	if ip := net.ParseIP(strings.Trim(f.host, "[]")); ip != nil && ip.IsUnspecified() {
		where += " (every network interface)"
	}
	shown := []string{"every brief as you edit it, before it is published"}
	if f.drafts {
		shown = append(shown, "drafts (--drafts)")
	}
	if f.future {
		shown = append(shown, "briefs dated in the future (--future)")
	}
	shown = append(shown, "build errors with lines of your source files")
	fmt.Fprintf(w, "WARNING: serving on %s: anyone who can reach this machine on the network can read the preview:\n", where)
	for _, s := range shown {
		fmt.Fprintf(w, "WARNING:   - %s\n", s)
	}
	fmt.Fprintf(w, "WARNING: leave out --host to serve this machine only (127.0.0.1).\n")
}

// networkURLs returns the URLs at which other machines may open the site
// served at siteURL from addr: one per address of this machine, when addr
// is every interface.
func networkURLs(addr net.Addr, siteURL string) []string {
	tcp, ok := addr.(*net.TCPAddr)
	u, err := url.Parse(siteURL)
	if !ok || err != nil {
		return nil
	}
	ips := []net.IP{tcp.IP}
	if tcp.IP.IsUnspecified() {
		ips = nil
		addrs, _ := net.InterfaceAddrs()
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || tcp.IP.To4() != nil && n.IP.To4() == nil {
				continue
			}
			ips = append(ips, n.IP)
		}
	}
	var urls []string
	for _, ip := range ips {
		u.Host = net.JoinHostPort(ip.String(), strconv.Itoa(tcp.Port))
		urls = append(urls, u.String())
	}
	return urls
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
