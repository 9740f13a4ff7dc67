package rules

import "github.com/dlint/dlint/parser"

var multipleEntrypoint = &Rule{
	ID: "DL4004", Name: "multiple-entrypoint", Aliases: []string{"MultipleInstructionsDisallowed", "DS-0007", "multiple_entrypoint_instructions_listed"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "Only the last ENTRYPOINT of a stage takes effect",
	Doc: "A stage keeps only its last ENTRYPOINT; an earlier one is dead code that misleads the reader. " +
		"Remove it. As `docker build --check` (MultipleInstructionsDisallowed) does, the overridden (earlier) " +
		"ENTRYPOINT is reported, once for each later one of the same stage; an ENTRYPOINT inherited from a " +
		"parent stage does not count.",
	Bad:   "FROM alpine:3.20\nENTRYPOINT [\"sh\"]\nENTRYPOINT [\"ash\"]",
	Good:  "FROM alpine:3.20\nENTRYPOINT [\"ash\"]",
	Check: func(p *Pass) { checkOverridden(p, "entrypoint") },
}
