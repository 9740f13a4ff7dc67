package report

import (
	"bufio"
	"io"

	"github.com/dlint/dlint/rules"
)

// JSONSchemaVersion is the version of the JSON report's shape; it changes
// only when a field is removed or changes meaning.
const JSONSchemaVersion = "1"

// JSON writes one document with every finding; its shape is documented in
// the README and versioned by JSONSchemaVersion.
func JSON(w io.Writer, in Input) error {
	// The document is streamed one finding at a time, so a report of tens
	// of thousands of findings never sits in memory whole.
	bw := bufio.NewWriter(w)
	head := jsonObject{}
	head.str("version", JSONSchemaVersion)
	head.str("tool", in.Tool)
	head.str("toolVersion", in.Version)
	bw.Write(head.b)
	bw.WriteString(",\n  \"findings\": [")
	fps := fingerprints(&in)
	var buf []byte
	urls := map[*rules.Rule]string{}
	for i := range in.Findings {
		f := &in.Findings[i]
		r := ruleOf(f)
		end := f.Range.End
		if end.Line == 0 {
			end = f.Range.Start
		}
		o := jsonObject{b: buf[:0], prefix: "    "}
		o.str("rule", r.ID)
		o.str("name", r.Name)
		o.strs("aliases", r.Aliases)
		o.str("severity", f.Severity.String())
		o.str("path", f.Path)
		o.int("line", f.Range.Start.Line)
		o.int("column", f.Range.Start.Column)
		o.int("endLine", end.Line)
		o.int("endColumn", end.Column)
		o.str("message", f.Message)
		if f.Suppression != nil {
			o.boolean("suppressed", true)
		}
		if len(f.Fixes) > 0 {
			o.boolean("fixable", true)
		}
		url, ok := urls[r]
		if !ok {
			url = r.URL()
			urls[r] = url
		}
		o.str("helpUri", url)
		// The same value as SARIF's partialFingerprints["dlint/v1"]: the
		// finding's identity across runs, independent of its line.
		o.str("fingerprint", fps[i])
		buf = o.end()
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(buf)
	}
	if len(in.Findings) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n  \"errors\": ")
	bw.Write(appendJSONStrings(nil, in.Errors, "  "))
	bw.WriteString("\n}\n")
	return bw.Flush()
}
