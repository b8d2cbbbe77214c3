package site

import (
	"testing"

	"github.com/briefs-dev/briefs/internal/config"
)

// A topic or author in the registries shows the registry's name, however
// briefs write it; the others keep the name briefs give them.
func TestRegistryNames(t *testing.T) {
	cfg := testConfig(t)
	cfg.Topics = []config.Topic{{ID: "white-house", Name: "White House", Description: "The president's office."}}
	cfg.Authors = []config.Author{{Name: "Dana Whitfield", Role: "Correspondent"}}
	briefs := []*Brief{
		dated(t, "content/briefs/a.md", "2026-11-03T09:00:00Z", `topics = ["white-house", "budget"]`+"\n"+`authors = ["dana whitfield", "Theo Lindqvist"]`+"\n"),
	}
	s, err := New(cfg, briefs, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		term         *Term
		name         string
		topic, autho bool
	}{
		{s.Topics[0], "budget", false, false},
		{s.Topics[1], "White House", true, false},
		{s.Authors[0], "Dana Whitfield", false, true},
		{s.Authors[1], "Theo Lindqvist", false, false},
	}
	for _, tt := range tests {
		if tt.term.Name != tt.name || (tt.term.Topic != nil) != tt.topic || (tt.term.Author != nil) != tt.autho {
			t.Errorf("%s: name %q, topic %v, author %v; want %q, %v, %v", tt.term.Path, tt.term.Name,
				tt.term.Topic, tt.term.Author, tt.name, tt.topic, tt.autho)
		}
	}
	if b := s.Briefs[0]; b.Topics[0].Name != "White House" || b.Authors[0].Author.Role != "Correspondent" {
		t.Errorf("the brief's terms: %q, %+v", b.Topics[0].Name, b.Authors[0].Author)
	}
}
