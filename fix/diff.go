package fix

import (
	"github.com/aymanbagabas/go-udiff"
)

// Diff renders the change from before to after as a unified diff with three
// lines of context, labelled a/path and b/path as git does. The line diff
// is go-udiff's (the Go tools' own algorithm), whose effort is bounded: a
// file with tens of thousands of changed lines diffs in milliseconds, where
// an unbounded longest-common-subsequence search takes minutes.
func Diff(path string, before, after []byte) (string, error) {
	if string(before) == string(after) {
		return "", nil
	}
	edits := udiff.Lines(string(before), string(after))
	return udiff.ToUnified("a/"+path, "b/"+path, string(before), edits, udiff.DefaultContextLines)
}
