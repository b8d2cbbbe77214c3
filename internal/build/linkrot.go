package build

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/fingerprint"
	"github.com/briefs-dev/briefs/internal/site"
)

// The link-rot guard: a build into an output folder remembers, in its
// memo, every brief URL it has published. When a later build would make
// one disappear (a renamed file, a changed slug, a brief deleted or made
// a draft again) without an alias that covers it or a [[retired]] entry
// that says it is deliberate, the build says which URL, where the brief
// probably went, and what to add.

// Lost is a brief URL published before that a build would make disappear.
type Lost struct {
	Path  string      // its site path, "briefs/old/"
	Brief *site.Brief // where the brief probably went, or nil
	How   string      // how Brief was found: "same file" or "same title"
	// Waiting is set when Brief is the same file and now waits for its
	// publish_at: an embargo set after publication.
	Waiting bool
}

// Message says what happened to the URL and what to do, for a site whose
// root-relative URLs s.URL gives.
func (l Lost) Message(s *site.Site) string {
	old := s.URL(l.Path)
	var where string
	switch b := l.Brief; {
	case b == nil:
		where = "no brief has its file or its title now"
	case l.Waiting:
		return fmt.Sprintf("%s was published, and %s now goes live only at %s: an embargo cannot be set after publication; set publish_at back",
			old, b.Source.Path, b.PublishAt.UTC().Format(time.RFC3339))
	case s.Ref(b.Source.Ref) == nil:
		where = fmt.Sprintf("%s (%s) is not published now", b.Source.Path, l.How)
	default:
		where = fmt.Sprintf("%s (%s) is now at %s: add aliases = [%q] to its front matter", b.Source.Path, l.How, s.URL(b.Path), "/"+l.Path)
	}
	return fmt.Sprintf("%s was published and would be gone: %s; if the removal is deliberate, run briefs retire %s", old, where, "/"+l.Path)
}

// LostURLs returns the URLs of published that the site s no longer
// serves: not the page of a brief, expired or retracted, not an alias and
// not retired in cfg. briefs are all the site's briefs, published or not,
// where a lost brief is looked for: by its file, then by its title. now
// is the build's time.
func LostURLs(cfg *config.Config, s *site.Site, briefs []*site.Brief, published []fingerprint.Published, now time.Time) []Lost {
	served := servedPaths(cfg, s)
	bySource := map[string]*site.Brief{}
	byTitle := map[uint64]*site.Brief{}
	for _, b := range briefs {
		bySource[b.Source.Path] = b
		if h := fingerprint.TitleHash(b.Title); byTitle[h] == nil {
			byTitle[h] = b
		}
	}
	var lost []Lost
	for _, p := range published {
		if served[strings.ToLower(p.Path)] {
			continue
		}
		l := Lost{Path: p.Path}
		if b := bySource[p.Source]; b != nil {
			l.Brief, l.How = b, "same file"
			l.Waiting = b.PublishAt.After(now) && s.Ref(b.Source.Ref) == nil
		} else if b := byTitle[p.Title]; b != nil {
			l.Brief, l.How = b, "same title"
		}
		lost = append(lost, l)
	}
	return lost
}

// servedPaths returns the lower-cased paths that a build of s answers for
// or that cfg retires.
func servedPaths(cfg *config.Config, s *site.Site) map[string]bool {
	served := map[string]bool{}
	for _, list := range [][]*site.Brief{s.Briefs, s.Expired, s.Retracted} {
		for _, b := range list {
			served[strings.ToLower(b.Path)] = true
		}
	}
	for _, a := range s.Aliases() {
		served[strings.ToLower(a.Path)] = true
	}
	for _, r := range cfg.Retired {
		served[strings.ToLower(r.SitePath())] = true
	}
	return served
}

// publishedRecord returns what the memo keeps of the brief URLs published
// so far: those of the site's briefs now, and those published before that
// are not retired, so that a lost URL is reported until it is resolved.
// A URL whose brief (briefs holds all) now waits for its time is left out:
// the output folder must name no brief before its time, whatever a build
// at a later moment (--at) published into it.
func publishedRecord(cfg *config.Config, s *site.Site, briefs []*site.Brief, before []fingerprint.Published, now time.Time) []fingerprint.Published {
	retired := map[string]bool{}
	for _, r := range cfg.Retired {
		retired[strings.ToLower(r.SitePath())] = true
	}
	waiting := map[string]bool{}
	for _, b := range briefs {
		if b.PublishAt.After(now) && s.Ref(b.Source.Ref) == nil {
			waiting[b.Source.Path] = true
		}
	}
	record := map[string]fingerprint.Published{}
	for _, p := range before {
		if !retired[strings.ToLower(p.Path)] && !waiting[p.Source] {
			record[p.Path] = p
		}
	}
	for _, b := range s.Briefs {
		record[b.Path] = fingerprint.Published{Path: b.Path, Title: fingerprint.TitleHash(b.Title), Source: b.Source.Path}
	}
	out := make([]fingerprint.Published, 0, len(record))
	for _, p := range record {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b fingerprint.Published) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// guardLinks reports each brief URL published before that the site s no
// longer serves: as a warning, or with Options.Strict as the build's error.
func (b *Builder) guardLinks(s *site.Site, briefs []*site.Brief, published []fingerprint.Published, now time.Time, res *Result) error {
	var errs []error
	for _, l := range LostURLs(b.cfg, s, briefs, published, now) {
		if b.opts.Strict {
			errs = append(errs, errors.New("link-rot: "+l.Message(s)))
			continue
		}
		res.Warnings = append(res.Warnings, "warning: link-rot: "+l.Message(s))
	}
	return errors.Join(errs...)
}
