package render

import (
	"testing"

	"github.com/briefs-dev/briefs/internal/site"
)

func TestVariantKey(t *testing.T) {
	var nilTerm *site.TermLink
	keys := map[string][]any{}
	for _, variants := range [][]any{
		nil,
		{"brief"},
		{"brief", false},
		{"brief", true},
		{"brief", nilTerm},
		{"brief", nil, nil},
		{"a\x00sb"},
		{"a", "b"},
		{1},
		{"1"},
	} {
		k, err := variantKey("partials/x.html", variants)
		if err != nil {
			t.Fatalf("variantKey(%v): %v", variants, err)
		}
		if other, dup := keys[k]; dup {
			t.Errorf("variantKey(%#v) = variantKey(%#v) = %q", variants, other, k)
		}
		keys[k] = variants
	}
	for _, bad := range []any{&site.TermLink{}, []string{"x"}, 1.5} {
		if _, err := variantKey("partials/x.html", []any{bad}); err == nil {
			t.Errorf("variantKey(%T) gave no error", bad)
		}
	}
}
