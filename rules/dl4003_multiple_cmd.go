package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
)

var multipleCmd = &Rule{
	ID: "DL4003", Name: "multiple-cmd", Aliases: []string{"MultipleInstructionsDisallowed", "DS-0016", "multiple_cmd_instructions_listed"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "Only the last CMD of a stage takes effect",
	Doc: "A stage keeps only its last CMD; an earlier one is dead code that misleads the reader. Remove it. " +
		"As `docker build --check` (MultipleInstructionsDisallowed) does, the overridden (earlier) CMD is " +
		"reported, once for each later CMD of the same stage; a CMD inherited from a parent stage does not count.",
	Bad:   "FROM alpine:3.20\nCMD [\"sh\"]\nCMD [\"ash\"]",
	Good:  "FROM alpine:3.20\nCMD [\"ash\"]",
	Check: func(p *Pass) { checkOverridden(p, "cmd") },
}

// checkOverridden reports each instruction of kind cmd that a later one of
// the same stage overrides. BuildKit applies the later instruction's local
// `# check=` comments.
func checkOverridden(p *Pass, cmd string) {
	for _, st := range p.Dockerfile.Stages {
		ins := st.InstructionsOf(cmd)
		for i := 1; i < len(ins); i++ {
			prev, in := ins[i-1], ins[i]
			if prev.Command == nil || in.Command == nil {
				continue
			}
			bkReport(p, "MultipleInstructionsDisallowed", in.Comments, prev.KeywordRange,
				fmt.Sprintf("%s is overridden by the %s on line %d; only the last one in a stage takes effect",
					strings.ToUpper(cmd), strings.ToUpper(cmd), in.Line()))
		}
	}
}
