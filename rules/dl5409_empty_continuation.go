package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

var emptyContinuation = &Rule{
	ID: "DL5409", Name: "empty-continuation-line", Aliases: []string{"NoEmptyContinuation"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "Empty line inside a continued instruction",
	Doc: "A blank line inside an instruction continued with `\\` is skipped today, but Docker has announced " +
		"that it will become an error, and it easily hides that the instruction goes on (a forgotten `\\` " +
		"looks the same). Remove the blank line, or end the instruction before it; comment lines inside a " +
		"continuation are fine. dlint points at the first blank line; BuildKit's NoEmptyContinuation points " +
		"at the instruction's last line.",
	Bad:  "FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl",
	Good: "FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl",
	Check: func(p *Pass) {
		f := p.Dockerfile
		for _, w := range f.Warnings {
			r := w.Range
			if in := instructionAt(f, w.Range.Start.Line); in != nil {
				if n := firstBlankContinuation(p, in, w.Range.Start.Line); n > 0 {
					r = source.LineRange(n, n)
				}
			}
			p.Report(r, "empty continuation line: remove it or end the instruction before it")
		}
	},
}

// firstBlankContinuation is the first blank line of in before line last
// that is not part of a heredoc body; 0 when there is none.
func firstBlankContinuation(p *Pass, in *dockerfile.Instruction, last int) int {
	for n := in.Range.Start.Line + 1; n <= last; n++ {
		inBody := false
		for _, h := range in.Heredocs {
			if !h.Body.IsZero() && n >= h.Body.Start.Line && n <= h.Body.End.Line {
				inBody = true
			}
		}
		if !inBody && strings.TrimSpace(p.Lines.Text(n)) == "" {
			return n
		}
	}
	return 0
}
