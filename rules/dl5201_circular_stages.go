package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var circularStages = &Rule{
	ID: "DL5201", Name: "circular-stage-dependency", Kind: parser.Dockerfile, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "Stages depend on each other in a cycle",
	Doc: "Through FROM <stage>, COPY --from and RUN --mount from=, each stage in the cycle needs another " +
		"one of the cycle to be built first, so none can be. BuildKit refuses the file. Break the cycle: " +
		"move the shared files into an earlier stage that both use. (A stage that reads from itself is " +
		"reported by DL3023.)",
	Bad:   "FROM alpine:3.20 AS a\nCOPY --from=b /x /x\nFROM a AS b\nRUN true",
	Good:  "FROM alpine:3.20 AS base\nRUN true\nFROM base AS a\nFROM base AS b",
	Check: checkCircularStages,
}

func checkCircularStages(p *Pass) {
	g := p.Stages()
	for _, c := range g.Cycles() {
		if len(c) < 2 {
			continue
		}
		// Report at the first reference of the cycle's first stage to the next one.
		for _, r := range g.RefsFrom(c[0]) {
			if r.Target == c[1] {
				p.Report(r.Range, fmt.Sprintf("circular dependency between stages: %s", CyclePath(c)))
				break
			}
		}
	}
}
