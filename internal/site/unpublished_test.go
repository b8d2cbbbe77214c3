package site

import (
	"reflect"
	"testing"
)

func TestUnpublished(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want []string
	}{
		// Expired briefs are not among them: their URLs say they expired.
		{"default", Options{Now: now}, []string{"draft", "embargoed", "future", "never"}},
		// The draft is dated later too: --drafts alone does not show it.
		{"drafts", Options{Now: now, Drafts: true}, []string{"draft", "embargoed", "future", "never"}},
		{"future", Options{Now: now, Future: true}, []string{"draft"}},
		{"both", Options{Now: now, Drafts: true, Future: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, scheduled(t), tt.opts)
			if got := slugs(s.Unpublished()); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Unpublished() = %q, want %q", got, tt.want)
			}
		})
	}
}
