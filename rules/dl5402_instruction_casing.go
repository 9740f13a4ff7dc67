package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var instructionCasing = &Rule{
	ID: "DL5402", Name: "instruction-casing", Aliases: []string{"ConsistentInstructionCasing"},
	Kind: parser.Dockerfile, Severity: Style,
	Tags:    []string{TagStyle},
	Summary: "Instructions should all be uppercase or all be lowercase",
	Doc: "Instruction keywords are case-insensitive, but a file that mixes `RUN` and `run` (or writes " +
		"`Run`) is harder to scan. A mixed-case keyword is always reported; an all-lowercase or all-uppercase " +
		"one is reported when most instructions of the file use the other case (a tie counts as uppercase). " +
		"As in `docker build --check`, the majority counts FROM lines and the instructions of stages; " +
		"ARGs before the first FROM are neither counted nor checked, nor are keywords that are not ASCII " +
		"(unknown instructions, DL1000).\n\n" +
		"Fix (safe): the keyword is written in the file's majority casing (not offered for a keyword " +
		"split by a line continuation).",
	Bad:  "FROM alpine:3.20\nrun echo hi\nCOPY . /app",
	Good: "FROM alpine:3.20\nRUN echo hi\nCOPY . /app",
	Check: func(p *Pass) {
		n := 0
		for _, st := range p.Dockerfile.Stages {
			n += 1 + len(st.Instructions)
		}
		staged := make([]*dockerfile.Instruction, 0, n)
		lower, upper := 0, 0
		for _, st := range p.Dockerfile.Stages {
			staged = append(staged, st.From)
			staged = append(staged, st.Instructions...)
		}
		// Instruction keywords are ASCII; another word is an unknown
		// instruction (DL1000), whose bytes a change of case could alter.
		for _, in := range staged {
			if !shIsASCII(in.Keyword) {
				continue
			}
			switch hasLower, hasUpper := asciiCases(in.Keyword); {
			case !hasUpper:
				lower++
			case !hasLower:
				upper++
			}
		}
		majorityLower := lower > upper
		for _, in := range staged {
			kw := in.Keyword
			if !shIsASCII(kw) {
				continue
			}
			want, casing := strings.ToUpper(kw), "uppercase"
			if majorityLower {
				want, casing = strings.ToLower(kw), "lowercase"
			}
			if kw == want {
				continue
			}
			var fixes []Fix
			if keywordWritten(p, in) {
				fixes = append(fixes, Fix{Message: fmt.Sprintf("Write %q", want), Safe: true, Edits: []Edit{{Range: in.KeywordRange, NewText: want}}})
			}
			p.Report(in.KeywordRange, fmt.Sprintf("instruction %q should be %s like most instructions in this file", kw, casing), fixes...)
		}
	},
}

// asciiCases reports whether s has lower-case and upper-case ASCII letters
// (strings.ToLower would allocate to say so, for each keyword).
func asciiCases(s string) (hasLower, hasUpper bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		hasLower = hasLower || c >= 'a' && c <= 'z'
		hasUpper = hasUpper || c >= 'A' && c <= 'Z'
	}
	return hasLower, hasUpper
}
