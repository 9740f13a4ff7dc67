package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

var copyDestNotDir = &Rule{
	ID: "DL3021", Name: "copy-multiple-sources-dest-not-dir", Aliases: []string{"DS-0011"},
	Kind: parser.Dockerfile, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "COPY or ADD of several sources needs a destination ending in /",
	Doc: "With more than one source, the destination must be a directory written with a trailing " +
		"slash; otherwise the build fails (\"When using COPY with more than one source file, the " +
		"destination must be a directory and end with a /\"). Add the slash. Heredoc sources count as " +
		"sources; a destination given through an unknown variable is not judged.\n\n" +
		"Fix (safe): a trailing slash is added to the destination (not to one holding `<<`, which " +
		"the slash could turn into a heredoc, nor to an empty one, which it would make the root).",
	Bad:   "COPY package.json package-lock.json /app",
	Good:  "COPY package.json package-lock.json /app/",
	Check: checkCopyDestNotDir,
}

func checkCopyDestNotDir(p *Pass) {
	f := p.Dockerfile
	for _, st := range f.Stages {
		vars := newChainVars(f, st)
		for _, in := range st.InstructionsOf("copy", "add") {
			sources, dest, heredocs, ok := copyParts(in)
			if !ok || len(sources)+heredocs < 2 || dest == "" {
				continue
			}
			value, unresolved := vars.expand(in, dest)
			if unresolved || strings.HasSuffix(value, "/") || strings.HasSuffix(value, `\`) {
				continue
			}
			r := lastArgRange(in, sources, dest)
			at := r.End
			if n := len(dest); n >= 2 && !in.JSON && (dest[0] == '"' || dest[0] == '\'') && dest[n-1] == dest[0] {
				at.Column--
			}
			var fixes []Fix
			// A word with "<<" may turn into a heredoc once it ends with
			// a slash ("<<" is a plain word, "<</" opens a heredoc).
			// And only where the destination is written as located, at the
			// end of the instruction (arguments BuildKit joined across a
			// continuation may be located elsewhere).
			// An empty destination ("") is not a directory to add a slash
			// to: "/" would be the root.
			if value != "" && (in.JSON || !strings.Contains(dest, "<<") && writtenAt(p, r, dest) && endsInstruction(p, in, r)) {
				fixes = append(fixes, Fix{Message: "Add a trailing slash", Safe: true, Edits: []Edit{{Range: source.Range{Start: at, End: at}, NewText: "/"}}})
			}
			p.Report(r, fmt.Sprintf("%s has %d sources, so its destination %q must end with /", strings.ToUpper(in.Cmd), len(sources)+heredocs, value), fixes...)
		}
	}
}

// endsInstruction reports whether r ends the instruction's text: nothing
// but blanks follows it on the instruction's last line.
func endsInstruction(p *Pass, in *dockerfile.Instruction, r source.Range) bool {
	line := fixLine(p, r.End.Line)
	return r.End.Line == in.Range.End.Line && r.End.Column >= 1 && r.End.Column-1 <= len(line) &&
		strings.TrimRight(string(line[r.End.Column-1:]), " \t") == ""
}
