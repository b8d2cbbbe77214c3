package theme

import (
	"errors"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefs-dev/briefs/internal/diag"
)

// The first layer with a mail.json gives the mail styles; with none, there
// are none.
func TestMail(t *testing.T) {
	withMail := embedded()
	withMail["layouts/mail.json"] = &fstest.MapFile{Data: []byte(`{"width": 560, "styles": {"p": "margin:0;"}}`)}
	tests := []struct {
		name     string
		site     fstest.MapFS
		embedded fstest.MapFS
		want     Mail
	}{
		{"embedded", fstest.MapFS{}, withMail, Mail{Width: 560, Styles: map[string]string{"p": "margin:0;"}}},
		{"theme folder", fstest.MapFS{
			"themes/paper/layouts/mail.json": {Data: []byte(`{"width": 480, "styles": {"a": "color:red;"}}`)},
		}, withMail, Mail{Width: 480, Styles: map[string]string{"a": "color:red;"}}},
		{"site layouts", fstest.MapFS{
			"themes/paper/layouts/mail.json": {Data: []byte(`{"width": 480}`)},
			"layouts/mail.json":              {Data: []byte(`{"width": 600}`)},
		}, withMail, Mail{Width: 600}},
		{"none", fstest.MapFS{}, embedded(), Mail{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := maps.Clone(tt.site)
			site["themes/paper/layouts/.keep"] = &fstest.MapFile{}
			th, err := Load(site, "paper", tt.embedded, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := th.Mail()
			if got.Width != tt.want.Width || !maps.Equal(got.Styles, tt.want.Styles) {
				t.Errorf("Mail() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// A broken mail.json is an error at its line and column.
func TestMailErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"syntax", "{\n\t\"width\": 560,\n\t\"styles\": {\"p\": }\n}", "layouts/mail.json:3:18: invalid character '}'"},
		{"unknown key", "{\n\t\"width\": 560,\n\t\"colour\": \"red\"\n}", `layouts/mail.json:3:2: unknown key "colour"`},
		{"wrong type", "{\"width\": \"wide\"}", "layouts/mail.json:1:"},
		{"not an object", "[1]", "layouts/mail.json:1:1: want an object"},
		{"no width", `{"styles": {"p": "margin:0;"}}`, "layouts/mail.json: width must be"},
		{"empty", "", "layouts/mail.json:1:1: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := fstest.MapFS{"layouts/mail.json": {Data: []byte(tt.data)}}
			_, err := Load(site, "default", embedded(), nil)
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 || !strings.HasPrefix(list[0].Error(), tt.want) {
				t.Errorf("Load with mail.json %q: error %v, want one starting %q", tt.data, err, tt.want)
			}
		})
	}
}

// parseMail accepts only what it can read whole, and says where the
// problem is.
func FuzzParseMail(f *testing.F) {
	f.Add([]byte(`{"width": 560, "styles": {"p": "margin:0;"}}`))
	f.Add([]byte("{\n\"width\": 1,\n\"x\": 2}"))
	f.Add([]byte(`{"width": -1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseMail(data, "layouts/mail.json")
		if err == nil && m.Width <= 0 {
			t.Errorf("parseMail(%q) = width %d, no error", data, m.Width)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "layouts/mail.json") {
			t.Errorf("parseMail(%q): error %q without the file", data, err)
		}
	})
}
