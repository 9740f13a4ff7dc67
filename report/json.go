package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// JSONSchemaVersion is the version of the JSON report's shape; it changes
// only when a field is removed or changes meaning.
const JSONSchemaVersion = "1"

// jsonHead is the start of the document; findings and errors follow.
type jsonHead struct {
	Version string `json:"version"`
	Tool    string `json:"tool"`
	ToolVer string `json:"toolVersion"`
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
	errs := in.Errors
	if errs == nil {
		errs = []string{}
	}
	// The document is streamed one finding at a time, so a report of tens
	// of thousands of findings never sits in memory whole.
	head, err := marshal(jsonHead{Version: JSONSchemaVersion, Tool: in.Tool, ToolVer: in.Version}, "")
	if err != nil {
		return err
	}
	// The head is an object of three strings; reopen it to append the arrays.
	head = bytes.TrimSuffix(bytes.TrimRight(head, "\n"), []byte("\n}"))
	bw := bufio.NewWriter(w)
	bw.Write(head)
	bw.WriteString(",\n  \"findings\": [")
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
		b, err := marshal(jsonFinding{
			Rule: r.ID, Name: r.Name, Aliases: aliases, Severity: f.Severity.String(),
			Path: f.Path, Line: f.Range.Start.Line, Column: f.Range.Start.Column,
			EndLine: end.Line, EndColumn: end.Column, Message: f.Message,
			Suppressed: f.Suppression != nil, Fixable: len(f.Fixes) > 0, HelpURI: r.URL(), Fingerprint: fps[i],
		}, "    ")
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimRight(b, "\n"))
	}
	if len(in.Findings) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n  \"errors\": ")
	b, err := marshal(errs, "  ")
	if err != nil {
		return err
	}
	bw.Write(bytes.TrimRight(b, "\n"))
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// marshal encodes v indented by two spaces under prefix, without escaping
// HTML characters.
func marshal(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
