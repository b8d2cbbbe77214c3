package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAllowedHost pins the rule of the DNS-rebinding guard for each way of
// binding the server: names an attacker cannot own, and IP addresses when
// the server listens beyond loopback.
func TestAllowedHost(t *testing.T) {
	hostname, _ := os.Hostname()
	hostname = strings.ToLower(hostname)
	type check struct {
		host string
		want bool
	}
	always := []check{
		{"localhost:1313", true},
		{"LocalHost:1313", true},
		{"localhost.:1313", true},
		{"news.localhost:1313", true},
		{"127.0.0.1:1313", true},
		{"127.0.0.2:1313", true},
		{"[::1]:1313", true},
		{"localhost:1314", false}, // another port: another server's name
		{"localhost", false},      // port 80
		{"", false},
		{":1313", false},
		{"evil.example:1313", false},
		{"localhost.evil.example:1313", false},
		{"127.0.0.1.nip.io:1313", false},
		{"[::1]:80", false},
	}
	tests := []struct {
		name   string
		opts   Options
		checks []check
	}{
		{"loopback", Options{Host: "127.0.0.1"}, []check{
			{"192.168.1.20:1313", false},
			{"[fe80::1]:1313", false},
			{hostname + ":1313", hostname == "localhost"},
			{"preview.lan:1313", false},
		}},
		{"localhost", Options{Host: "localhost"}, []check{
			{"192.168.1.20:1313", false},
		}},
		{"all interfaces", Options{Host: "0.0.0.0"}, []check{
			{"192.168.1.20:1313", true},
			{"10.0.0.5:1313", true},
			{"[fe80::1]:1313", true},
			{"[2001:db8::5]:1313", true},
			{"0.0.0.0:1313", true},
			{hostname + ":1313", true},
			{"192.168.1.20:8080", false},
			{"preview.lan:1313", false},
			{"192.168.1.20.nip.io:1313", false},
		}},
		{"all IPv6 interfaces", Options{Host: "::"}, []check{
			{"192.168.1.20:1313", true},
			{"[::]:1313", true},
		}},
		{"one LAN address", Options{Host: "192.168.1.20"}, []check{
			{"192.168.1.20:1313", true},
			{"10.8.0.2:1313", true}, // a VPN or a port forward in front of it
			{"preview.lan:1313", false},
		}},
		{"allowed names", Options{Host: "127.0.0.1", AllowedHosts: []string{"Preview.Newsroom.Lan", "[fd00::7]"}}, []check{
			{"preview.newsroom.lan:1313", true},
			{"PREVIEW.NEWSROOM.LAN.:1313", true},
			{"[fd00::7]:1313", true},
			{"newsroom.lan:1313", false},
			{"preview.newsroom.lan:1314", false},
			{"192.168.1.20:1313", false},
		}},
		{"a host name", Options{Host: "mylaptop.lan"}, []check{
			{"mylaptop.lan:1313", true},
			{"MyLaptop.lan:1313", true},
			{"192.168.1.20:1313", true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Server{opts: tt.opts, port: "1313", names: hostNames(tt.opts)}
			for _, c := range append(append([]check(nil), always...), tt.checks...) {
				if got := s.allowedHost(c.host); got != c.want {
					t.Errorf("allowedHost(%q) = %v, want %v", c.host, got, c.want)
				}
			}
		})
	}
}

func TestCheckAllowedHost(t *testing.T) {
	for _, tt := range []struct {
		name string
		ok   bool
	}{
		{"preview.lan", true},
		{"MyLaptop.local", true},
		{"my_laptop", true},
		{"192.168.1.20", true},
		{"fd00::7", true},
		{"[fd00::7]", true},
		{"", false},
		{"preview.lan:1313", false},
		{"192.168.1.20:1313", false},
		{"[fd00::7]:1313", false},
		{"http://preview.lan", false},
		{"preview.lan/", false},
		{"*", false},
		{"*.lan", false},
		{".lan", false},
		{"preview..lan", false},
		{"pre view", false},
		{strings.Repeat("a", 254), false},
	} {
		if err := CheckAllowedHost(tt.name); (err == nil) != tt.ok {
			t.Errorf("CheckAllowedHost(%q) = %v, want ok: %v", tt.name, err, tt.ok)
		}
	}
}

// TestStartErrors: options the server cannot run with are errors that say
// what is wrong, and Start leaves nothing running.
func TestStartErrors(t *testing.T) {
	dir := newSite(t)
	for _, tt := range []struct {
		name string
		opts Options
		want string
	}{
		{"allowed host with a port", Options{AllowedHosts: []string{"preview.lan:1313"}}, `allowed host "preview.lan:1313" has a port`},
		{"allowed host that is no name", Options{AllowedHosts: []string{"http://x"}}, "is not a host name"},
		{"address of another machine", Options{Host: "192.0.2.1"}, "192.0.2.1 is not an address of this machine"},
		{"no such site", Options{Source: filepath.Join(dir, "missing")}, "opening the site"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			if opts.Source == "" {
				opts.Source = dir
			}
			s, err := Start(context.Background(), opts)
			if err == nil {
				s.Close()
				t.Fatalf("Start succeeded, want an error saying %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Start: %v, want it to say %q", err, tt.want)
			}
		})
	}
}
