package deploy

import (
	"fmt"
	"testing"
)

func TestStageOf(t *testing.T) {
	tests := []struct {
		path string
		want Stage
	}{
		{"assets/style.css", StageAssets},
		{"assets/search.js", StageAssets},
		{"briefs/x/photo.jpg", StageAssets},
		{"images/share.png", StageAssets},
		{"briefs/x/index.html", StageBriefs},
		{"briefs/x/index.json", StageBriefs},
		{"index.html", StageLists},
		{"page/2/index.html", StageLists},
		{"topics/budget/feed.xml", StageLists},
		{"sitemap.xml", StageLists},
		{"search/index.json", StageLists},
		{"robots.txt", StageLists},
		{"CNAME", StageLists},
	}
	for _, tt := range tests {
		if got := StageOf(tt.path); got != tt.want {
			t.Errorf("StageOf(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestDiff(t *testing.T) {
	file := func(p, sum string) File {
		return File{Path: p, Sum: sum, Size: 1, ContentType: "text/html", CacheControl: "max-age=60"}
	}
	obj := func(p, sum string) Object {
		return Object{Path: p, Sum: sum, Size: 1, ContentType: "text/html", CacheControl: "max-age=60"}
	}
	tests := []struct {
		name    string
		files   []File
		objects []Object
		force   bool
		want    string // uploads by stage, deletes, unchanged, foreign
	}{
		{"empty bucket", []File{file("index.html", "a"), file("briefs/x/index.html", "b"), file("a.css", "c")}, nil, false,
			"[[a.css] [briefs/x/index.html] [index.html]] [] 0 []"},
		{"same", []File{file("index.html", "a")}, []Object{obj("index.html", "a")}, false,
			"[[] [] []] [] 1 []"},
		{"changed bytes", []File{file("index.html", "b")}, []Object{obj("index.html", "a")}, false,
			"[[] [] [index.html]] [] 0 []"},
		{"changed size", []File{{Path: "index.html", Sum: "a", Size: 2, ContentType: "text/html", CacheControl: "max-age=60"}}, []Object{obj("index.html", "a")}, false,
			"[[] [] [index.html]] [] 0 []"},
		{"changed type", []File{{Path: "index.html", Sum: "a", Size: 1, ContentType: "text/plain", CacheControl: "max-age=60"}}, []Object{obj("index.html", "a")}, false,
			"[[] [] [index.html]] [] 0 []"},
		{"changed cache", []File{{Path: "index.html", Sum: "a", Size: 1, ContentType: "text/html", CacheControl: "no-cache"}}, []Object{obj("index.html", "a")}, false,
			"[[] [] [index.html]] [] 0 []"},
		{"not ours, same path", []File{file("index.html", "a")}, []Object{obj("index.html", "")}, false,
			"[[] [] [index.html]] [] 0 []"},
		{"gone", nil, []Object{obj("briefs/y/index.html", "a"), obj("briefs/x/index.html", "b")}, false,
			"[[] [] []] [briefs/x/index.html briefs/y/index.html] 0 []"},
		{"gone, not ours", nil, []Object{obj("notes.txt", "")}, false,
			"[[] [] []] [] 0 [notes.txt]"},
		{"gone, not ours, forced", nil, []Object{obj("notes.txt", "")}, true,
			"[[] [] []] [notes.txt] 0 []"},
	}
	for _, tt := range tests {
		p := Diff(tt.files, tt.objects, tt.force)
		var stages [StageDeletes][]string
		for s, u := range p.Uploads {
			stages[s] = []string{}
			for _, f := range u {
				stages[s] = append(stages[s], f.Path)
			}
		}
		deletes := p.Deletes
		if deletes == nil {
			deletes = []string{}
		}
		foreign := p.Foreign
		if foreign == nil {
			foreign = []string{}
		}
		if got := fmt.Sprint(stages, deletes, p.Unchanged, foreign); got != tt.want {
			t.Errorf("%s: Diff = %s, want %s", tt.name, got, tt.want)
		}
	}
}
