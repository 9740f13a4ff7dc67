package report

import (
	"io"

	"github.com/dlint/dlint/rules"
)

// A Stream writes one report as the findings come, a file's findings at a
// time and in report order (by path, then position); Close writes what
// follows them, given the files that could not be read, and flushes.
// Every format streams, so a run over a whole repository need not hold
// every finding until the end: a document whose head depends on later
// findings (SARIF's invocation, JUnit's totals) keeps their encoded bytes
// (spillBuffer), and Markdown keeps the rows its table can show.
type Stream interface {
	Write(findings []rules.Finding) error
	Close(errors []string) error
}

// Streams maps each format to the constructor of its stream. in gives
// everything but Findings and Errors, which the Stream's methods take.
var Streams = map[string]func(w io.Writer, in Input) Stream{
	"text":       newTextStream,
	"json":       newJSONStream,
	"github":     newGitHubStream,
	"sarif":      newSARIFStream,
	"gitlab":     newGitLabStream,
	"checkstyle": newCheckstyleStream,
	"markdown":   newMarkdownStream,
	"junit":      newJUnitStream,
}

// A FileStream is a Stream whose report names every file checked, those
// without findings too: File is told of each, in report order, before
// Write is given its findings.
type FileStream interface {
	Stream
	File(path string)
}

// writeAll writes a whole report through a Stream; a FileStream is told of
// the files in.Files and the findings name, in order, each followed by its
// findings.
func writeAll(s Stream, in Input) error {
	fs, ok := s.(FileStream)
	if !ok {
		if err := s.Write(in.Findings); err != nil {
			return err
		}
		return s.Close(in.Errors)
	}
	byFile := map[string][]rules.Finding{}
	for _, f := range in.Findings {
		p := displayPath(&in, f.Path)
		byFile[p] = append(byFile[p], f)
	}
	for _, p := range fileList(&in) {
		fs.File(p)
		if len(byFile[p]) > 0 {
			if err := s.Write(byFile[p]); err != nil {
				return err
			}
		}
	}
	return s.Close(in.Errors)
}
