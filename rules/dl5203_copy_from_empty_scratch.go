package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var copyFromEmptyScratch = &Rule{
	ID: "DL5203", Name: "copy-from-empty-scratch-stage", Kind: parser.Dockerfile, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "COPY --from a stage that is FROM scratch and adds no files",
	Doc: "A stage built FROM scratch starts with an empty filesystem. If neither it nor a stage it is " +
		"built FROM adds anything (COPY, ADD, RUN or WORKDIR), there is nothing to copy, and the COPY " +
		"fails with \"not found\". Usually files were meant to be copied into that stage first, or " +
		"the --from names the wrong stage.",
	Bad:   "FROM scratch AS artifacts\nFROM alpine:3.20\nCOPY --from=artifacts /app /app",
	Good:  "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM scratch AS artifacts\nCOPY --from=build /app /app\nFROM alpine:3.20\nCOPY --from=artifacts /app /app",
	Check: checkCopyFromEmptyScratch,
}

func checkCopyFromEmptyScratch(p *Pass) {
	for _, r := range p.Stages().Refs {
		if r.Kind != RefCopy || r.OnBuild || r.Target == nil || r.Self() || !emptyScratch(r.Target) {
			continue
		}
		sources, _, _, ok := copyParts(r.In)
		if !ok || len(sources) == 0 || allRoots(sources) {
			continue
		}
		p.Report(r.Range, fmt.Sprintf("%s is FROM scratch and adds no files, so there is nothing to copy from it", stageName(r.Target)))
	}
}

// emptyScratch reports whether a stage's filesystem is empty: its chain
// starts FROM scratch and nothing in it adds files.
func emptyScratch(s *dockerfile.Stage) bool {
	if !s.Root().Image.Scratch {
		return false
	}
	for _, in := range ChainInstructions(s) {
		switch in.Cmd {
		case "copy", "add", "run", "workdir":
			return false
		}
	}
	return true
}

func allRoots(sources []string) bool {
	for _, s := range sources {
		if !isRootPath(s) {
			return false
		}
	}
	return true
}
