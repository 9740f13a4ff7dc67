package rules

import (
	"slices"

	"github.com/dlint/dlint/parser"
)

var lnBinSh = &Rule{
	ID: "DL4005", Name: "ln-bin-sh", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagMaintainability, TagCorrectness},
	Summary: "A RUN replaces /bin/sh with a link instead of using SHELL",
	Doc: "Linking another shell over `/bin/sh` changes the shell of every script and package " +
		"maintainer script in the image, not only of the Dockerfile's RUN instructions, and hides the " +
		"change from readers. Use the `SHELL` instruction to choose the shell that runs the following " +
		"RUN instructions.",
	Bad:   "RUN ln -sf /bin/bash /bin/sh",
	Good:  "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
	Check: checkLnBinSh,
}

var shLnOpts = shOptSpec{shortVal: "St", longVal: shSet("suffix", "target-directory", "backup")}

func checkLnBinSh(p *Pass) {
	d := newShDedup(p)
	for _, r := range shRuns(p) {
		for _, c := range r.Commands() {
			if !c.Is("ln") || !shExecuted(c) {
				continue
			}
			opts, pos := shLnOpts.parse(c.Args)
			if _, ok := shOptFind(slices.Values(opts), "t", "target-directory"); ok || len(pos) < 2 {
				continue
			}
			dst := pos[len(pos)-1]
			if dst.Value == "/bin/sh" || dst.Value == "/usr/bin/sh" {
				d.report(dst.Range, `"ln" replaces `+dst.Value+`; use the SHELL instruction instead`)
			}
		}
	}
}
