// Package check applies editorial and link rules to a site's briefs.
package check

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/briefs-dev/briefs/internal/config"
	"github.com/briefs-dev/briefs/internal/content"
	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/site"
)

// Severity is how much a finding matters.
type Severity int

// Severities, from least to most severe.
const (
	Off Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// MarshalText writes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// parseSeverity reads a severity as config.toml writes it.
func parseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return Error, true
	case "warning":
		return Warning, true
	case "off":
		return Off, true
	}
	return Off, false
}

// Finding is one problem found by a rule.
type Finding struct {
	Pos      diag.Pos
	Severity Severity
	Rule     string // the rule's id
	Message  string
}

// String formats the finding as path:line:col: severity rule: message.
func (f Finding) String() string {
	s := fmt.Sprintf("%s %s: %s", f.Severity, f.Rule, f.Message)
	if p := f.Pos.String(); p != "" {
		return p + ": " + s
	}
	return s
}

// Input is what loading a site gave: its configuration, every brief that
// loaded (drafts and future briefs included) and the errors of those that
// did not, as build.Builder.Load returns them.
type Input struct {
	Config   *config.Config // nil when config.toml did not load
	Briefs   []*site.Brief
	Problems diag.List
	// Lost are the brief URLs that the last build into the output folder
	// published and that the site would no longer serve (build.LostURLs),
	// for the rule link-rot.
	Lost []Lost
	// FS, when set, is the site's folder: the photo-gps rule reads the
	// photos in it.
	FS fs.FS
}

// Lost is a brief URL that a build would make disappear: where to report
// it (the brief that probably moved, or config.toml) and what to do.
type Lost struct {
	Pos     diag.Pos
	Message string
}

// Options configures a run.
type Options struct {
	// Now is the time dates are compared with; zero means time.Now.
	Now time.Time
	// Strict turns warnings into errors.
	Strict bool
	// Files, when not empty, limits the findings to these briefs: slash
	// paths relative to the site, of files or of folders. The whole site is
	// still read, so links and duplicates are checked against all of it.
	// Findings in config.toml, and those without a file, are always kept.
	Files []string
	// Only, when set, limits the findings to the briefs it accepts, as
	// Files does: a build keeps those on the briefs it publishes.
	Only func(*site.Brief) bool
	// Links checks external links when not nil.
	Links *LinkChecker
}

