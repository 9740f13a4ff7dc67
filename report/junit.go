package report

import (
	"encoding/xml"
	"fmt"
	"io"
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
	out := junitReport{Name: nonEmpty(in.Tool, "dlint")}
	index := map[string]int{}
	for i, p := range fileList(&in) {
		index[p] = i
		out.Suites = append(out.Suites, junitSuite{Name: Sanitize(p)})
	}
	for _, f := range active(in.Findings) {
		r := ruleOf(&f)
		p := displayPath(&in, f.Path)
		s := spanOf(f.Range)
		suite := &out.Suites[index[p]]
		msg := Sanitize(f.Message)
		where := Sanitize(p) + ":" + s.pos()
		suite.Cases = append(suite.Cases, junitCase{
			Classname: r.ID,
			Name:      where + " " + msg,
			File:      Sanitize(p),
			Failure: &junitProblem{
				Message: msg,
				Type:    f.Severity.String(),
				Body:    fmt.Sprintf("%s: %s: %s (%s %s)\n%s", where, f.Severity, msg, r.ID, r.Name, r.URL()),
			},
		})
		suite.Failures++
	}
	for i := range out.Suites {
		s := &out.Suites[i]
		if len(s.Cases) == 0 {
			s.Cases = []junitCase{{Classname: out.Name, Name: s.Name, File: s.Name}}
		}
	}
	if len(in.Errors) > 0 {
		suite := junitSuite{Name: out.Name}
		for _, e := range in.Errors {
			file, msg := splitError(e)
			suite.Cases = append(suite.Cases, junitCase{
				Classname: out.Name, Name: Sanitize(nonEmpty(file, msg)), File: Sanitize(file),
				Error: &junitProblem{Message: Sanitize(msg), Type: "error", Body: Sanitize(valid(e))},
			})
			suite.Errors++
		}
		out.Suites = append(out.Suites, suite)
	}
	for i := range out.Suites {
		s := &out.Suites[i]
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
	}
	return writeXML(w, out)
}
