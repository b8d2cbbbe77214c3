package content

import "bytes"

// Release drops the bytes of the file. A build that has read, converted
// and checked every brief needs them no more, and a large site's sources
// then take no memory while its pages are rendered. Afterwards Raw and
// Body are nil, and KeyPos gives the first line of the file.
func (s *Source) Release() {
	s.Raw, s.Body, s.frontText = nil, nil, nil
	s.lines, s.headers = nil, nil
}

// ReleaseBody drops the bytes of the file but for the front matter, which
// KeyPos reads: a build calls it once the body is converted, so that the
// sources of a large site are not all held while the rest load and check
// runs.
func (s *Source) ReleaseBody() {
	s.frontText = bytes.Clone(s.frontText)
	s.Raw, s.Body = nil, nil
	s.lines, s.headers = nil, nil
}
