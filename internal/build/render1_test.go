package build

import (
	"errors"
	"strings"
	"testing"

	"github.com/briefs-dev/briefs/internal/render"
)

func TestRender1(t *testing.T) {
	tests := []struct {
		name    string
		render  func() ([]byte, error)
		want    string
		wantErr string
	}{
		{"bytes", func() ([]byte, error) { return []byte("ok"), nil }, "ok", ""},
		{"error", func() ([]byte, error) { return nil, errors.New("bad template") }, "", "bad template"},
		{"panic", func() ([]byte, error) { panic("index out of range") }, "", "internal error: index out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := render1(render.Job{Path: "x/index.html", Render: tt.render})
			if string(data) != tt.want {
				t.Errorf("render1 = %q, want %q", data, tt.want)
			}
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("render1 error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}
