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
	// Fingerprint identifies the finding across runs independently of its
	// line (the same value as SARIF's partialFingerprints["dlint/v1"]).
	Fingerprint string `json:"fingerprint"`
}

// JSON writes one document with every finding; its shape is documented in
// the README and versioned by JSONSchemaVersion.
func JSON(w io.Writer, in Input) error {
	out := jsonReport{Version: JSONSchemaVersion, Tool: in.Tool, ToolVer: in.Version, Findings: []jsonFinding{}, Errors: in.Errors}
	if out.Errors == nil {
		out.Errors = []string{}
	}
	fps := fingerprints(&in)
	for i, f := range in.Findings {
		r := ruleOf(&f)
		aliases := r.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		end := f.Range.End
		if end.Line == 0 {
			end = f.Range.Start
		}
		out.Findings = append(out.Findings, jsonFinding{
			Rule: r.ID, Name: r.Name, Aliases: aliases, Severity: f.Severity.String(),
			Path: f.Path, Line: f.Range.Start.Line, Column: f.Range.Start.Column,
			EndLine: end.Line, EndColumn: end.Column, Message: f.Message,
			Suppressed: f.Suppression != nil, Fixable: len(f.Fixes) > 0, HelpURI: r.URL(), Fingerprint: fps[i],
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
