package report

import (
	"io"

	"github.com/dlint/dlint/rules"
)

// A Stream writes one report as the findings come, a file's findings at a
// time and in report order (by path, then position); Close writes what
// follows them, given the files that could not be read, and flushes.
// Formats whose document needs nothing from later findings stream, so a
// run over a whole repository need not hold every finding until the end.
type Stream interface {
	Write(findings []rules.Finding) error
	Close(errors []string) error
}

// Streams maps each format that can be written as a stream to its
// constructor. in gives everything but Findings and Errors, which the
// Stream's methods take.
var Streams = map[string]func(w io.Writer, in Input) Stream{
	"text":   newTextStream,
	"json":   newJSONStream,
	"github": newGitHubStream,
	"sarif":  newSARIFStream,
	"gitlab": newGitLabStream,
}

// writeAll writes a whole report through a Stream.
func writeAll(s Stream, in Input) error {
	if err := s.Write(in.Findings); err != nil {
		return err
	}
	return s.Close(in.Errors)
}
