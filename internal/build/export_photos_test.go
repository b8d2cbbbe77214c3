package build

import "github.com/briefs-dev/briefs/internal/images"

// Images returns the Builder's photo processor, nil before a build.
func (b *Builder) Images() *images.Processor { return b.images }
