package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
)

var stageNameCasing = &Rule{
	ID: "DL5400", Name: "stage-name-casing", Aliases: []string{"StageNameCasing"},
	Kind: parser.Dockerfile, Severity: Style,
	Tags:    []string{TagStyle},
	Summary: "Stage names should be lowercase",
	Doc: "BuildKit lowercases stage names, so `AS Builder` declares `builder` and `COPY --from=Builder` " +
		"still works, but the name as written no longer matches what `--target` and error messages show. " +
		"Write stage names in lowercase. Reported for `FROM image AS Name` (exactly three words), as " +
		"`docker build --check` does.",
	Bad:  "FROM golang:1.23 AS Builder",
	Good: "FROM golang:1.23 AS builder",
	Check: func(p *Pass) {
		for _, st := range p.Dockerfile.Stages {
			in := st.From
			if len(in.Args) != 3 {
				continue
			}
			name := in.Args[2]
			if name == strings.ToLower(name) {
				continue
			}
			r := st.NameRange
			if r.IsZero() {
				r = firstLine(in)
			}
			var fixes []Fix
			if !st.NameRange.IsZero() {
				fixes = append(fixes, Fix{Message: "Lowercase the stage name", Safe: true,
					Edits: []Edit{{Range: st.NameRange, NewText: strings.ToLower(name)}}})
			}
			bkReport(p, "StageNameCasing", in.Comments, r, fmt.Sprintf("stage name %q should be lowercase", name), fixes...)
		}
	},
}
