package rules

import (
	"fmt"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
)

var maintainerDeprecated = &Rule{
	ID: "DL4000", Name: "maintainer-deprecated", Aliases: []string{"MaintainerDeprecated", "DS-0022", "CKV_DOCKER_6", "maintainer_instruction_being_used"},
	Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagMaintainability},
	Summary: "MAINTAINER is deprecated; use a LABEL",
	Doc: "MAINTAINER only fills the image's legacy Author field, which most tools no longer show. " +
		"The OCI label `org.opencontainers.image.authors` carries the same information where registries " +
		"and scanners look for it. Every MAINTAINER instruction is reported, as `docker build --check` does.\n\n" +
		"Fix (unsafe: the image's Author field is no longer set): a one-line MAINTAINER becomes " +
		"`LABEL org.opencontainers.image.authors=\"…\"` with the same text.",
	Bad:  "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>",
	Good: "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"",
	Check: func(p *Pass) {
		for _, in := range p.Dockerfile.Instructions {
			if in.Cmd != "maintainer" {
				continue
			}
			var fixes []Fix
			if m, ok := in.Command.(*instructions.MaintainerCommand); ok && in.Range.Start.Line == in.Range.End.Line {
				q := fixDockerQuote(m.Maintainer, p.Dockerfile.Escape)
				fixes = append(fixes, Fix{
					Message: "Replace with an org.opencontainers.image.authors label",
					Edits:   []Edit{{Range: in.Range, NewText: fixKeyword(in.Keyword, "LABEL") + " org.opencontainers.image.authors=" + q}},
				})
			}
			bkReport(p, "MaintainerDeprecated", in.Comments, in.KeywordRange,
				fmt.Sprintf("MAINTAINER is deprecated; record %q in the org.opencontainers.image.authors label", maintainerOf(in.Args)), fixes...)
		}
	},
}

func maintainerOf(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}
