package rules

import (
	"testing"

	"github.com/dlint/dlint/parser/source"
)

func TestWgetProgressFix(t *testing.T) {
	doc := shParseDockerfile(t, "FROM alpine:3.20\nRUN sudo wget https://x/a\nRUN [\"wget\", \"https://x/b\"]\n")
	fs := Run(doc, onlyRule(wgetProgress))
	if len(fs) != 2 {
		t.Fatalf("findings = %+v", fs)
	}
	if len(fs[0].Fixes) != 1 || fs[0].Fixes[0].Edits[0].Range.Start != (source.Position{Line: 2, Column: 14}) ||
		fs[0].Fixes[0].Edits[0].NewText != " --progress=dot:giga" {
		t.Errorf("shell-form fix = %+v", fs[0].Fixes)
	}
	if len(fs[1].Fixes) != 0 {
		t.Errorf("exec form got a fix: %+v", fs[1].Fixes)
	}
}
