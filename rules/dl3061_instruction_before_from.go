package rules

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/command"

	"github.com/dlint/dlint/parser"
)

var instructionBeforeFrom = &Rule{
	ID: "DL3061", Name: "instruction-before-from", Kind: parser.Dockerfile, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "Only ARG may come before the first FROM",
	Doc: "Before the first FROM there is no stage to apply an instruction to, so BuildKit stops with " +
		"\"no build stage in current context\". Only ARG (global build arguments, usable in FROM), " +
		"comments and parser directives may come first. Move the instruction after FROM.",
	Bad:   "ENV LANG=C.UTF-8\nFROM debian:12",
	Good:  "ARG DEBIAN=12\nFROM debian:${DEBIAN}\nENV LANG=C.UTF-8",
	Check: checkInstructionBeforeFrom,
}

func checkInstructionBeforeFrom(p *Pass) {
	for _, in := range p.Dockerfile.Preamble {
		// An unknown instruction is DL1000's finding; BuildKit stops at it
		// before it could complain of its place.
		if _, known := command.Commands[in.Cmd]; in.Cmd != "arg" && known {
			p.Report(in.KeywordRange, fmt.Sprintf("%s before the first FROM: only ARG may come before it", strings.ToUpper(in.Cmd)))
		}
	}
}
