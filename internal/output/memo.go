package output

// ReadMemo returns the memo that the build which wrote the output folder
// dest kept with it (Writer.SetMemo), for a command that reads a build's
// output, such as a deploy that needs the build's next change: "" when
// dest holds no build's output.
func ReadMemo(dest string) (string, error) {
	_, memo, err := readManifest(dest, true)
	return memo, err
}
