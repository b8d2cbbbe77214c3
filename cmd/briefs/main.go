// Command briefs builds, previews and checks a static site of news briefs.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/briefs-dev/briefs/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
