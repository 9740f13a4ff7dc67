package report

import (
	"bufio"
	"encoding/xml"
	"io"

	"github.com/dlint/dlint/rules"
)

// checkstyleError is one <error> element; the tags say how encoding/xml
// would write it, which appendCheckstyleError does by hand (a test holds
// the two to the same bytes).
type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// appendCheckstyleError appends e as encoding/xml writes it.
func appendCheckstyleError(b []byte, e checkstyleError) []byte {
	b = append(b, "<error"...)
	b = appendXMLIntAttr(b, "line", e.Line)
	if e.Column != 0 {
		b = appendXMLIntAttr(b, "column", e.Column)
	}
	b = appendXMLAttr(b, "severity", e.Severity)
	b = appendXMLAttr(b, "message", e.Message)
	b = appendXMLAttr(b, "source", e.Source)
	return append(b, "></error>"...)
}

// appendCheckstyleFileStart appends the start tag of a <file> element.
func appendCheckstyleFileStart(b []byte, name string) []byte {
	b = append(b, "<file"...)
	b = appendXMLAttr(b, "name", name)
	return append(b, '>')
}

// Checkstyle writes Checkstyle XML as ShellCheck and hadolint do, for
// Jenkins warnings-ng, reviewdog (-f=checkstyle) and IDE plugins: one
// <file> per file (clean files from Input.Files too) and one <error> per
// finding, with the rule ID as source. Suppressed findings are left out;
// files that could not be read get one error with source "dlint".
func Checkstyle(w io.Writer, in Input) error {
	return writeAll(newCheckstyleStream(w, in), in)
}

// checkstyleStream writes the document a <file> at a time, laid out as
// encoding/xml lays out the whole document with two spaces of indentation.
type checkstyleStream struct {
	in     Input
	bw     *bufio.Writer
	open   string // the shown path of the <file> left open
	isOpen bool
	errors bool   // the open <file> has an <error>
	files  int    // <file> elements started
	line   []byte // the element being written, reused
}

func newCheckstyleStream(w io.Writer, in Input) Stream {
	s := &checkstyleStream{in: in, bw: bufio.NewWriter(w)}
	s.bw.WriteString(xml.Header)
	s.bw.WriteString(`<checkstyle version="4.3">`)
	return s
}

// startFile writes the start tag of a <file>.
func (s *checkstyleStream) startFile(name string) {
	s.line = appendCheckstyleFileStart(append(s.line[:0], "\n  "...), name)
	s.bw.Write(s.line)
}

// writeError writes an <error> of the open <file>.
func (s *checkstyleStream) writeError(e checkstyleError) {
	s.line = appendCheckstyleError(append(s.line[:0], "\n    "...), e)
	s.bw.Write(s.line)
}

// File starts the <file> of path, unless it is the one open.
func (s *checkstyleStream) File(path string) {
	shown := displayPath(&s.in, path)
	if s.isOpen && shown == s.open {
		return
	}
	s.endFile()
	s.startFile(Sanitize(shown))
	s.open, s.isOpen, s.errors = shown, true, false
	s.files++
}

func (s *checkstyleStream) endFile() {
	if !s.isOpen {
		return
	}
	if s.errors {
		s.bw.WriteString("\n  ")
	}
	s.bw.WriteString("</file>")
	s.isOpen = false
}

func (s *checkstyleStream) Write(findings []rules.Finding) error {
	for i := range findings {
		f := &findings[i]
		if f.Suppression != nil {
			continue
		}
		s.File(f.Path) // already open when the caller named the file first
		sp := spanOf(f.Range)
		s.writeError(checkstyleError{
			Line: sp.Line, Column: sp.Col, Severity: checkstyleSeverity(f.Severity),
			Message: Sanitize(f.Message), Source: ruleOf(f).ID,
		})
		s.errors = true
	}
	return nil
}

func (s *checkstyleStream) Close(errors []string) error {
	s.endFile()
	for _, e := range errors {
		file, msg := splitError(e)
		s.startFile(Sanitize(file))
		s.writeError(checkstyleError{Line: 1, Severity: "error", Message: Sanitize(msg), Source: "dlint"})
		s.bw.WriteString("\n  </file>")
		s.files++
	}
	if s.files > 0 {
		s.bw.WriteString("\n")
	}
	s.bw.WriteString("</checkstyle>\n")
	return s.bw.Flush()
}

func checkstyleSeverity(s rules.Severity) string {
	switch {
	case s >= rules.Error:
		return "error"
	case s == rules.Warning:
		return "warning"
	}
	return "info"
}
