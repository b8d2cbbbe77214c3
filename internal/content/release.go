package content

// Release drops the bytes of the file. A build that has read, converted
// and checked every brief needs them no more, and a large site's sources
// then take no memory while its pages are rendered. Afterwards Raw and
// Body are nil, and KeyPos gives the first line of the file.
func (s *Source) Release() {
	s.Raw, s.Body, s.frontText = nil, nil, nil
	s.lines, s.headers = nil, nil
}
