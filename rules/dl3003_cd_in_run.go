package rules

import (
	"github.com/dlint/dlint/parser"
)

var cdInRun = &Rule{
	ID: "DL3003", Name: "cd-in-run", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagMaintainability},
	Aliases: []string{"DS-0013"},
	Summary: "A RUN changes directory with cd instead of WORKDIR",
	Doc: "`cd` in a RUN lasts only for that RUN, so the next instruction silently starts in the old " +
		"directory again, and readers have to track the current directory through shell chains. Set the " +
		"directory with `WORKDIR`, which applies to every later RUN, COPY, CMD and ENTRYPOINT, or use the " +
		"tool's own option (`make -C dir`, `git -C dir`, `tar -C dir`). A `cd` inside a subshell, " +
		"`(cd sub && make)`, or a command substitution, `$(cd \"$dir\" && pwd)`, changes nothing after " +
		"it and is not reported (hadolint reports those too).",
	Bad:   "RUN cd /src && make",
	Good:  "WORKDIR /src\nRUN make",
	Check: checkCdInRun,
}

func checkCdInRun(p *Pass) {
	d := newShDedup(p)
	for _, r := range shRuns(p) {
		cmds := r.Commands()
		for _, c := range cmds {
			// A cd in a subshell or substitution changes nothing after it.
			if !c.Is("cd") || !shExecuted(c) || shNested(cmds, c) || c.InSubshell {
				continue
			}
			msg := "use WORKDIR instead of cd"
			if len(c.Args) > 0 {
				msg = `use WORKDIR ` + c.Args[len(c.Args)-1].Value + ` instead of "cd"`
			}
			d.report(c.Name.Range, msg)
		}
	}
}
