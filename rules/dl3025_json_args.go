package rules

import (
	"fmt"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var jsonArgsRecommended = &Rule{
	ID: "DL3025", Name: "cmd-shell-form", Aliases: []string{"JSONArgsRecommended", "not_using_json_in_cmd_and_entrypoint_arguments"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "Use the JSON (exec) form for CMD and ENTRYPOINT",
	Doc: "In shell form, `CMD node server.js` runs as `/bin/sh -c \"node server.js\"`: the shell is PID 1 and " +
		"does not forward SIGTERM, so `docker stop` waits its timeout and kills the process without a clean " +
		"shutdown. Write `CMD [\"node\", \"server.js\"]`, or `exec` the process from a script. Invalid JSON " +
		"(`CMD ['a']`) is shell form too. As in `docker build --check` (JSONArgsRecommended), a SHELL " +
		"instruction earlier in the stage or in a stage it is built FROM silences the rule: the shell is then " +
		"a deliberate choice. hadolint's DL3025 also checks HEALTHCHECK CMD; dlint follows BuildKit. " +
		"ONBUILD triggers, which BuildKit checks in a stage built FROM their stage, are not checked.",
	Bad:  "FROM node:22\nCMD node server.js",
	Good: "FROM node:22\nCMD [\"node\", \"server.js\"]",
	Check: func(p *Pass) {
		for _, st := range p.Dockerfile.Stages {
			shellSet := chainHasShell(st.Parent, map[*dockerfile.Stage]bool{st: true})
			for _, in := range st.Instructions {
				var line *instructions.ShellDependantCmdLine
				switch c := in.Command.(type) {
				case *instructions.ShellCommand:
					shellSet = true
				case *instructions.CmdCommand:
					line = &c.ShellDependantCmdLine
				case *instructions.EntrypointCommand:
					line = &c.ShellDependantCmdLine
				}
				if line == nil || !line.PrependShell || shellSet {
					continue
				}
				bkReport(p, "JSONArgsRecommended", in.Comments, in.KeywordRange,
					fmt.Sprintf("%s in shell form runs under /bin/sh -c, which does not pass signals on; use the JSON form", in.Keyword))
			}
		}
	},
}

// chainHasShell reports whether a SHELL instruction appears in st or the
// stages it is built FROM.
func chainHasShell(st *dockerfile.Stage, seen map[*dockerfile.Stage]bool) bool {
	for ; st != nil && !seen[st]; st = st.Parent {
		seen[st] = true
		if len(st.InstructionsOf("shell")) > 0 {
			return true
		}
	}
	return false
}
