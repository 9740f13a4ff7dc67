package rules

import (
	bksuggest "github.com/moby/buildkit/util/suggest"

	"github.com/dlint/dlint/parser/dockerfile"
)

// buildArgs are the --build-arg values of the run.
func buildArgs(p *Pass) map[string]string {
	if p.Options == nil {
		return nil
	}
	return p.Options.BuildArgs
}

// scoped is one instruction with the variables it sees.
type scoped struct {
	in    *dockerfile.Instruction
	scope *dockerfile.Scope
}

type scopesKey struct{}

type globalScopeKey struct{}

// globalScope is the document's global scope (File.GlobalScope with the
// run's build args), computed once for all the rules that ask.
func globalScope(p *Pass) *dockerfile.Scope {
	return p.Memo(globalScopeKey{}, func() any {
		return p.Dockerfile.GlobalScope(buildArgs(p))
	}).(*dockerfile.Scope)
}

// eachScope calls fn for every instruction of every stage with the scope
// BuildKit gives it, as File.EachScope does, computing the scopes once per
// document for all the rules that ask (scopes are never changed in place).
func eachScope(p *Pass, fn func(in *dockerfile.Instruction, s *dockerfile.Scope)) {
	list := p.Memo(scopesKey{}, func() any {
		n := 0
		for _, st := range p.Dockerfile.Stages {
			n += len(st.Instructions)
		}
		out := make([]scoped, 0, n)
		p.Dockerfile.EachScope(buildArgs(p), func(in *dockerfile.Instruction, s *dockerfile.Scope) {
			out = append(out, scoped{in, s})
		})
		return out
	}).([]scoped)
	for _, x := range list {
		fn(x.in, x.scope)
	}
}

// maxSuggestCandidates bounds the did-you-mean search of the undefined
// variable rules: BuildKit's search measures the edit distance to every
// candidate, so a file declaring thousands of variables and using as many
// undefined ones would cost their product. Past this many candidates the
// suggestion is left out.
const maxSuggestCandidates = 500

// suggestName is BuildKit's suggestion for a misspelt variable name among
// the n candidates listed by candidates, as `docker build --check` words
// it; none when n exceeds maxSuggestCandidates.
func suggestName(name string, n int, candidates func() []string) (string, bool) {
	if n > maxSuggestCandidates {
		return "", false
	}
	return bksuggest.Search(name, candidates(), true)
}
