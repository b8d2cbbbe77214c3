package build

import (
	"bytes"
	"errors"
	"slices"
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

func TestRender1To(t *testing.T) {
	tests := []struct {
		name    string
		write   func(*bytes.Buffer) error
		want    string
		wantErr string
	}{
		{"bytes", func(w *bytes.Buffer) error { w.WriteString("ok"); return nil }, "ok", ""},
		{"error", func(w *bytes.Buffer) error { return errors.New("bad template") }, "", "bad template"},
		{"panic", func(w *bytes.Buffer) error { panic("index out of range") }, "", "internal error: index out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buf := bytes.NewBufferString("left from the previous file")
			data, err := render1To(render.Job{Path: "x/index.html", WriteTo: tt.write}, buf)
			if err == nil && string(data) != tt.want {
				t.Errorf("render1To = %q, want %q", data, tt.want)
			}
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("render1To error = %v, want %q", err, tt.wantErr)
			}
		})
	}
	// A job without WriteTo renders as render1 does.
	data, err := render1To(render.Job{Render: func() ([]byte, error) { return []byte("own"), nil }}, new(bytes.Buffer))
	if string(data) != "own" || err != nil {
		t.Errorf("render1To of a Render job = %q, %v", data, err)
	}
}

func TestSlowFirst(t *testing.T) {
	jobs := []render.Job{{Path: "a"}, {Path: "search.json", Deferred: true}, {Path: "b"}, {Path: "c", Deferred: true}}
	got := slowFirst(jobs)
	want := []int{1, 3, 0, 2}
	if !slices.Equal(got, want) {
		t.Errorf("slowFirst = %v, want %v", got, want)
	}
}
