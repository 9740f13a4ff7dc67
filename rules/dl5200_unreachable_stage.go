package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var unreachableStage = &Rule{
	ID: "DL5200", Name: "unreachable-stage", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagMaintainability, TagPerformance},
	Summary: "A stage is not needed to build the final stage or --target",
	Doc: "Building the last stage (or the --target) builds only the stages it uses through FROM " +
		"<stage>, COPY --from and RUN --mount from=, directly or through other stages. A stage outside " +
		"that set is skipped by BuildKit (and built for nothing by the legacy builder). An unnamed " +
		"unused stage is dead code: nothing can use it and it cannot be a --target. A named one may be " +
		"an alternative target (`docker build --target test`); if so, keep it and ignore this note, " +
		"otherwise remove it or use it. With --target, stages after the target are not judged.",
	Bad:   "FROM node:22 AS deps\nRUN npm ci\nFROM node:22\nCOPY . /app",
	Good:  "FROM node:22 AS deps\nRUN npm ci\nFROM node:22\nCOPY --from=deps /node_modules /app/node_modules",
	Check: checkUnreachableStage,
}

func checkUnreachableStage(p *Pass) {
	final := p.FinalStage()
	if final == nil {
		return
	}
	for _, s := range p.Stages().Unreachable(final) {
		if s.Index > final.Index {
			continue
		}
		at := s.From.KeywordRange
		if s.Name != "" {
			if !s.NameRange.IsZero() {
				at = s.NameRange
			}
			p.Report(at, fmt.Sprintf("stage %q is not used by %s; it is built only with --target %s", s.Name, stageName(final), s.Name))
			continue
		}
		if !s.Image.Range.IsZero() {
			at = s.Image.Range
		}
		p.Report(at, fmt.Sprintf("stage #%d is never used: nothing builds on it or copies from it, and without a name it cannot be a --target", s.Index))
	}
}
