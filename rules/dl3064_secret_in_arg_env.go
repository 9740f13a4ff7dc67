package rules

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

// BuildKit's name heuristic: one of secretWords is a whole `_`-separated
// word of the name, case-insensitively, and none of allowWords is. BuildKit
// writes it as two regular expressions; every ARG and ENV of every file asks,
// so the words are compared directly (the test checks both agree).
var (
	secretWords = []string{"apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"}
	allowWords  = []string{"public", "file", "version"}
)

// secretLikeName reports whether an ARG or ENV name looks like it holds a secret.
func secretLikeName(name string) bool {
	return hasWordFold(name, secretWords) && !hasWordFold(name, allowWords)
}

// hasWordFold reports whether one of the `_`-separated words of name equals
// one of words under Unicode case folding, as a regular expression's (?i).
func hasWordFold(name string, words []string) bool {
	for w := range strings.SplitSeq(name, "_") {
		for _, x := range words {
			if strings.EqualFold(w, x) {
				return true
			}
		}
	}
	return false
}

var secretInArgOrEnv = &Rule{
	ID: "DL3064", Name: "secret-in-arg-or-env", Aliases: []string{"SecretsUsedInArgOrEnv", "DS-0031"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags: []string{TagSecurity}, SecuritySeverity: 7.5,
	Summary: "ARG or ENV name suggests a secret",
	Doc: "ENV values are stored in the image config, and ARG values used by a RUN are recorded in the image " +
		"history: anyone who can pull the image can read them. Pass secrets with `RUN --mount=type=secret` " +
		"(or `--mount=type=ssh`) instead. The name heuristic is BuildKit's (SecretsUsedInArgOrEnv): the name " +
		"contains one of apikey, auth, credential(s), key, password, pword, passwd, secret or token as a whole " +
		"`_`-separated word, and none of public, file or version (`GITHUB_TOKEN`, `DB_PASSWORD` are reported; " +
		"`PUBLIC_KEY`, `TOKENIZER`, `GPG_KEY_FILE` are not). ARGs before the first FROM are not checked: they only " +
		"feed FROM lines and are not recorded in the image. hadolint's DL3064 uses a longer list of names. " +
		"ONBUILD triggers, which BuildKit checks in a stage built FROM their stage, are not checked.",
	Bad:  "FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/org/repo",
	Good: "FROM alpine:3.20\nRUN --mount=type=secret,id=github_token \\\n    git clone https://$(cat /run/secrets/github_token)@github.com/org/repo",
	Check: func(p *Pass) {
		eachScope(p, func(in *dockerfile.Instruction, s *dockerfile.Scope) {
			var keys []string
			switch c := in.Command.(type) {
			case *instructions.ArgCommand:
				for _, kv := range c.Args {
					keys = append(keys, kv.Key)
				}
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					keys = append(keys, s.Expand(kv.Key).Value)
				}
			default:
				return
			}
			for _, k := range keys {
				if !secretLikeName(k) {
					continue
				}
				bkReport(p, "SecretsUsedInArgOrEnv", in.Comments, in.Find(k),
					fmt.Sprintf("%s %q looks like a secret; %s values can be read from the image, use a secret mount", in.Keyword, k, in.Keyword))
			}
		})
	},
}
