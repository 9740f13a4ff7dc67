package rules

import (
	"fmt"
	"iter"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/tonistiigi/go-csvvalue"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

var undefinedVar = &Rule{
	ID: "DL5408", Name: "undefined-variable", Aliases: []string{"UndefinedVar"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "A variable is used but not defined in this stage",
	Doc: "BuildKit expands variables in ENV, LABEL, COPY/ADD (paths, --chown, --chmod, --checksum and " +
		"heredocs with an unquoted delimiter), WORKDIR, USER, VOLUME, STOPSIGNAL, ARG defaults and " +
		"`RUN --mount` options. A variable that no ENV or ARG of the stage (or of the stage it is built FROM) " +
		"defines expands to nothing: `COPY app /$APP_DIR/` copies to `/`, `WORKDIR $HOME/app` is `/app`. A " +
		"global ARG (before the first FROM) must be re-declared with `ARG NAME` inside the stage; an ARG " +
		"declared without a value counts as defined. `${X:-default}` still counts as a use of X. RUN, CMD, " +
		"ENTRYPOINT, HEALTHCHECK and EXPOSE are not checked (the shell expands those at run time). " +
		"This is BuildKit's UndefinedVar check. BuildKit also knows the base image's ENV; dlint does not query " +
		"registries, so it knows only PATH (which BuildKit always sets) plus a built-in list of variables that " +
		"popular base images define (JAVA_HOME for JDK images, GOPATH for golang, NB_UID for Jupyter, APP_UID " +
		"for .NET, …); a variable that another base image defines is reported here but not by BuildKit. " +
		"ONBUILD triggers, which BuildKit checks in the stage built FROM their stage, are not checked.",
	Bad:  "FROM alpine:3.20\nARG APP_DIR=/app\nFROM alpine:3.20\nCOPY . $APP_DIR",
	Good: "ARG APP_DIR=/app\nFROM alpine:3.20\nARG APP_DIR\nCOPY . $APP_DIR",
	Check: func(p *Pass) {
		ba := buildArgs(p)
		eachScope(p, func(in *dockerfile.Instruction, s *dockerfile.Scope) {
			// What the base image defines and what was reported are only
			// needed once a variable is undefined, which is rare.
			var known, reported map[string]bool
			knownDone := false
			report := func(e dockerfile.Expansion, declaredHere map[string]bool) {
				for _, name := range e.Undefined {
					if !knownDone {
						known, knownDone = imageEnvFor(s), true
					}
					if reported[name] || known[name] || declaredHere[name] {
						continue
					}
					if reported == nil {
						reported = map[string]bool{}
					}
					reported[name] = true
					msg := fmt.Sprintf("variable %q is not defined in this stage", name)
					if sug, ok := suggestName(name, s.Len(), s.Keys); ok {
						msg += fmt.Sprintf(" (did you mean $%s?)", sug)
					} else if s.ImageEnvUnknown {
						msg += " (unless the base image's ENV defines it)"
					}
					bkReport(p, "UndefinedVar", in.Comments, findVar(in, name), msg)
				}
			}
			// A word without a $ uses no variable: BuildKit's lexer, costly
			// for each word, need not run on it.
			for w := range expandedWords(in) {
				if usesVariable(w) {
					report(s.Expand(w), nil)
				}
			}
			for _, w := range rawExpandedWords(in) {
				if usesVariable(w) {
					report(s.ExpandRaw(w), nil)
				}
			}
			if c, ok := in.Command.(*instructions.ArgCommand); ok {
				// each pair sees the pairs before it on the same line
				declared := map[string]bool{}
				for _, kv := range c.Args {
					if _, given := ba[kv.Key]; kv.Value != nil && !given && usesVariable(*kv.Value) {
						report(s.Expand(*kv.Value), declared)
					}
					declared[kv.Key] = true
				}
			}
		})
	},
}

// usesVariable reports whether BuildKit's lexer could find a variable in
// word: every reference starts with a $, whatever the escape character.
func usesVariable(word string) bool { return strings.IndexByte(word, '$') >= 0 }

// expandedWords yields the words of an instruction that BuildKit expands
// with its shell lexer before dispatching it
// (instructions.SupportsSingleWordExpansion), without gathering them: it
// is asked of every instruction of every file.
func expandedWords(in *dockerfile.Instruction) iter.Seq[string] {
	return func(yield func(string) bool) {
		switch c := in.Command.(type) {
		case *instructions.EnvCommand:
			yieldPairs(c.Env, yield)
		case *instructions.LabelCommand:
			yieldPairs(c.Labels, yield)
		case *instructions.AddCommand:
			_ = yield(c.Chown) && yield(c.Chmod) && yield(c.Checksum) && yieldAll(c.SourcePaths, yield) && yield(c.DestPath)
		case *instructions.CopyCommand:
			_ = yield(c.Chown) && yield(c.Chmod) && yieldAll(c.SourcePaths, yield) && yield(c.DestPath)
		case *instructions.WorkdirCommand:
			yield(c.Path)
		case *instructions.UserCommand:
			yield(c.User)
		case *instructions.VolumeCommand:
			yieldAll(c.Volumes, yield)
		case *instructions.StopSignalCommand:
			yield(c.Signal)
		case *instructions.RunCommand:
			for _, m := range in.FlagValues("mount") {
				fields, err := csvvalue.Fields(m, nil)
				if err != nil {
					continue
				}
				for _, f := range fields {
					if _, v, ok := strings.Cut(f, "="); ok && !yield(v) {
						return
					}
				}
			}
		}
	}
}

// yieldAll yields each word; false when yield asked to stop.
func yieldAll(words []string, yield func(string) bool) bool {
	for _, w := range words {
		if !yield(w) {
			return false
		}
	}
	return true
}

// yieldPairs yields each pair's key, then its value.
func yieldPairs(kvs instructions.KeyValuePairs, yield func(string) bool) {
	for _, kv := range kvs {
		if !yield(kv.Key) || !yield(kv.Value) {
			return
		}
	}
}

// rawExpandedWords are the heredoc bodies of COPY and ADD with an unquoted
// delimiter, which BuildKit expands keeping quotes.
func rawExpandedWords(in *dockerfile.Instruction) []string {
	var sc []instructions.SourceContent
	switch c := in.Command.(type) {
	case *instructions.AddCommand:
		sc = c.SourceContents
	case *instructions.CopyCommand:
		sc = c.SourceContents
	}
	var out []string
	for _, s := range sc {
		if s.Expand {
			out = append(out, s.Data)
		}
	}
	return out
}

// findVar locates the first use of a variable in the instruction.
func findVar(in *dockerfile.Instruction, name string) source.Range {
	for _, tok := range []string{"${" + name, "$" + name} {
		if r, ok := in.FindAfter(tok, in.KeywordRange.End); ok {
			return r
		}
	}
	return firstLine(in)
}

// imageEnvFor is the environment the stage's base image is known to set.
func imageEnvFor(s *dockerfile.Scope) map[string]bool {
	if s.Root == nil || !s.ImageEnvUnknown {
		return nil
	}
	return knownImageEnv(s.Root.Image.Registry, s.Root.Image.Repository)
}