// Run applies every rule that is not turned off to the briefs of in and
// returns the findings sorted by position. The problems of in become
// findings too, so that one run reports everything. The error is ctx's,
// when it ends the run early.
func Run(ctx context.Context, in Input, opts Options) ([]Finding, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	c := &checker{in: in, opts: opts, cfg: in.Config, severity: map[string]Severity{}}
	if opts.Only != nil {
		c.left = map[string]bool{}
		for _, b := range in.Briefs {
			if !opts.Only(b) {
				c.left[b.Source.Path] = true
			}
		}
	}
	if c.cfg == nil {
		c.cfg = new(config.Config)
		*c.cfg = config.Default()
	}
	c.configure()
	c.problems()
	if in.Config != nil {
		c.rawHTML()
		c.untranslated()
		c.index()
		c.eachBrief((*checker).brief)
		c.duplicateTitles()
		c.languages()
		for _, l := range in.Lost {
			c.add(l.Pos, "link-rot", "%s", l.Message)
		}
		if opts.Links != nil {
			if err := c.externalLinks(ctx); err != nil {
				return nil, err
			}
		}
		for _, b := range c.briefs {
			if c.wanted(b.Source.Path) {
				c.ignores(b)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := c.findings[:0]
	for _, f := range c.findings {
		if f.Pos.File == "" || f.Pos.File == config.FileName || c.wanted(f.Pos.File) {
			if opts.Strict && f.Severity == Warning {
				f.Severity = Error
			}
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Pos.File != b.Pos.File:
			return a.Pos.File < b.Pos.File
		case a.Pos.Line != b.Pos.Line:
			return a.Pos.Line < b.Pos.Line
		case a.Pos.Col != b.Pos.Col:
			return a.Pos.Col < b.Pos.Col
		case a.Rule != b.Rule:
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
	return out, nil
}

// checker is the state of one run.
type checker struct {
	in       Input
	opts     Options
	cfg      *config.Config
	severity map[string]Severity // by rule id
	findings []Finding

	briefs []*site.Brief          // sorted by path
	byRef  map[string]*site.Brief // as site.New resolves refs
	bySlug map[string]*site.Brief // lower-cased slug → brief
	used   map[*site.Brief][]bool // which of a brief's ignores silenced something
	left   map[string]bool        // paths of the briefs Options.Only leaves out
}

// configure sets each rule's severity from its default and config.toml,
// and reports settings that name no rule.
func (c *checker) configure() {
	for _, r := range rules {
		c.severity[r.ID] = r.Severity
	}
	ids := make([]string, 0, len(c.cfg.Check.Rules))
	for id := range c.cfg.Check.Rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		pos := c.cfg.Check.RulePos(id)
		r, ok := ruleByID(id)
		switch {
		case !ok:
			c.add(pos, "config", "[check.rules] names no rule %q%s", id, diag.Suggest(id, ruleIDs()))
		case r.Fixed:
			c.add(pos, "config", "rule %q cannot be changed: the build refuses what it finds", id)
		default:
			if s, ok := parseSeverity(c.cfg.Check.Rules[id]); ok {
				c.severity[id] = s // config.Validate reported any other value
			}
		}
	}
}

// problems turns the errors of what did not load into findings. Duplicate
// slugs among the briefs that loaded get a rule of their own.
func (c *checker) problems() {
	srcs := make([]*content.Source, len(c.in.Briefs))
	for i, b := range c.in.Briefs {
		srcs[i] = b.Source
	}
	var dups diag.List
	dups.Add(site.DuplicateSlugsByLanguage(c.cfg, srcs))
	isDup := map[diag.Error]bool{}
	for _, e := range dups {
		isDup[diag.Error{Pos: e.Pos, Msg: e.Msg}] = true
		c.add(e.Pos, "duplicate-slug", "%s", e.Msg)
	}
	for _, e := range c.in.Problems {
		if !isDup[diag.Error{Pos: e.Pos, Msg: e.Msg}] {
			c.add(e.Pos, "load", "%s", e.Msg)
		}
	}
}

// rawHTML warns when config.toml lets raw HTML through: every author of a
// brief can then put a script on readers' pages. That is the site's
// choice to make, so it is a warning, at the setting.
func (c *checker) rawHTML() {
	if c.cfg.Markdown.Unsafe {
		c.add(c.cfg.KeyPos("markdown", "unsafe"), "raw-html",
			"[markdown] unsafe = true lets raw HTML in briefs, scripts and event handlers included, through to readers' pages")
	}
}

// index sorts the briefs and indexes them by ref and slug.
func (c *checker) index() {
	c.briefs = append([]*site.Brief(nil), c.in.Briefs...)
	sort.Slice(c.briefs, func(i, j int) bool { return c.briefs[i].Source.Path < c.briefs[j].Source.Path })
	c.byRef = make(map[string]*site.Brief, len(c.briefs))
	c.bySlug = make(map[string]*site.Brief, len(c.briefs))
	c.used = map[*site.Brief][]bool{}
	for _, b := range c.briefs {
		c.byRef[b.Source.Ref] = b
		c.bySlug[strings.ToLower(b.Slug)] = b
	}
}

// eachBrief applies rules to every brief asked for, on all CPUs: each
// worker reports to a copy of the checker, merged at the end.
func (c *checker) eachBrief(rules func(c *checker, b *site.Brief)) {
	var todo []*site.Brief
	for _, b := range c.briefs {
		if c.wanted(b.Source.Path) {
			todo = append(todo, b)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(todo)/64))
	forks := make([]*checker, workers)
	var wg sync.WaitGroup
	for w := range forks {
		fork := *c
		fork.findings, fork.used = nil, map[*site.Brief][]bool{}
		forks[w] = &fork
		wg.Go(func() {
			for i := w; i < len(todo); i += workers {
				rules(&fork, todo[i])
			}
		})
	}
	wg.Wait()
	for _, f := range forks {
		c.findings = append(c.findings, f.findings...)
		maps.Copy(c.used, f.used)
	}
}

// Wants reports whether findings in file are asked for: Files is empty,
// or names file or a folder above it.
func (o *Options) Wants(file string) bool {
	if len(o.Files) == 0 {
		return true
	}
	for _, f := range o.Files {
		if f == "." || file == f || strings.HasPrefix(file, strings.TrimSuffix(f, "/")+"/") {
			return true
		}
	}
	return false
}

func (c *checker) wanted(file string) bool { return c.opts.Wants(file) && !c.left[file] }

// on reports whether a rule is to run.
func (c *checker) on(rule string) bool {
	return c.severity[rule] != Off && (rule != "external-link" || c.opts.Links != nil)
}

// add records a finding that no brief can silence.
func (c *checker) add(pos diag.Pos, rule, format string, args ...any) {
	if c.severity[rule] == Off {
		return
	}
	c.findings = append(c.findings, Finding{Pos: pos, Severity: c.severity[rule], Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// report records a finding about brief b, unless b ignores the rule.
func (c *checker) report(b *site.Brief, pos diag.Pos, rule, format string, args ...any) {
	if c.severity[rule] == Off {
		return
	}
	for i, ig := range b.Source.Front.Ignore {
		if strings.TrimSpace(ig.Rule) == rule {
			if r, _ := ruleByID(rule); !r.Fixed {
				used := c.used[b]
				if used == nil {
					used = make([]bool, len(b.Source.Front.Ignore))
					c.used[b] = used
				}
				used[i] = true
				return
			}
		}
	}
	c.add(pos, rule, format, args...)
}

// ignores checks a brief's ignore entries: each names a rule that can be
// ignored, and silences something.
func (c *checker) ignores(b *site.Brief) {
	for i, ig := range b.Source.Front.Ignore {
		id := strings.TrimSpace(ig.Rule)
		pos := b.Source.KeyPos("ignore", fmt.Sprint(i), "rule")
		r, ok := ruleByID(id)
		switch {
		case !ok:
			c.add(pos, "ignore", "ignore names no rule %q%s", id, diag.Suggest(id, ruleIDs()))
		case r.Fixed:
			c.add(pos, "ignore", "rule %q cannot be ignored: the build refuses what it finds", id)
		case c.on(id) && !(c.used[b] != nil && c.used[b][i]):
			c.add(pos, "unused-ignore", "ignore of %q silences nothing: remove it", id)
		}
	}
}

// Rule describes one rule.
type Rule struct {
	ID       string
	Severity Severity // by default
	// Fixed rules report what the build itself refuses: config.toml cannot
	// change them and briefs cannot ignore them.
	Fixed bool
	Doc   string
}

// rules lists every rule, in the order briefs check documents them.
var rules = []Rule{
	{"load", Error, true, "a brief or config.toml that does not load, such as bad front matter or a photo without credit"},
	{"config", Error, true, "a [check.rules] setting that names no rule, or a rule that cannot be changed"},
	{"duplicate-slug", Error, true, "two briefs with the same slug"},
	{"go-deeper-ref", Error, true, "a go_deeper ref that names no brief"},
	{"required-section", Error, false, "a brief without a section the config marks required"},
	{"empty-section", Warning, false, "a section with a label and nothing else"},
	{"placeholder", Error, false, "text left as briefs new wrote it: the lede \"" + content.PlaceholderLede + "\", the summary, the photo's alt text or credit"},
	{"author", Error, false, "a brief that names no author, when [check] require_authors is on (the default)"},
	{"section-label", Warning, false, "a bold lead-in or heading that almost matches a section's name"},
	{"body-words", Warning, false, "a body over [check] body_words (300) words"},
	{"lede-words", Warning, false, "a lede over [check] lede_words (60) words"},
	{"paragraph-sentences", Warning, false, "a paragraph over [check] paragraph_sentences (3) sentences"},
	{"unbalanced-quotes", Warning, false, "a paragraph whose double quotation marks do not pair up"},
	{"photo-alt", Error, false, "photo alt text that is a file name or a placeholder such as \"image\""},
	{"photo-gps", Warning, false, "a photo whose original records where it was taken (EXIF GPS)"},
	{"go-deeper-url", Error, false, "a go_deeper url that is not a well-formed http(s) URL"},
	{"go-deeper-twice", Warning, false, "go_deeper entries and a Go deeper section in the body: the page lists them as one, the entries first"},
	{"link-url", Error, false, "a link in the body meant as a web address but malformed, such as https//x.org or www.x.org"},
	{"internal-link", Error, false, "a link to a brief that does not exist, or to an anchor it does not have"},
	{"unpublished-link", Warning, false, "a link from a published brief to a draft, or to one scheduled later"},
	{"duplicate-title", Warning, false, "two briefs with the same title"},
	{"future-date", Warning, false, "a brief not marked draft, dated in the future: published now when build.future is set, else dated beyond [check] schedule_days (90)"},
	{"updated-before-date", Error, false, "updated earlier than date"},
	{"updated-before-publish", Error, false, "updated earlier than publish_at: the brief cannot change before it is out"},
	{"expires-before-publish", Error, false, "expires no later than publish_at (or date): the brief would never be live"},
	{"draft-publish-at", Warning, false, "a draft whose publish_at has passed: probably forgotten"},
	{"link-rot", Error, false, "a brief URL the output folder published that the site no longer serves, without an alias or a [[retired]] entry"},
	{"correction-date", Error, false, "a correction dated before the brief or in the future"},
	{"undeclared-topic", Error, false, "a topic not in [[topics]] or [check] topics, when the site declares them"},
	{"undeclared-author", Error, false, "an author not in [[authors]] or [check] authors, when the site declares them"},
	{"ignore", Error, false, "an [[ignore]] entry that names no rule, or a rule that cannot be ignored"},
	{"unused-ignore", Warning, false, "an [[ignore]] entry that silences nothing"},
	{"external-link", Warning, false, "an external link that fails (briefs check --external)"},
	{"raw-html", Warning, false, "config.toml lets raw HTML in briefs through ([markdown] unsafe = true)"},
	{"refused-link", Error, false, "a link whose scheme could run code (javascript:, vbscript:, data:), which the page writes as a dead link"},
	{"raw-html-omitted", Warning, false, "raw HTML in a brief, which the page leaves out unless [markdown] unsafe = true"},
	{"untranslated", Warning, false, "a string the theme's templates use without a translation into the site's language (pages show it in English), or without a plural form the language needs"},
	{"unknown-language", Error, false, "a brief in a language the site does not publish in: not in [[languages]]"},
	{"stale-translation", Warning, false, "a translation older than the last update or correction of its original, in the site's own language"},
}

// Rules returns every rule with its default severity.
func Rules() []Rule { return slices.Clone(rules) }

func ruleByID(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

func ruleIDs() []string {
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	return ids
}

// NextChange returns the first time after now at which the findings of Run
// on the same briefs can change with time alone: a brief's date comes
// within [check] schedule_days, or falls due; while a brief waits in the
// future, its findings count the days to it, so an hour from now at most.
// It is the zero time when nothing will change.
func NextChange(cfg *config.Config, briefs []*site.Brief, now time.Time) time.Time {
	var next time.Time
	consider := func(t time.Time) {
		if t.After(now) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	schedule := time.Duration(cfg.Check.ScheduleDays) * 24 * time.Hour
	for _, b := range briefs {
		for _, t := range []time.Time{b.Date, b.Updated} {
			consider(t)
			consider(t.Add(-schedule))
		}
		consider(b.PublishAt) // draft-publish-at, unpublished-link
		for _, c := range b.Corrections {
			consider(c.Date)
		}
		if b.Date.After(now) {
			consider(now.Add(time.Hour))
		}
	}
	return next
}
