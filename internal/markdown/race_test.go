//go:build race

package markdown

// raceEnabled is set when the race detector runs, which makes the largest
// inputs of the hostile tests too slow to convert.
const raceEnabled = true
