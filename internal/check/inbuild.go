package check

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/site"
)

// InBuild runs the rules in a build, as its Options.Check: their findings
// of severity error fail it, as they fail briefs check, and the others are
// its warnings; with Strict, every finding fails it, as with briefs check
// --strict.
type InBuild struct{ Strict bool }

// Check runs the rules over briefs, every brief the build loaded, and
// keeps the findings on those it publishes.
func (c InBuild) Check(ctx context.Context, cfg *config.Config, briefs []*site.Brief, publishes func(*site.Brief) bool, now time.Time) (warnings []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("check rules: internal error: %v", p)
		}
	}()
	findings, err := Run(ctx, Input{Config: cfg, Briefs: briefs}, Options{Now: now, Strict: c.Strict, Only: publishes})
	if err != nil {
		return nil, err
	}
	var errs diag.List
	for _, f := range findings {
		if Fails(f) {
			errs.Add(&diag.Error{Pos: f.Pos, Msg: f.Rule + ": " + f.Message, Err: ErrRefused})
			continue
		}
		warnings = append(warnings, f.String())
	}
	return warnings, errs.Err()
}

// ErrRefused is under each error of a build that a check rule failed, for
// errors.Is: the CLI then says how to build anyway.
var ErrRefused = errors.New("refused by a check rule")

// Fails reports whether a finding that Run returned fails briefs check
// and briefs build: the one definition of what is an error. Run has made
// warnings errors already when its Options.Strict is set.
func Fails(f Finding) bool { return f.Severity == Error }

// NextChange is NextChange, for a build.
func (c InBuild) NextChange(cfg *config.Config, briefs []*site.Brief, now time.Time) time.Time {
	return NextChange(cfg, briefs, now)
}
