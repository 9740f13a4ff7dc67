package dockerfile

import (
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

// silentLinter is a linter that reports nothing. BuildKit's
// instructions.ParseInstruction passes a nil linter, and a nil linter
// panics (BuildKit v0.34.2, linter.(*Linter).WithMergedConfig) as soon as the
// comments above an instruction hold a `# check=…` line; a linter without a
// Warn callback merges those comments and stays silent.
var silentLinter = linter.New(&linter.Config{})

// parseInstruction is instructions.ParseInstruction without the panic.
func parseInstruction(node *bkparser.Node) (any, error) {
	return instructions.ParseInstructionWithLinter(node, silentLinter)
}
