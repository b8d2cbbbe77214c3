package check

// declaredTerms returns the names the site declares for key ("topics" or
// "authors"): its registry's entries ([[topics]] ids, [[authors]] names)
// and the list of [check], and where a finding says they are declared.
func (c *checker) declaredTerms(key string) (names []string, where string) {
	var registry []string
	if key == "topics" {
		for _, t := range c.cfg.Topics {
			registry = append(registry, t.ID)
		}
		names = c.cfg.Check.Topics
	} else {
		for _, a := range c.cfg.Authors {
			registry = append(registry, a.Name)
		}
		names = c.cfg.Check.Authors
	}
	switch {
	case len(registry) == 0:
		return names, "[check] " + key
	case len(names) == 0:
		return registry, "[[" + key + "]]"
	}
	return append(registry, names...), "[[" + key + "]] or [check] " + key
}
