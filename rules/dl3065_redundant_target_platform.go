package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var redundantTargetPlatform = &Rule{
	ID: "DL3065", Name: "redundant-target-platform", Aliases: []string{"RedundantTargetPlatform"},
	Kind: parser.Dockerfile, Severity: Style,
	Tags:    []string{TagStyle},
	Summary: "FROM --platform=$TARGETPLATFORM is the default",
	Doc: "A stage is built for the target platform unless told otherwise, so `--platform=$TARGETPLATFORM` " +
		"changes nothing. Remove the flag. Reported when TARGETPLATFORM is the only variable in the value and " +
		"the value is exactly the target platform, as `docker build --check` does.\n\n" +
		"Fix (safe): the flag is removed.",
	Bad:  "FROM --platform=$TARGETPLATFORM alpine:3.20",
	Good: "FROM alpine:3.20",
	Check: func(p *Pass) {
		global := globalScope(p)
		target, _ := global.Get("TARGETPLATFORM")
		for _, st := range p.Dockerfile.Stages {
			fl, ok := st.From.Flag("platform")
			if !ok {
				continue
			}
			e := global.Expand(fl.Value)
			if e.Err != nil || len(e.Used) != 1 || e.Used[0] != "TARGETPLATFORM" || len(e.Unset) > 0 || e.Value != target {
				continue
			}
			bkReport(p, "RedundantTargetPlatform", st.From.Comments, fl.Range,
				fmt.Sprintf("--platform=%s is redundant: stages are built for the target platform by default", fl.Value),
				Fix{Message: "Remove the flag", Safe: true, Edits: []Edit{{Range: extendOverSpace(p, fl.Range), NewText: ""}}})
		}
	},
}
