package rules

import (
	"testing"

	"github.com/dlint/dlint/parser"
)

// instructionAt finds, for every line, the instruction a scan of all of
// them finds: none on comments, blanks and past the end.
func TestInstructionAt(t *testing.T) {
	src := "# syntax=docker/dockerfile:1\nARG V=1\n\nFROM alpine:3.20 AS base\n# a comment\nRUN apk add \\\n    curl \\\n    git\n" +
		"COPY <<EOF /etc/x\nline one\nline two\nEOF\n\n\nUSER app\nCMD [\"sh\"]\n"
	doc := parser.Parse("Dockerfile", []byte(src), parser.Dockerfile, parser.Options{})
	f := doc.Dockerfile
	if len(f.Instructions) != 6 {
		t.Fatalf("%d instructions, want 6", len(f.Instructions))
	}
	for line := -1; line <= doc.Lines.Count()+2; line++ {
		var want *string
		for _, in := range f.Instructions {
			if line >= in.Range.Start.Line && line <= in.Range.End.Line {
				want = &in.Keyword
				break
			}
		}
		got := instructionAt(f, line)
		switch {
		case want == nil && got != nil:
			t.Errorf("line %d: %s, want none", line, got.Keyword)
		case want != nil && (got == nil || &got.Keyword != want):
			t.Errorf("line %d: %v, want %s", line, got, *want)
		}
	}
}
