package site

// nameTerms links each topic and author to its entry of the site's
// registries, whose name it then shows: "white-house" is "White House"
// wherever the topic is shown.
func (s *Site) nameTerms() {
	for _, t := range s.Topics {
		if t.Topic = s.Config.TopicBySlug(t.Slug); t.Topic != nil {
			t.Name = t.Topic.Name
		}
	}
	for _, t := range s.Authors {
		if t.Author = s.Config.AuthorBySlug(t.Slug); t.Author != nil {
			t.Name = t.Author.Name
		}
	}
}
