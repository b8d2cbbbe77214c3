package content

// Field describes one key of the front matter schema, for tools that
// write briefs rather than read them, such as the CMS configuration of
// briefs init --cms decap. It is derived from schema, the one definition.
type Field struct {
	Key  string
	Kind string // "string", "strings", "bool", "date", "table", "tables" or "params"
	// Required is set for a key that a brief cannot load without.
	Required bool
	// Offset is set for a date that must be written with its offset.
	Offset bool
	Fields []Field // the keys of a "table", or of each entry of "tables"
}

// Kinds are the values of Field.Kind.
var Kinds = []string{"string", "strings", "bool", "date", "table", "tables", "params"}

// required are the keys, dotted below tables, that validate refuses a
// brief without; TestFieldsRequired holds this list to validate.
var required = map[string]bool{
	"title": true, "date": true,
	"photo.src": true, "photo.alt": true, "photo.credit": true,
	"go_deeper.title":  true,
	"corrections.date": true, "corrections.text": true,
	"ignore.rule": true, "ignore.reason": true,
	"retracted.date": true, "retracted.reason": true,
}

// Fields returns the front matter schema, in the order of FrontMatter's
// fields.
func Fields() []Field { return schema.describe("") }

func (t *table) describe(prefix string) []Field {
	out := make([]Field, 0, len(t.order))
	for _, f := range t.order {
		d := Field{Key: f.key, Kind: Kinds[f.kind], Required: required[prefix+f.key], Offset: f.offset}
		if f.table != nil {
			d.Fields = f.table.describe(prefix + f.key + ".")
		}
		out = append(out, d)
	}
	return out
}
