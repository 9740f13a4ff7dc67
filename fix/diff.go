package fix

import (
	"github.com/pmezard/go-difflib/difflib"
)

// Diff renders the change from before to after as a unified diff with three
// lines of context, labelled a/path and b/path as git does.
func Diff(path string, before, after []byte) (string, error) {
	if string(before) == string(after) {
		return "", nil
	}
	return difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A:        splitLines(before),
		B:        splitLines(after),
		FromFile: "a/" + path,
		ToFile:   "b/" + path,
		Context:  3,
	})
}

// splitLines splits text into lines that each end in "\n"; a last line
// without one carries the marker patch tools expect.
func splitLines(b []byte) []string {
	lines := difflib.SplitLines(string(b))
	// SplitLines adds a final "\n" to the last element; undo that for a
	// file that ends in a newline (it yields an empty last element).
	if n := len(lines); n > 0 && lines[n-1] == "\n" {
		return lines[:n-1]
	}
	if n := len(lines); n > 0 && len(b) > 0 && b[len(b)-1] != '\n' {
		lines[n-1] += "\\ No newline at end of file\n"
	}
	return lines
}
