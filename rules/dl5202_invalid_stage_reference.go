package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var invalidStageRef = &Rule{
	ID: "DL5202", Name: "invalid-stage-reference", Kind: parser.Dockerfile, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "--from names a later stage, a missing index or uses a variable",
	Doc: "BuildKit refuses three kinds of `COPY --from` / `RUN --mount from=` values: a stage defined " +
		"later in the file (\"it needs to be defined before current stage\"), a stage index that does " +
		"not exist (\"invalid stage index\"), and a variable (\"variable expansion is not supported for " +
		"--from\"). Move the stage before its user, fix the index (better: name the stage), and for a " +
		"variable declare a stage `FROM ${SRC} AS src` with a global ARG and copy from `src`.",
	Bad:   "ARG SRC=builder\nFROM alpine:3.20\nCOPY --from=${SRC} /out /out",
	Good:  "ARG SRC=builder-image:1.0\nFROM ${SRC} AS src\nFROM alpine:3.20\nCOPY --from=src /out /out",
	Check: checkInvalidStageRef,
}

func checkInvalidStageRef(p *Pass) {
	g := p.Stages()
	for _, r := range g.Refs {
		if r.Kind == RefBase || r.OnBuild {
			continue
		}
		switch {
		case r.Variable:
			p.Report(r.Range, fmt.Sprintf("%s=%s uses a variable, which BuildKit does not expand there; declare a stage FROM the image and name that stage", r.Kind, r.Name))
		case r.Index && r.Target == nil && r.Kind == RefCopy:
			p.Report(r.Range, fmt.Sprintf("%s=%s: there is no stage #%s (the file has %d)", r.Kind, r.Name, r.Name, len(p.Dockerfile.Stages)))
		case r.Later && !r.Self() && !g.SameCycle(r.Stage, r.Target):
			p.Report(r.Range, fmt.Sprintf("%s=%s names %s, defined at line %d after this stage; only earlier stages can be used", r.Kind, r.Name, stageName(r.Target), r.Target.From.Line()))
		}
	}
}
