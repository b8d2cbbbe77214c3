package check

import (
	"context"
	"fmt"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/site"
)

// InBuild runs the rules in a build, as its Options.Check: their findings
// are the build's warnings, or with Strict, errors that fail it.
type InBuild struct{ Strict bool }

// Check runs the rules over the briefs a build publishes.
func (c InBuild) Check(ctx context.Context, cfg *config.Config, briefs []*site.Brief, now time.Time) (warnings []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("check rules: internal error: %v", p)
		}
	}()
	findings, err := Run(ctx, Input{Config: cfg, Briefs: briefs}, Options{Now: now, Strict: c.Strict})
	if err != nil {
		return nil, err
	}
	var errs diag.List
	for _, f := range findings {
		if c.Strict && f.Severity == Error {
			errs.Add(&diag.Error{Pos: f.Pos, Msg: f.Rule + ": " + f.Message})
			continue
		}
		f.Severity = Warning // the build goes on
		warnings = append(warnings, f.String())
	}
	return warnings, errs.Err()
}

// NextChange is NextChange, for a build.
func (c InBuild) NextChange(cfg *config.Config, briefs []*site.Brief, now time.Time) time.Time {
	return NextChange(cfg, briefs, now)
}
