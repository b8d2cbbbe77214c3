package theme

import (
	"html/template"
	"strings"
	"text/template/parse"
)

// dataReads is what a partial reads of the data it is executed with, found
// in its parse tree and in those of the templates it passes the data to:
// the field paths it reads ("Site.Config.Title"), or whole when it uses the
// data in a way the paths cannot say (prints it, gives it to a function,
// keeps it in a variable), or when in doubt.
type dataReads struct {
	paths [][]string
	whole bool
}

// findReads returns what each template of set reads of its data. It must
// run before any template of set is executed: html/template rewrites the
// trees when it escapes them.
func findReads(set *template.Template) map[string]dataReads {
	reads := map[string]dataReads{}
	for _, tm := range set.Templates() {
		w := &readsWalk{set: set, visiting: map[string]bool{}}
		w.template(tm.Name())
		reads[tm.Name()] = w.reads
	}
	return reads
}

// ReadsOnly reports whether the partial name ("partials/footer.html") reads
// its data only at the field paths given ("Site.Config", "Nav"), or below
// them: then its output is the same for any two data whose values there
// are the same. It answers false when in doubt.
func (t *Theme) ReadsOnly(name string, paths ...string) bool {
	r, ok := t.reads[name]
	if !ok || r.whole {
		return false
	}
	for _, read := range r.paths {
		if !under(read, paths) {
			return false
		}
	}
	return true
}

// under reports whether the field path read is one of paths or below one.
func under(read []string, paths []string) bool {
	for _, p := range paths {
		fields := strings.Split(p, ".")
		if len(read) >= len(fields) && strings.Join(read[:len(fields)], ".") == p {
			return true
		}
	}
	return false
}

// readsWalk walks the templates that see the data, noting what they read.
type readsWalk struct {
	set      *template.Template
	visiting map[string]bool // templates already walked with the data as dot
	reads    dataReads
}

// value is what an expression evaluates to: the data itself, or something
// else (a constant, or what a read or a function gave).
type value bool

const (
	other value = false
	data  value = true
)

// template walks the template name, executed with the data as dot and $.
func (w *readsWalk) template(name string) {
	if w.visiting[name] {
		return
	}
	w.visiting[name] = true
	tm := w.set.Lookup(name)
	if tm == nil || tm.Tree == nil {
		w.reads.whole = true
		return
	}
	w.node(tm.Tree.Root, data, data)
}

// node walks n, with dot and $ as given.
func (w *readsWalk) node(n parse.Node, dot, root value) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				w.node(c, dot, root)
			}
		}
	case *parse.ActionNode:
		w.used(w.pipe(n.Pipe, dot, root))
	case *parse.IfNode:
		w.used(w.pipe(n.Pipe, dot, root))
		w.node(n.List, dot, root)
		w.node(n.ElseList, dot, root)
	case *parse.WithNode:
		w.node(n.List, w.pipe(n.Pipe, dot, root), root)
		w.node(n.ElseList, dot, root)
	case *parse.RangeNode:
		w.used(w.pipe(n.Pipe, dot, root))
		w.node(n.List, other, root)
		w.node(n.ElseList, dot, root)
	case *parse.TemplateNode:
		if n.Pipe != nil && w.pipe(n.Pipe, dot, root) == data {
			w.template(n.Name)
		}
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
	default:
		w.reads.whole = true
	}
}

// used notes a value used as a whole: printed, tested or ranged over.
func (w *readsWalk) used(v value) {
	if v == data {
		w.reads.whole = true
	}
}

// pipe returns what the pipeline p evaluates to. A variable may hold
// only something else than the data: every variable but $ is other.
func (w *readsWalk) pipe(p *parse.PipeNode, dot, root value) value {
	if p == nil {
		return other
	}
	v := other
	for i, cmd := range p.Cmds {
		v = w.command(cmd, dot, root, i > 0 && v == data)
	}
	if len(p.Decl) > 0 {
		w.used(v)
	}
	return v
}

// command returns what cmd evaluates to; piped says whether the data is
// the value the previous command of its pipeline passes it.
func (w *readsWalk) command(cmd *parse.CommandNode, dot, root value, piped bool) value {
	if len(cmd.Args) == 0 {
		return other
	}
	for _, arg := range cmd.Args[1:] {
		w.used(w.arg(arg, dot, root))
	}
	w.used(value(piped))
	if _, fn := cmd.Args[0].(*parse.IdentifierNode); fn {
		return other // a function given no data gives no data
	}
	return w.arg(cmd.Args[0], dot, root)
}

// arg returns what the operand n evaluates to.
func (w *readsWalk) arg(n parse.Node, dot, root value) value {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return w.field(dot, n.Ident)
	case *parse.VariableNode:
		if n.Ident[0] != "$" {
			return other
		}
		return w.field(root, n.Ident[1:])
	case *parse.ChainNode:
		return w.field(w.arg(n.Node, dot, root), n.Field)
	case *parse.PipeNode:
		return w.pipe(n, dot, root)
	case *parse.IdentifierNode, *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
		return other
	}
	w.reads.whole = true
	return other
}

// field returns what reading the field path of v gives, noting the read
// when v is the data.
func (w *readsWalk) field(v value, path []string) value {
	if v == other || len(path) == 0 {
		return v
	}
	w.reads.paths = append(w.reads.paths, path)
	return other
}
