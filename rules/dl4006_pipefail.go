package rules

import (
	"path"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
)

var pipefailRule = &Rule{
	ID: "DL4006", Name: "pipe-without-pipefail", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "A RUN pipes commands without pipefail, so failures go unnoticed",
	Doc: "A pipeline's exit status is that of its last command: in `curl … | tar -x`, a failed download " +
		"still lets the step succeed and the build carries on with a missing or truncated file. Turn on " +
		"pipefail, either for the whole stage with `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` or " +
		"in the RUN itself with `set -o pipefail && …` (also `set -eo pipefail`, `set -euxo pipefail`).\n\n" +
		"dlint accepts `-o pipefail` with any POSIX shell in SHELL, including `/bin/sh`: busybox ash " +
		"(Alpine) and bash support it, and a shell that does not (older dash on Debian) rejects the " +
		"option, so every RUN fails loudly instead of hiding errors. The same holds for `set -o pipefail` " +
		"inside the script. Pipes inside a `sh -c '…'` body need pipefail in that body or on that shell. " +
		"Pipelines whose left side only prints (`echo`, `printf`, `yes`) are not reported: they cannot " +
		"fail usefully, and `yes | cmd` would even break under pipefail. Exec-form RUN has no shell and " +
		"so no pipes, except in the script of an explicit `[\"sh\", \"-c\", \"…\"]`; " +
		"non-POSIX shells (PowerShell, cmd) are not checked.",
	Bad:   "RUN curl -fsSL https://example.com/x.tgz | tar -xz",
	Good:  "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/x.tgz | tar -xz",
	Check: checkPipefail,
}

func checkPipefail(p *Pass) {
	for _, r := range shRuns(p) {
		cmds := r.Commands()
		pipelines := shPipelines(cmds)
		if len(pipelines) == 0 {
			continue // most RUNs: no need to index their commands
		}
		shellOn := shShellHasPipefail(r.In.Shell)
		setBefore := shPipefailSetBefore(cmds)
		for _, pl := range pipelines {
			scope := pl[0].Via
			on := false
			if scope == nil {
				on = shellOn || setBefore(nil, pl[0])
			} else {
				on = shArgsHavePipefail(scope.Args) || setBefore(scope, pl[0])
			}
			if on || shHarmlessPipe(cmds, pl) {
				continue
			}
			left := shChain(cmds, pl[0])
			right := shChain(cmds, pl[1])
			p.Reportf(right[len(right)-1].Name.Range,
				"pipe into %q without pipefail: a failure of %q is ignored", right[len(right)-1].Base(), left[len(left)-1].Base())
			break
		}
	}
}

// shShellHasPipefail reports whether a SHELL runs a POSIX shell with -o pipefail.
func shShellHasPipefail(sh []string) bool {
	if len(sh) == 0 {
		return false
	}
	base := path.Base(strings.ReplaceAll(sh[0], `\`, "/"))
	if !shShells[base] && base != "busybox" {
		return false
	}
	for i := 1; i+1 < len(sh); i++ {
		if strings.HasPrefix(sh[i], "-") && !strings.HasPrefix(sh[i], "--") && strings.Contains(sh[i], "o") && sh[i+1] == "pipefail" {
			return true
		}
	}
	return false
}

// shArgsHavePipefail reports whether a shell command line sets -o pipefail.
func shArgsHavePipefail(args []shell.Word) bool {
	for i := 0; i+1 < len(args); i++ {
		v := args[i].Value
		if strings.HasPrefix(v, "-") && !strings.HasPrefix(v, "--") && strings.ContainsRune(v, 'o') && !strings.ContainsRune(v, 'c') &&
			args[i+1].Value == "pipefail" {
			return true
		}
	}
	return false
}

// shPipefailSetBefore returns a test of whether `set -o pipefail` runs in
// a scope (nil for the RUN's own script) before command c, computed in one
// pass so that scripts with many pipes stay linear.
func shPipefailSetBefore(cmds []*shell.Command) func(scope, c *shell.Command) bool {
	index := make(map[*shell.Command]int, len(cmds))
	firstSet := map[*shell.Command]int{}
	for i, x := range cmds {
		index[x] = i
		if x.Is("set") && shArgsHavePipefail(x.Args) {
			if _, seen := firstSet[shScope(x)]; !seen {
				firstSet[shScope(x)] = i
			}
		}
	}
	return func(scope, c *shell.Command) bool {
		i, ok := firstSet[scope]
		return ok && i < index[c]
	}
}

// shHarmlessPipe: every command before the last only prints a constant.
func shHarmlessPipe(cmds []*shell.Command, pl []*shell.Command) bool {
	for _, c := range pl[:len(pl)-1] {
		ch := shChain(cmds, c)
		if !ch[len(ch)-1].Is("echo", "printf", "yes", "true") {
			return false
		}
	}
	return true
}
