package report

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"io"

	"github.com/dlint/dlint/rules"
)

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
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
// encoding/xml lays out checkstyleReport with two spaces of indentation.
type checkstyleStream struct {
	in     Input
	bw     *bufio.Writer
	open   string // the shown path of the <file> left open
	isOpen bool
	errors bool // the open <file> has an <error>
	files  int  // <file> elements started
	err    error
	// One element at a time is encoded into buf: an Encoder made for each
	// (its own buffer of 4 KB) was most of the report's time.
	buf bytes.Buffer
	enc *xml.Encoder
}

func newCheckstyleStream(w io.Writer, in Input) Stream {
	s := &checkstyleStream{in: in, bw: bufio.NewWriter(w)}
	s.enc = xml.NewEncoder(&s.buf)
	s.bw.WriteString(xml.Header)
	s.element(checkstyleReport{Version: "4.3"}, "", "</checkstyle>")
	return s
}

// element writes v, encoded on its own after prefix, without the suffix
// cut (the end tag of an element whose content follows).
func (s *checkstyleStream) element(v any, prefix, cut string) {
	s.buf.Reset()
	enc := s.enc
	var err error
	switch v := v.(type) {
	case checkstyleReport:
		err = enc.Encode(v)
	case checkstyleFile:
		err = enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: "file"}})
	case checkstyleError:
		err = enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: "error"}})
	}
	if err == nil {
		err = enc.Flush()
	}
	if err != nil && s.err == nil {
		s.err = err
	}
	s.bw.WriteString(prefix)
	s.bw.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte(cut)))
}

// File starts the <file> of path, unless it is the one open.
func (s *checkstyleStream) File(path string) {
	shown := displayPath(&s.in, path)
	if s.isOpen && shown == s.open {
		return
	}
	s.endFile()
	s.element(checkstyleFile{Name: Sanitize(shown)}, "\n  ", "</file>")
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
		s.element(checkstyleError{
			Line: sp.Line, Column: sp.Col, Severity: checkstyleSeverity(f.Severity),
			Message: Sanitize(f.Message), Source: ruleOf(f).ID,
		}, "\n    ", "")
		s.errors = true
	}
	return s.err
}

func (s *checkstyleStream) Close(errors []string) error {
	s.endFile()
	for _, e := range errors {
		file, msg := splitError(e)
		s.element(checkstyleFile{Name: Sanitize(file)}, "\n  ", "</file>")
		s.element(checkstyleError{Line: 1, Severity: "error", Message: Sanitize(msg), Source: "dlint"}, "\n    ", "")
		s.bw.WriteString("\n  </file>")
		s.files++
	}
	if s.files > 0 {
		s.bw.WriteString("\n")
	}
	s.bw.WriteString("</checkstyle>\n")
	if s.err != nil {
		return s.err
	}
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
