package rules

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/internal/lazyregexp"
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
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
		"ONBUILD triggers, which BuildKit checks in a stage built FROM their stage, are not checked.\n\n" +
		"Fix (unsafe: the program becomes PID 1 and receives the signals itself, and CMD arguments are " +
		"appended to an exec-form ENTRYPOINT): a one-line command of plain words — no variables, quotes, globs, " +
		"redirections, pipes, `&&`, `;` or shell built-ins — is written in JSON form; a leading `exec` is " +
		"dropped. An ENTRYPOINT followed by a CMD in its stage is not rewritten.",
	Bad:  "FROM node:22\nCMD node server.js",
	Good: "FROM node:22\nCMD [\"node\", \"server.js\"]",
	Check: func(p *Pass) {
		for _, st := range p.Dockerfile.Stages {
			// A SHELL set in a stage this one is built FROM, or in it so far.
			shellSet := st.Parent != nil && st.Parent.EndShell() != nil
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
					fmt.Sprintf("%s in shell form runs under /bin/sh -c, which does not pass signals on; use the JSON form", in.Keyword),
					jsonArgsFix(p, st, in)...)
			}
		}
	},
}

// jsonPlainWord matches a word the shell passes on unchanged.
var jsonPlainWord = lazyregexp.New(`^[A-Za-z0-9_./:=,+@%^-]+$`)

// jsonShellOnly are words that only mean something to the shell.
var jsonShellOnly = map[string]bool{
	".": true, "alias": true, "break": true, "case": true, "cd": true, "command": true, "continue": true,
	"eval": true, "exit": true, "export": true, "for": true, "hash": true, "if": true, "local": true,
	"read": true, "readonly": true, "return": true, "set": true, "shift": true, "source": true,
	"trap": true, "type": true, "ulimit": true, "umask": true, "unset": true, "until": true, "wait": true,
	"while": true, "exec": true,
}

// jsonArgsFix rewrites a one-line shell-form CMD or ENTRYPOINT made of plain
// words in JSON form.
func jsonArgsFix(p *Pass, st *dockerfile.Stage, in *dockerfile.Instruction) []Fix {
	if in.Range.Start.Line != in.Range.End.Line || len(in.Heredocs) > 0 || len(in.Flags) > 0 {
		return nil
	}
	if in.Cmd == "entrypoint" {
		after := false
		for _, o := range st.Instructions {
			if o == in {
				after = true
			} else if after && o.Cmd == "cmd" {
				return nil
			}
		}
	}
	n := in.Range.Start.Line
	line := fixLine(p, n)
	keywordEnd := in.KeywordRange.End.Column - 1
	if keywordEnd > len(line) {
		return nil
	}
	// The blanks BuildKit splits the keyword from its arguments on stay:
	// without one, the JSON would join the keyword.
	start := keywordEnd
	for start < len(line) && strings.ContainsRune(" \t\v\f\r", line[start]) {
		start++
	}
	if start == keywordEnd {
		return nil
	}
	end := fixLineEnd(p, n)
	if start >= end.Column-1 || end.Column-1 > len(line) {
		return nil // no arguments after the keyword ("CMD " with a trailing blank)
	}
	// The shell splits words on blanks and tabs only: any other space
	// (\v, \f, \r) is inside a word, and no plain word holds one.
	words := strings.FieldsFunc(string(line[start:end.Column-1]), func(r rune) bool { return r == ' ' || r == '\t' })
	if len(words) > 1 && words[0] == "exec" {
		words = words[1:]
	}
	if len(words) == 0 || jsonShellOnly[words[0]] || strings.Contains(words[0], "=") {
		return nil
	}
	for _, w := range words {
		if !jsonPlainWord.MatchString(w) {
			return nil
		}
	}
	text := `["` + strings.Join(words, `", "`) + `"]`
	return []Fix{{Message: "Write the command in JSON form", Edits: []Edit{{
		Range:   source.Range{Start: source.Position{Line: n, Column: start + 1}, End: end},
		NewText: text,
	}}}}
}
