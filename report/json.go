package report

import (
	"encoding/json"
	"io"
)

// JSONSchemaVersion is the version of the JSON report's shape; it changes
// only when a field is removed or changes meaning.
const JSONSchemaVersion = "1"

type jsonReport struct {
	Version  string        `json:"version"`
	Tool     string        `json:"tool"`
	ToolVer  string        `json:"toolVersion"`
	Findings []jsonFinding `json:"findings"`
	Errors   []string      `json:"errors"`
}

type jsonFinding struct {
	Rule       string   `json:"rule"`
	Name       string   `json:"name"`
	Aliases    []string `json:"aliases"`
	Severity   string   `json:"severity"`
	Path       string   `json:"path"`
	Line       int      `json:"line"`
	Column     int      `json:"column"`
	EndLine    int      `json:"endLine"`
	EndColumn  int      `json:"endColumn"`
	Message    string   `json:"message"`
	Suppressed bool     `json:"suppressed,omitempty"`
	Fixable    bool     `json:"fixable,omitempty"`
	HelpURI    string   `json:"helpUri"`
}

// JSON writes one document with every finding; its shape is documented in
// the README and versioned by JSONSchemaVersion.
func JSON(w io.Writer, in Input) error {
	out := jsonReport{Version: JSONSchemaVersion, Tool: in.Tool, ToolVer: in.Version, Findings: []jsonFinding{}, Errors: in.Errors}
	if out.Errors == nil {
		out.Errors = []string{}
	}
	for _, f := range in.Findings {
		aliases := f.Rule.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		end := f.Range.End
		if end.Line == 0 {
			end = f.Range.Start
		}
		out.Findings = append(out.Findings, jsonFinding{
			Rule: f.Rule.ID, Name: f.Rule.Name, Aliases: aliases, Severity: f.Severity.String(),
			Path: f.Path, Line: f.Range.Start.Line, Column: f.Range.Start.Column,
			EndLine: end.Line, EndColumn: end.Column, Message: f.Message,
			Suppressed: f.Suppression != nil, Fixable: len(f.Fixes) > 0, HelpURI: f.Rule.URL(),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
