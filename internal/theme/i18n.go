package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"text/template/parse"

	"github.com/briefs-dev/briefs/internal/diag"
	"github.com/briefs-dev/briefs/internal/i18n"
)

// LoadTranslations reads the translation files of the site in fsys for
// theme name: the site's i18n/<lang>.toml over themes/<name>/i18n/, over
// the embedded default theme's i18n/. A site's file changes only the
// strings it sets.
func LoadTranslations(fsys fs.FS, name string, embedded fs.FS) (*i18n.Catalog, error) {
	return i18n.Load(
		i18n.Layer{FS: fsys, Dir: "i18n", Name: "i18n"},
		i18n.Layer{FS: fsys, Dir: path.Join("themes", name, "i18n"), Name: path.Join("themes", name, "i18n")},
		i18n.Layer{FS: embedded, Dir: "i18n", Name: "(embedded default theme) i18n"},
	)
}

// Translations returns the theme's translations, as LoadTranslations read
// them.
func (t *Theme) Translations() *i18n.Catalog { return t.translations }

// KeyFuncs are the template functions whose constant string arguments are
// translation keys: T "key" …, and messages "key" "key" … (the messages a
// script formats).
var KeyFuncs = []string{"T", "messages"}

// Use is one translation key a template uses, where it uses it.
type Use struct {
	Key string
	Pos diag.Pos
}

// Uses returns every translation key the templates of the site in fsys use
// with theme name, each at its first use in each file that wins (the
// site's layouts/ over themes/<name>/layouts/ over the embedded default
// theme's), sorted by key and position. It reads the template files
// without executing them, so it needs none of the template functions.
func Uses(fsys fs.FS, name string, embedded fs.FS) ([]Use, error) {
	layers := []layer{
		{fsys, "layouts", "layouts"},
		{fsys, path.Join("themes", name, "layouts"), path.Join("themes", name, "layouts")},
		{embedded, "layouts", "(embedded default theme) layouts"},
	}
	seen := map[string]bool{}
	var uses []Use
	var errs diag.List
	for _, l := range layers {
		err := fs.WalkDir(l.fsys, l.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				return err
			}
			rel := strings.TrimPrefix(p, l.dir+"/")
			if d.IsDir() || seen[rel] || !(strings.HasSuffix(rel, ".html") || strings.HasSuffix(rel, ".txt")) {
				return nil
			}
			seen[rel] = true
			data, err := fs.ReadFile(l.fsys, p)
			if err != nil {
				return err
			}
			file := path.Join(l.name, rel)
			found, err := keysIn(file, string(data))
			if err != nil {
				errs.Add(templateError(file, err))
				return nil
			}
			uses = append(uses, found...)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(uses, func(i, j int) bool {
		a, b := uses[i], uses[j]
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		return a.Pos.Line < b.Pos.Line || a.Pos.Line == b.Pos.Line && a.Pos.Col < b.Pos.Col
	})
	return uses, nil
}

// keysIn returns the translation keys of the template text of file, the
// first use of each.
func keysIn(file, text string) ([]Use, error) {
	tree := parse.New(file)
	tree.Mode = parse.SkipFuncCheck
	set := map[string]*parse.Tree{}
	if _, err := tree.Parse(text, "", "", set); err != nil {
		return nil, err
	}
	w := keyWalk{file: file, text: text, seen: map[string]bool{}}
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w.node(set[n].Root)
	}
	return w.uses, nil
}

type keyWalk struct {
	file, text string
	seen       map[string]bool
	uses       []Use
}

func (w *keyWalk) node(n parse.Node) {
	switch n := n.(type) {
	case nil:
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			w.node(c)
		}
	case *parse.ActionNode:
		w.node(n.Pipe)
	case *parse.IfNode:
		w.branch(&n.BranchNode)
	case *parse.RangeNode:
		w.branch(&n.BranchNode)
	case *parse.WithNode:
		w.branch(&n.BranchNode)
	case *parse.TemplateNode:
		w.node(n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			w.command(c)
		}
	case *parse.ChainNode:
		w.node(n.Node)
	case *parse.CommandNode:
		w.command(n)
	}
}

func (w *keyWalk) branch(b *parse.BranchNode) {
	w.node(b.Pipe)
	w.node(b.List)
	w.node(b.ElseList)
}

func (w *keyWalk) command(c *parse.CommandNode) {
	if len(c.Args) > 1 {
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok && slices.Contains(KeyFuncs, id.Ident) {
			for i, a := range c.Args[1:] {
				s, ok := a.(*parse.StringNode)
				if !ok || (id.Ident == "T" && i > 0) {
					break
				}
				w.add(s.Text, s.Position())
			}
		}
	}
	for _, a := range c.Args {
		w.node(a)
	}
}

func (w *keyWalk) add(key string, offset parse.Pos) {
	if w.seen[key] {
		return
	}
	w.seen[key] = true
	line, col := diag.LineCol([]byte(w.text), int(offset))
	w.uses = append(w.uses, Use{Key: key, Pos: diag.Pos{File: w.file, Line: line, Col: col}})
}

// String writes the use as file:line:col: key.
func (u Use) String() string { return fmt.Sprintf("%s: %s", u.Pos, u.Key) }
