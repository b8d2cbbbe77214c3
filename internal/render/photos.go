package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strconv"
	"strings"

	"github.com/briefs-dev/briefs/internal/images"
	"github.com/briefs-dev/briefs/internal/plan"
	"github.com/briefs-dev/briefs/internal/site"
)

// photoFiles is the Renderer as the family of the files made from photos:
// every variant of each processed photo, the original's own path (its
// widest fallback variant, stripped of metadata like the rest), and the
// drawn social card of each brief without a processed photo.
type photoFiles struct{ r *Renderer }

// Plan plans the files of photos of the briefs of the site.
func (f photoFiles) Plan(p *plan.Plan) {
	r := f.r
	done := map[string]bool{}
	for _, b := range p.Site.Briefs {
		ph := r.processed(b)
		if ph == nil {
			if r.proc != nil {
				// The headline is the brief's as it is when the job runs:
				// an edit of the title keys and draws the card again.
				p.Add(b.Path+images.CardName, func(w *bytes.Buffer) error {
					card, err := r.proc.Card(r.card(p.Brief(b)))
					if err != nil {
						return err
					}
					data, err := card.Data(card.Social.Name)
					w.Write(data)
					return err
				}, func() uint64 { return plan.NewKey(r.configKey).Str(r.card(p.Brief(b)).Key()).Sum() }, b)
			}
			continue
		}
		u := strings.TrimPrefix(b.Photo.URL, "/")
		if done[u] {
			continue
		}
		done[u] = true
		add := func(path, name string) {
			p.Add(path, func(w *bytes.Buffer) error {
				data, err := ph.Data(name)
				w.Write(data)
				return err
			}, func() uint64 { return plan.NewKey(ph.Key).Str(name).Sum() })
		}
		add(u, ph.Largest().Name)
		for _, v := range ph.Variants() {
			add(images.VariantPath(u, v.Name), v.Name)
		}
	}
}

// processed returns the processed photo of brief b, or nil.
func (r *Renderer) processed(b *site.Brief) *images.Photo {
	if b == nil || b.Photo == nil {
		return nil
	}
	return r.imgs.Photo(b.Photo.URL)
}

// card returns the social card drawn for brief b.
func (r *Renderer) card(b *site.Brief) images.Card {
	colors := r.cardColors()
	assets := r.theme.Assets()
	font := assets[CardFont+".ttf"]
	if font == nil {
		font = assets[CardFont+".otf"]
	}
	return images.Card{Site: r.cfg.Title, Headline: b.Title, Background: colors[0], Text: colors[1], Accent: colors[2],
		Quality: r.cfg.Images.Quality, Font: font}
}

// CardFont names the asset, with .ttf or .otf, of a theme's font for the
// drawn social cards: "assets/card-font.ttf".
const CardFont = "card-font"

// Picture is what the photo and card partials show of a photo: the
// sources of a <picture> and its <img>.
type Picture struct {
	Sources []PictureSource // one per format but the fallback, best first
	Src     string          // the URL of the fallback's widest variant, or of the photo itself
	SrcSet  string          // the fallback's variants, "url 480w, …"; empty for a photo not processed
	Type    string
	// Width and Height are Src's, in pixels; 0 when unknown (a remote
	// photo).
	Width, Height int
}

// PictureSource is a <source> of a <picture>.
type PictureSource struct {
	Type   string
	SrcSet string
}

// picture is the template function that gives what pages show of a
// brief's photo: its variants when the build processed it, else the
// photo with its size when known.
func (r *Renderer) picture(ph *site.Photo) *Picture {
	if ph == nil {
		return nil
	}
	s := urlSite(r.cfg)
	processed := r.imgs.Photo(ph.URL)
	if processed == nil {
		pic := &Picture{Src: s.URL(ph.URL), Type: images.Type(ph.URL)}
		pic.Width, pic.Height, _ = r.imgs.Size(ph.URL)
		return pic
	}
	groups := processed.Sources()
	srcset := func(vs []images.Variant) string {
		var b strings.Builder
		for i, v := range vs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(s.URL(images.VariantPath(ph.URL, v.Name)) + " " + strconv.Itoa(v.Width) + "w")
		}
		return b.String()
	}
	pic := &Picture{}
	for _, g := range groups[:len(groups)-1] {
		pic.Sources = append(pic.Sources, PictureSource{Type: g[0].Type, SrcSet: srcset(g)})
	}
	fallback := groups[len(groups)-1]
	widest := fallback[len(fallback)-1]
	pic.Src = s.URL(images.VariantPath(ph.URL, widest.Name))
	pic.SrcSet, pic.Type, pic.Width, pic.Height = srcset(fallback), widest.Type, widest.Width, widest.Height
	return pic
}

// ogImage is the template function that gives a page's Open Graph image:
// for a brief, its photo cropped to a social card, or a card drawn with
// its headline; for other pages (and briefs of a build that processes no
// photos), the brief's photo or the site's default image, or nil.
func (r *Renderer) ogImage(p *Page) *images.Image {
	if b := p.Brief; b != nil {
		s := urlSite(r.cfg)
		if ph := r.processed(b); ph != nil {
			v := ph.Social
			return &images.Image{URL: s.AbsURL(images.VariantPath(b.Photo.URL, v.Name)), Alt: b.Photo.Alt, Type: v.Type, Width: v.Width, Height: v.Height, Large: true}
		}
		if r.proc != nil {
			return &images.Image{URL: s.AbsURL(b.Path + images.CardName), Alt: b.Title, Type: "image/jpeg", Width: images.SocialWidth, Height: images.SocialHeight, Large: true}
		}
		if b.Photo != nil {
			return r.imgs.Image(b.Photo.URL, b.Photo.Alt)
		}
	}
	return r.defaultImage()
}

// newsArticle is the newsArticle template function of this Renderer: the
// NewsArticle of a brief page, whose image, when the build processed the
// photo, is its 16:9, 4:3 and 1:1 crops, as Google asks.
func (r *Renderer) newsArticle(p *Page) (template.JS, error) {
	doc := newNewsArticle(p)
	if ph := r.processed(p.Brief); ph != nil {
		img := doc.Image.(*schemaImage)
		crops := make([]*schemaImage, len(ph.Crops))
		for i, c := range ph.Crops {
			crop := *img
			crop.URL = p.Site.AbsURL(images.VariantPath(p.Brief.Photo.URL, c.Name))
			crop.Width, crop.Height = c.Width, c.Height
			crops[i] = &crop
		}
		doc.Image = crops
	}
	data, err := json.Marshal(doc)
	return template.JS(data), err
}
