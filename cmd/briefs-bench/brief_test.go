package main

import (
	"testing"
	"time"
)

func TestDecodeBrief(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		title     string
		body      string
		wantError bool
	}{
		{"plain", "+++\ntitle = \"A\"\ndate = 2024-01-02T03:04:05Z\n+++\nBody.\n", "A", "Body.\n", false},
		{"CRLF", "+++\r\ntitle = \"A\"\r\n+++\r\nBody.\r\n", "A", "Body.\n", false},
		{"empty front matter", "+++\n+++\nBody.\n", "", "Body.\n", false},
		{"no body", "+++\ntitle = \"A\"\n+++\n", "A", "", false},
		{"YAML", "---\ntitle: A\n---\nBody.\n", "", "", true},
		{"unclosed", "+++\ntitle = \"A\"\nBody.\n", "", "", true},
		{"bad TOML", "+++\ntitle = A\n+++\nBody.\n", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, err := decodeBrief([]byte(tt.in))
			if (err != nil) != tt.wantError {
				t.Fatalf("decodeBrief(%q) error = %v, want error %v", tt.in, err, tt.wantError)
			}
			if err != nil {
				return
			}
			if fm.Title != tt.title || string(body) != tt.body {
				t.Errorf("decodeBrief(%q) = title %q, body %q; want %q, %q", tt.in, fm.Title, body, tt.title, tt.body)
			}
		})
	}
}

func TestDecodeBriefFields(t *testing.T) {
	in := `+++
title = "T"
date = 2024-01-02T03:04:05-05:00
updated = 2024-01-02T05:00:00-05:00
authors = ["A B"]
topics = ["x", "y"]
[photo]
src = "p.svg"
alt = "Alt"
credit = "Credit"
[[go_deeper]]
title = "G"
ref = "brief-1"
[[corrections]]
date = 2024-01-03T00:00:00Z
text = "C"
+++
`
	fm, _, err := decodeBrief([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if !fm.Date.Equal(time.Date(2024, 1, 2, 8, 4, 5, 0, time.UTC)) || fm.Updated.IsZero() {
		t.Errorf("dates = %v, %v", fm.Date, fm.Updated)
	}
	if len(fm.Authors) != 1 || len(fm.Topics) != 2 || fm.Photo == nil || fm.Photo.Credit != "Credit" ||
		len(fm.GoDeeper) != 1 || fm.GoDeeper[0].Ref != "brief-1" || len(fm.Corrections) != 1 {
		t.Errorf("decoded %+v", fm)
	}
}

func TestSlugOf(t *testing.T) {
	tests := map[string]string{
		"content/briefs/x.md":          "x",
		"content/briefs/x/index.md":    "x",
		"content/briefs/2024/a-b.md":   "a-b",
		"content/briefs/a-b/index.md":  "a-b",
		"content/briefs/index-page.md": "index-page",
	}
	for in, want := range tests {
		if got := slugOf(in); got != want {
			t.Errorf("slugOf(%q) = %q, want %q", in, got, want)
		}
	}
}
