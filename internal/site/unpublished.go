package site

// Unpublished returns the briefs the site holds but does not publish at
// its build time: drafts, and briefs scheduled for later, in the order of
// their files. Briefs that expired or were retracted are not among them:
// their URLs answer with pages of their own.
func (s *Site) Unpublished() []*Brief {
	var out []*Brief
	for _, b := range s.all {
		if !s.published[b.Path] && b.Retracted == nil && !b.Expired && (b.Draft || b.Future) {
			out = append(out, b)
		}
	}
	return out
}
