package report

import (
	"bytes"
	"encoding/xml"
	"io"

	"github.com/dlint/dlint/rules"
)

type junitReport struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// JUnit writes JUnit XML for GitLab's test report widget, Jenkins, Azure
// DevOps and CircleCI: one <testsuite> per file, one failing <testcase> per
// finding (classname = rule ID, name = "path:line message", file = path),
// and one passing test case for a file without findings (clean files come
// from Input.Files), so that suites are never empty. Suppressed findings
// are left out; files that could not be read are <error> cases in a suite
// named after the tool.
func JUnit(w io.Writer, in Input) error {
	return writeAll(newJUnitStream(w, in), in)
}

// junitStream encodes each <testsuite> once its file is done and keeps the
// bytes (past spillSize in a temporary file): the totals on <testsuites>
// come first in the document and are known only at the end.
type junitStream struct {
	in     Input
	w      io.Writer
	name   string
	suite  *junitSuite // the file's suite being filled
	shown  string      // its shown path
	suites spillBuffer // the encoded suites before it
	n      int         // suites encoded
	total  junitReport // the totals
	err    error
	// encoded is the last suite encoded, its room reused: a suite is
	// written by hand (appendJUnitSuite), as encoding/xml's reflection
	// cost a report of many findings several times the JSON report.
	encoded []byte
}

func newJUnitStream(w io.Writer, in Input) Stream {
	name := nonEmpty(in.Tool, "dlint")
	return &junitStream{in: in, w: w, name: name, total: junitReport{Name: name}}
}

// File starts the suite of path, unless it is the one being filled.
func (s *junitStream) File(path string) {
	shown := displayPath(&s.in, path)
	if s.suite != nil && shown == s.shown {
		return
	}
	s.endSuite()
	s.suite, s.shown = &junitSuite{Name: Sanitize(shown)}, shown
}

// endSuite encodes the suite being filled, laid out as encoding/xml lays
// it out inside the whole document.
func (s *junitStream) endSuite() {
	su := s.suite
	if su == nil {
		return
	}
	s.suite = nil
	if len(su.Cases) == 0 {
		su.Cases = []junitCase{{Classname: s.name, Name: su.Name, File: su.Name}}
	}
	su.Tests = len(su.Cases)
	s.total.Tests += su.Tests
	s.total.Failures += su.Failures
	s.total.Errors += su.Errors
	s.encoded = appendJUnitSuite(append(s.encoded[:0], '\n'), su)
	s.suites.mem.Write(s.encoded)
	if err := s.suites.spillIfLarge(); err != nil && s.err == nil {
		s.err = err
	}
	s.n++
}

// appendJUnitSuite appends su as encoding/xml writes it as an element of
// the document indented by two spaces: the suite one level in.
func appendJUnitSuite(b []byte, su *junitSuite) []byte {
	b = append(b, "  <testsuite"...)
	b = appendXMLAttr(b, "name", su.Name)
	b = appendXMLIntAttr(b, "tests", su.Tests)
	b = appendXMLIntAttr(b, "failures", su.Failures)
	b = appendXMLIntAttr(b, "errors", su.Errors)
	b = appendXMLIntAttr(b, "skipped", su.Skipped)
	b = append(b, '>')
	if len(su.Cases) == 0 {
		return append(b, "</testsuite>"...)
	}
	for i := range su.Cases {
		c := &su.Cases[i]
		b = append(b, "\n    <testcase"...)
		b = appendXMLAttr(b, "classname", c.Classname)
		b = appendXMLAttr(b, "name", c.Name)
		if c.File != "" {
			b = appendXMLAttr(b, "file", c.File)
		}
		b = append(b, '>')
		children := false
		for _, p := range [...]struct {
			tag string
			p   *junitProblem
		}{{"failure", c.Failure}, {"error", c.Error}} {
			if p.p == nil {
				continue
			}
			children = true
			b = append(b, "\n      <"...)
			b = append(b, p.tag...)
			b = appendXMLAttr(b, "message", p.p.Message)
			b = appendXMLAttr(b, "type", p.p.Type)
			b = append(b, '>')
			b = appendXMLText(b, p.p.Body)
			b = append(b, "</"...)
			b = append(b, p.tag...)
			b = append(b, '>')
		}
		if children {
			b = append(b, "\n    "...)
		}
		b = append(b, "</testcase>"...)
	}
	return append(b, "\n  </testsuite>"...)
}

func (s *junitStream) Write(findings []rules.Finding) error {
	for i := range findings {
		f := &findings[i]
		if f.Suppression != nil {
			continue
		}
		s.File(f.Path) // already started when the caller named the file first
		r := ruleOf(f)
		p := Sanitize(s.shown)
		msg := Sanitize(f.Message)
		where := p + ":" + spanOf(f.Range).pos()
		s.suite.Cases = append(s.suite.Cases, junitCase{
			Classname: r.ID,
			Name:      where + " " + msg,
			File:      p,
			Failure: &junitProblem{
				Message: msg,
				Type:    f.Severity.String(),
				Body:    where + ": " + f.Severity.String() + ": " + msg + " (" + r.ID + " " + r.Name + ")\n" + r.URL(),
			},
		})
		s.suite.Failures++
	}
	return s.err
}

func (s *junitStream) Close(errors []string) error {
	s.endSuite()
	defer s.suites.close()
	if len(errors) > 0 {
		s.suite = &junitSuite{Name: s.name}
		for _, e := range errors {
			file, msg := splitError(e)
			s.suite.Cases = append(s.suite.Cases, junitCase{
				Classname: s.name, Name: Sanitize(nonEmpty(file, msg)), File: Sanitize(file),
				Error: &junitProblem{Message: Sanitize(msg), Type: "error", Body: Sanitize(valid(e))},
			})
			s.suite.Errors++
		}
		s.endSuite()
	}
	if s.err != nil {
		return s.err
	}
	// The document's head with the totals, then the suites, then its end.
	var head bytes.Buffer
	head.WriteString(xml.Header)
	if err := xml.NewEncoder(&head).Encode(s.total); err != nil {
		return err
	}
	end := "</testsuites>"
	if _, err := s.w.Write(bytes.TrimSuffix(head.Bytes(), []byte(end))); err != nil {
		return err
	}
	if err := s.suites.writeTo(s.w); err != nil {
		return err
	}
	if s.n > 0 {
		end = "\n" + end
	}
	_, err := io.WriteString(s.w, end+"\n")
	return err
}
