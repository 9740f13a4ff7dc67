package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var consecutiveRun = &Rule{
	ID: "DL3059", Name: "consecutive-run", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagSize, TagPerformance},
	Summary: "Two RUNs in a row that each run one command could be one",
	Doc: "Each RUN makes a layer. Two RUN instructions in a row that each run a single command can " +
		"usually be joined with `&&`, which saves a layer and keeps related steps together. Not reported " +
		"when either RUN already chains several commands (the split is then deliberate, often for " +
		"caching), uses a heredoc, or when their --mount, --network or --security flags differ. Comments " +
		"between the two do not break the sequence; any other instruction does.",
	Bad:   "RUN apt-get update\nRUN apt-get install -y curl",
	Good:  "RUN apt-get update && apt-get install -y curl",
	Check: checkConsecutiveRun,
}

func checkConsecutiveRun(p *Pass) {
	for _, st := range p.Dockerfile.Stages {
		var prev *dockerfile.Instruction
		for _, in := range st.Instructions {
			if in.Cmd != "run" {
				prev = nil
				continue
			}
			if prev != nil && runsMergeable(prev, in) {
				p.Report(in.KeywordRange, fmt.Sprintf("this RUN and the RUN at line %d each run one command; join them with && to save a layer", prev.Line()))
			}
			prev = in
		}
	}
}

func runsMergeable(a, b *dockerfile.Instruction) bool {
	return runsOneCommand(a) && runsOneCommand(b) && slices.Equal(runFlagSet(a), runFlagSet(b))
}

// runsOneCommand reports whether a RUN runs exactly one top-level command
// and no heredoc.
func runsOneCommand(in *dockerfile.Instruction) bool {
	if len(in.Heredocs) > 0 || in.Script == nil || in.ScriptErr != nil {
		return false
	}
	n := 0
	for _, c := range in.Script.Commands {
		if c.Via == nil {
			n++
		}
	}
	return n == 1
}

func runFlagSet(in *dockerfile.Instruction) []string {
	var out []string
	for _, fl := range in.Flags {
		out = append(out, fl.Name+"="+strings.TrimSpace(fl.Value))
	}
	slices.Sort(out)
	return out
}
