package tomlpos

import (
	"errors"

	"github.com/BurntSushi/toml"

	"github.com/briefs-dev/briefs/internal/diag"
)

// Error converts an error from the toml package into a diag.Error at its
// position in file; lineOffset is added to the line (front matter starts
// below the first line of a brief).
func Error(file string, lineOffset int, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &diag.Error{
			Pos: diag.Pos{File: file, Line: pe.Position.Line + lineOffset, Col: pe.Position.Col},
			Msg: pe.Message,
			Err: err,
		}
	}
	return &diag.Error{Pos: diag.Pos{File: file}, Msg: err.Error(), Err: err}
}
