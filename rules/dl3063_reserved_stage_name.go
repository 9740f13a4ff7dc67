package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var reservedStageName = &Rule{
	ID: "DL3063", Name: "reserved-stage-name", Aliases: []string{"ReservedStageName"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "A stage must not be named scratch or context",
	Doc: "`scratch` is the empty base image and `context` names the build context in `--build-context` " +
		"and `COPY --from`. A stage with one of these names makes later references ambiguous. The name is " +
		"compared after lowercasing, as BuildKit does (hadolint compares it exactly).",
	Bad:  "FROM alpine:3.20 AS scratch",
	Good: "FROM alpine:3.20 AS base",
	Check: func(p *Pass) {
		for _, st := range p.Dockerfile.Stages {
			if st.Name != "scratch" && st.Name != "context" {
				continue
			}
			r := st.NameRange
			if r.IsZero() {
				r = firstLine(st.From)
			}
			p.Report(r, fmt.Sprintf("stage name %q is reserved", st.Name))
		}
	},
}
