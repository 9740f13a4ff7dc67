package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/source"
)

var undefinedArgInFrom = &Rule{
	ID: "DL5403", Name: "undefined-arg-in-from", Aliases: []string{"UndefinedArgInFrom"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "A variable in FROM is not declared by an ARG before the first FROM",
	Doc: "FROM lines see only the ARGs declared before the first FROM (with or without a default) and " +
		"BuildKit's predefined platform args (BUILDPLATFORM, TARGETARCH, …). Any other variable expands to " +
		"nothing, so `FROM node:${NODE_VERSION}-alpine` silently becomes `node:-alpine` or fails. Declare " +
		"the variable with `ARG` at the top of the file. Checked in the image reference and in --platform.",
	Bad:  "FROM node:${NODE_VERSION}-alpine",
	Good: "ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-alpine",
	Check: func(p *Pass) {
		global := globalScope(p)
		names := global.Names()
		for _, st := range p.Dockerfile.Stages {
			in := st.From
			check := func(word string, r source.Range) {
				for _, name := range global.Expand(word).Undefined {
					msg := fmt.Sprintf("variable %q in FROM is not declared by an ARG before the first FROM", name)
					if s, ok := suggestName(name, len(names), func() []string { return names }); ok {
						msg += fmt.Sprintf(" (did you mean %s?)", s)
					}
					bkReport(p, "UndefinedArgInFrom", in.Comments, r, msg)
				}
			}
			r := st.Image.Range
			if r.IsZero() {
				r = firstLine(in)
			}
			check(st.Image.Ref, r)
			if fl, ok := in.Flag("platform"); ok {
				check(fl.Value, fl.Range)
			}
		}
	},
}
