package rules

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
)

var legacyKeyValue = &Rule{
	ID: "DL5405", Name: "legacy-key-value-format", Aliases: []string{"LegacyKeyValueFormat"},
	Kind: parser.Dockerfile, Severity: Style,
	Tags:    []string{TagStyle, TagMaintainability},
	Summary: "Use ENV key=value and LABEL key=value",
	Doc: "`ENV key value` (without `=`) is a legacy form that sets one variable to the whole rest of the line " +
		"(`ENV A 1 B 2` sets A to `1 B 2`) and cannot set several variables at once. Write `ENV key=value`. " +
		"Reported for ENV and LABEL, as `docker build --check` does; `ARG a b` declares two args and is fine. " +
		"ONBUILD triggers, which BuildKit checks in a stage built FROM their stage, are not checked.",
	Bad:  "FROM alpine:3.20\nENV APP_HOME /app",
	Good: "FROM alpine:3.20\nENV APP_HOME=/app",
	Check: func(p *Pass) {
		for _, st := range p.Dockerfile.Stages {
			for _, in := range st.Instructions {
				var kvs instructions.KeyValuePairs
				switch c := in.Command.(type) {
				case *instructions.EnvCommand:
					kvs = c.Env
				case *instructions.LabelCommand:
					kvs = c.Labels
				default:
					continue
				}
				for _, kv := range kvs {
					if !kv.NoDelim {
						continue
					}
					kw := strings.ToUpper(in.Keyword)
					bkReport(p, "LegacyKeyValueFormat", in.Comments, in.Find(kv.Key),
						fmt.Sprintf("%s %s uses the legacy \"%s key value\" form; write %s %s=…", kw, kv.Key, kw, kw, kv.Key))
				}
			}
		}
	},
}
