package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var copyFromSelf = &Rule{
	ID: "DL3023", Name: "copy-from-own-stage", Aliases: []string{"DS-0006"},
	Kind: parser.Dockerfile, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "COPY --from or RUN --mount from= names the stage it is in",
	Doc: "A stage cannot read from itself while it is being built: BuildKit stops with \"circular " +
		"dependency detected on stage\". Copy from the stage that produces the files, usually an " +
		"earlier build stage, or use a plain COPY from the build context.",
	Bad:   "FROM golang:1.23 AS build\nCOPY --from=build /src/app /app",
	Good:  "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app",
	Check: checkCopyFromSelf,
}

func checkCopyFromSelf(p *Pass) {
	for _, r := range p.Stages().Refs {
		if r.Kind != RefBase && !r.OnBuild && r.Self() {
			p.Report(r.Range, fmt.Sprintf("%s=%s names %s, the stage it is in", r.Kind, r.Name, stageName(r.Stage)))
		}
	}
}
