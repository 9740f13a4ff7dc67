package report

import (
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
	out := checkstyleReport{Version: "4.3"}
	index := map[string]int{}
	for i, p := range fileList(&in) {
		index[p] = i
		out.Files = append(out.Files, checkstyleFile{Name: Sanitize(p)})
	}
	for _, f := range active(in.Findings) {
		s := spanOf(f.Range)
		cf := &out.Files[index[displayPath(&in, f.Path)]]
		cf.Errors = append(cf.Errors, checkstyleError{
			Line: s.Line, Column: s.Col, Severity: checkstyleSeverity(f.Severity),
			Message: Sanitize(f.Message), Source: ruleOf(&f).ID,
		})
	}
	for _, e := range in.Errors {
		file, msg := splitError(e)
		out.Files = append(out.Files, checkstyleFile{Name: Sanitize(file), Errors: []checkstyleError{
			{Line: 1, Severity: "error", Message: Sanitize(msg), Source: "dlint"},
		}})
	}
	return writeXML(w, out)
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

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
