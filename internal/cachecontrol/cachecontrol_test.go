package cachecontrol

import (
	"testing"
	"time"
)

func TestMaxAge(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		path   string
		next   time.Time
		want   time.Duration
		header string
	}{
		{"index.html", time.Time{}, Lists, "public, max-age=300"},
		{"feed.xml", now.Add(2 * time.Minute), 2 * time.Minute, "public, max-age=120"},
		{"sitemap.xml", now.Add(90*time.Second + 500*time.Millisecond), 90 * time.Second, "public, max-age=90"},
		{"topics/budget/index.html", now.Add(time.Hour), Lists, "public, max-age=300"},
		{"briefs/x/index.html", time.Time{}, Briefs, "public, max-age=3600"},
		{"briefs/x/index.json", now.Add(10 * time.Minute), 10 * time.Minute, "public, max-age=600"},
		{"briefs/x/photo.jpg", now.Add(2 * time.Hour), Briefs, "public, max-age=3600"},
		{"briefs/index.html", time.Time{}, Lists, "public, max-age=300"},
		// The next change has passed: the output is out of date.
		{"index.html", now.Add(-time.Minute), 0, "public, max-age=0"},
		{"briefs/x/index.html", now, 0, "public, max-age=0"},
		// A digest in the name: the same name never holds other bytes.
		{"assets/style.3f2a9c1d.css", now.Add(time.Minute), Immutable, "public, max-age=31536000, immutable"},
		{"assets/style.css", now.Add(time.Minute), time.Minute, "public, max-age=60"},
		{"assets/style.3f2a9c1.css", time.Time{}, Lists, "public, max-age=300"},  // too short for a digest
		{"assets/style.3f2a9c1g.css", time.Time{}, Lists, "public, max-age=300"}, // not hexadecimal
		{"3f2a9c1d3f2a.css", time.Time{}, Lists, "public, max-age=300"},          // the name itself
	}
	for _, tt := range tests {
		if got := MaxAge(tt.path, now, tt.next); got != tt.want {
			t.Errorf("MaxAge(%q, next in %v) = %v, want %v", tt.path, tt.next.Sub(now), got, tt.want)
		}
		if got := Header(tt.path, now, tt.next); got != tt.header {
			t.Errorf("Header(%q, next in %v) = %q, want %q", tt.path, tt.next.Sub(now), got, tt.header)
		}
	}
}
