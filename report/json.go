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
	return writeAll(newJSONStream(w, in), in)
}

// jsonStream writes the JSON document one finding at a time, so a report of
// tens of thousands of findings never sits in memory whole.
type jsonStream struct {
	in  Input
	bw  *bufio.Writer
	n   int // findings written
	buf []byte
	// heads holds, for each rule met so far, its members of a finding
	// written once (rule, name, aliases), and its help URL: a run writes
	// tens of thousands of findings of a few dozen rules.
	heads map[*rules.Rule]*jsonRuleHead
	// path is the path of the last finding written, pathJSON its encoding.
	path     string
	pathJSON []byte
}

type jsonRuleHead struct {
	members []byte // the object's opening and first members
	url     []byte // the help URL, encoded
}

func newJSONStream(w io.Writer, in Input) Stream {
	s := &jsonStream{in: in, bw: bufio.NewWriter(w), heads: map[*rules.Rule]*jsonRuleHead{}}
	head := jsonObject{}
	head.str("version", JSONSchemaVersion)
	head.str("tool", in.Tool)
	head.str("toolVersion", in.Version)
	s.bw.Write(head.b)
	s.bw.WriteString(",\n  \"findings\": [")
	return s
}

func (s *jsonStream) Write(findings []rules.Finding) error {
	fps := fingerprintsOf(findings, &s.in)
	for i := range findings {
		f := &findings[i]
		r := ruleOf(f)
		end := f.Range.End
		if end.Line == 0 {
			end = f.Range.Start
		}
		head := s.heads[r]
		if head == nil {
			o := jsonObject{prefix: "    "}
			o.str("rule", r.ID)
			o.str("name", r.Name)
			o.strs("aliases", r.Aliases)
			head = &jsonRuleHead{members: o.b, url: appendJSONString(nil, r.URL())}
			s.heads[r] = head
		}
		o := jsonObject{b: append(s.buf[:0], head.members...), prefix: "    ", n: 3}
		o.str("severity", f.Severity.String())
		// A file's findings share their path: encoded once.
		if f.Path != s.path || s.pathJSON == nil {
			s.path, s.pathJSON = f.Path, appendJSONString(s.pathJSON[:0], f.Path)
		}
		o.encoded("path", s.pathJSON)
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
		o.encoded("helpUri", head.url)
		// The same value as SARIF's partialFingerprints["dlint/v1"]: the
		// finding's identity across runs, independent of its line.
		o.str("fingerprint", fps[i])
		s.buf = o.end()
		if s.n > 0 {
			s.bw.WriteByte(',')
		}
		s.n++
		s.bw.WriteString("\n    ")
		s.bw.Write(s.buf)
	}
	return nil
}

func (s *jsonStream) Close(errors []string) error {
	if s.n > 0 {
		s.bw.WriteString("\n  ")
	}
	s.bw.WriteString("],\n  \"errors\": ")
	s.bw.Write(appendJSONStrings(nil, errors, "  "))
	s.bw.WriteString("\n}\n")
	return s.bw.Flush()
}
