package rules

import (
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
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
	for _, r := range shRunsOf(p.Dockerfile) {
		cmds := r.Commands()
		scoped := shScopedCd(p.Dockerfile, r)
		for _, c := range cmds {
			if !c.Is("cd") || !shExecuted(c) || shNested(cmds, c) || scoped[c.Name.Range.Start] {
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

// shSyntaxTrees parses the scripts of a RUN (as ShellCheck would see
// them) into syntax trees, for the few facts the command list does not keep.
func shSyntaxTrees(f *dockerfile.File, r shRun) (trees []*syntax.File, scripts []scScript) {
	for _, s := range shellcheckScripts(f, r) {
		file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(s.text()), "")
		if err != nil {
			continue
		}
		trees = append(trees, file)
		scripts = append(scripts, s)
	}
	return trees, scripts
}

// shScopedCd finds the `cd` commands of a RUN that run in a subshell or a
// command substitution, by their position in the Dockerfile.
func shScopedCd(f *dockerfile.File, r shRun) map[source.Position]bool {
	out := map[source.Position]bool{}
	trees, scripts := shSyntaxTrees(f, r)
	for i, file := range trees {
		s := scripts[i]
		var visit func(n syntax.Node, inside bool)
		visit = func(n syntax.Node, inside bool) {
			syntax.Walk(n, func(x syntax.Node) bool {
				if x == n {
					return true
				}
				switch x := x.(type) {
				case *syntax.Subshell, *syntax.CmdSubst, *syntax.ProcSubst:
					visit(x, true)
					return false
				case *syntax.CallExpr:
					if inside && len(x.Args) > 0 && x.Args[0].Lit() == "cd" {
						if pos, ok := s.bytePosition(x.Args[0].Pos()); ok {
							out[pos] = true
						}
					}
				}
				return true
			})
		}
		visit(file, false)
	}
	return out
}

// bytePosition maps a parser position (byte column) to the Dockerfile.
func (s scScript) bytePosition(p syntax.Pos) (source.Position, bool) {
	line, col := int(p.Line()), int(p.Col())
	if line < 1 || line > len(s.lines) || s.lines[line-1].line == 0 {
		return source.Position{}, false
	}
	text := s.lines[line-1].text
	if col-1 > len(text) {
		col = len(text) + 1
	}
	return source.Position{Line: s.lines[line-1].line, Column: utf8.RuneCountInString(text[:col-1]) + 1}, true
}
