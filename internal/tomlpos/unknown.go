package tomlpos

import "github.com/BurntSushi/toml"

// Unknown returns the keys of a document that md did not decode into its
// struct, in the document's order, leaving out the keys inside a table
// that is unknown itself (a mistake is reported once, at the table) and
// the keys for which free reports true (those of a free-form table such as
// params).
func Unknown(md toml.MetaData, free func(key []string) bool) []toml.Key {
	undecoded := md.Undecoded()
	unknown := make(map[string]bool, len(undecoded))
	for _, key := range undecoded {
		unknown[key.String()] = true
	}
	var keys []toml.Key
	for _, key := range undecoded {
		if len(key) > 0 && !free(key) && !insideAny(key, unknown) {
			keys = append(keys, key)
		}
	}
	return keys
}

// insideAny reports whether key lies inside another of the keys, given by
// their dotted strings, as the keys of an unknown table do.
func insideAny(key toml.Key, keys map[string]bool) bool {
	for n := 1; n < len(key); n++ {
		if keys[key[:n].String()] {
			return true
		}
	}
	return false
}
