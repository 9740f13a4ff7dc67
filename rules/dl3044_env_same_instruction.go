package rules

import (
	"fmt"
	"slices"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

var envSameInstruction = &Rule{
	ID: "DL3044", Name: "env-refers-to-same-env", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "An ENV value uses a variable that the same ENV sets",
	Doc: "All values of one ENV instruction are expanded before any of its variables is set, so in " +
		"`ENV DIR=/opt/app BIN=$DIR/bin` BIN becomes `/bin`, not `/opt/app/bin`. Split the ENV in two " +
		"(`ENV DIR=/opt/app` then `ENV BIN=$DIR/bin`). A variable using its own earlier value " +
		"(`ENV PATH=/x:$PATH`) is fine, and so is one already set by an earlier ARG or ENV, where the " +
		"earlier value is plainly meant.",
	Bad:   "ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin",
	Good:  "ENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin",
	Check: checkEnvSameInstruction,
}

func checkEnvSameInstruction(p *Pass) {
	f := p.Dockerfile
	for _, st := range f.Stages {
		if !slices.ContainsFunc(st.Instructions, func(in *dockerfile.Instruction) bool {
			env, ok := in.Command.(*instructions.EnvCommand)
			return ok && len(env.Env) >= 2
		}) {
			continue // nothing to check: no need to walk the chain
		}
		// One walk of the chain per stage: the names ARG and ENV declared
		// so far, then each ENV of the stage's own with several pairs.
		declared := map[string]bool{}
		for _, in := range ChainInstructions(st) {
			env, ok := in.Command.(*instructions.EnvCommand)
			if ok && in.Stage == st && len(env.Env) >= 2 {
				checkEnvPairs(p, f, in, env, declared)
			}
			declare(declared, in)
		}
	}
}

// checkEnvPairs reports the pairs of one ENV that use a variable the same
// ENV sets; declared holds the names declared before it.
func checkEnvPairs(p *Pass, f *dockerfile.File, in *dockerfile.Instruction, env *instructions.EnvCommand, declared map[string]bool) {
	keys := map[string]bool{}
	for _, kv := range env.Env {
		keys[kv.Key] = true
	}
	pos := in.KeywordRange.End
	for _, kv := range env.Env {
		if r, ok := in.FindAfter(kv.Key, pos); ok {
			pos = r.End
		}
		for _, v := range referencedVars(f, kv.Value) {
			if v == kv.Key || !keys[v] || declared[v] {
				continue
			}
			p.Report(varRange(in, v, pos), fmt.Sprintf("%s uses $%s, which this same ENV sets: it gets %s's earlier value (unset here), not the new one", kv.Key, v, v))
		}
	}
}

// declare adds the names in declares (by ARG or ENV) to declared.
func declare(declared map[string]bool, in *dockerfile.Instruction) {
	switch c := in.Command.(type) {
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			declared[kv.Key] = true
		}
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			declared[kv.Key] = true
		}
	}
}

// varRange locates a reference to variable v ($V or ${V) after pos.
func varRange(in *dockerfile.Instruction, v string, pos source.Position) source.Range {
	var best source.Range
	for _, tok := range []string{"${" + v, "$" + v} {
		if r, ok := in.FindAfter(tok, pos); ok && (best.IsZero() || r.Start.Before(best.Start)) {
			best = r
		}
	}
	if best.IsZero() {
		return in.Find(v)
	}
	return best
}
