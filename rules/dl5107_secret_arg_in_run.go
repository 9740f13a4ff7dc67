package rules

import (
	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser/dockerfile"

	"github.com/dlint/dlint/parser"
)

var secretArgInRun = &Rule{
	ID: "DL5107", Name: "secret-arg-in-run", Kind: parser.Dockerfile, Severity: Warning,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 6.5,
	Summary:          "A RUN uses a secret-looking build argument instead of a secret mount",
	Doc: "Build arguments are not secret: their values are recorded in the image's history and " +
		"provenance, so `ARG NPM_TOKEN` followed by `RUN … $NPM_TOKEN` publishes the token with the image. " +
		"Pass the value as a build secret (`docker build --secret id=npm,env=NPM_TOKEN`) and read it only " +
		"in the RUN that needs it: `RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci`. A variable that a " +
		"secret mount of the same RUN provides (`env=NPM_TOKEN`) is not reported. Which names look secret " +
		"follows BuildKit's SecretsUsedInArgOrEnv check (DL3064 reports the declaration itself). " +
		"ONBUILD RUN is not checked: its build arguments belong to the downstream build.",
	Bad:   "ARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=$NPM_TOKEN\" > .npmrc && npm ci",
	Good:  "RUN --mount=type=secret,id=npm,env=NPM_TOKEN \\\n    echo \"//registry.npmjs.org/:_authToken=$NPM_TOKEN\" > .npmrc && npm ci && rm .npmrc",
	Check: checkSecretArgInRun,
}

// shSecretArgsInScope are the secret-looking ARG names declared in the
// RUN's stage before it (none for ONBUILD RUN). The sets of a document are
// built in one walk of each stage and shared (read-only): asking stage by
// stage for every RUN was quadratic in a stage of many RUNs.
func shSecretArgsInScope(p *Pass, r shRun) map[string]bool {
	if r.Onbuild != nil {
		return nil
	}
	return secretArgSets(p)[r.In]
}

type secretArgSetsKey struct{}

func secretArgSets(p *Pass) map[*dockerfile.Instruction]map[string]bool {
	return p.Memo(secretArgSetsKey{}, func() any {
		sets := map[*dockerfile.Instruction]map[string]bool{}
		for _, st := range p.Dockerfile.Stages {
			var cur map[string]bool // shared by the RUNs until the next secret ARG
			for _, in := range st.Instructions {
				if in.Cmd == "run" {
					sets[in] = cur
				}
				cmd, ok := in.Command.(*instructions.ArgCommand)
				if !ok {
					continue
				}
				for _, kv := range cmd.Args {
					if shSecretName(kv.Key) && !cur[kv.Key] {
						next := make(map[string]bool, len(cur)+1)
						for k := range cur {
							next[k] = true
						}
						next[kv.Key] = true
						cur = next
					}
				}
			}
		}
		return sets
	}).(map[*dockerfile.Instruction]map[string]bool)
}

func checkSecretArgInRun(p *Pass) {
	d := newShDedup(p)
	for _, r := range shRuns(p) {
		args := shSecretArgsInScope(p, r)
		if len(args) == 0 {
			continue
		}
		envs, _ := shSecretMounts(r.In)
		cmds := r.Commands()
		for _, c := range cmds {
			ws := c.Assigns
			if !shHasInner(cmds, c) {
				ws = append(append(ws[:len(ws):len(ws)], c.Name), c.Args...)
			}
			for _, w := range ws {
				for _, v := range shVarRefs(w) {
					if args[v] && !envs[v] {
						d.report(w.Range, `build argument "`+v+`" is used in RUN; pass it with --mount=type=secret,id=…,env=`+v)
						break
					}
				}
			}
		}
	}
}
