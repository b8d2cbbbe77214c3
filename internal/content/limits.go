package content

// MaxFrontMatterDepth is how deep the tables, arrays and dotted keys of
// TOML front matter may nest. The toml package takes time quadratic in
// that depth and more (a value nested 2,000 inline tables deep took 6 s,
// 15,000 deep five minutes); real front matter nests three or four.
const MaxFrontMatterDepth = 32
