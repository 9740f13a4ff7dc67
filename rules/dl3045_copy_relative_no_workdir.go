package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var copyRelativeNoWorkdir = &Rule{
	ID: "DL3045", Name: "copy-relative-without-workdir", Kind: parser.Dockerfile, Severity: Info,
	Tags:    []string{TagMaintainability},
	Summary: "COPY to a relative path before any WORKDIR in the stage",
	Doc: "A relative COPY or ADD destination is resolved against the working directory, which, until " +
		"the stage (or a stage it is built FROM) sets WORKDIR, is whatever the base image chose: `/` for " +
		"most images, `/go` for golang, `/var/www/html` for php. The files land somewhere that depends on " +
		"the base image and moves when it changes. Set `WORKDIR` first or use an absolute destination. " +
		"Limit: the base image's own WORKDIR is not known to dlint, so when you rely on it on purpose " +
		"this note is a false positive (hence info); images built FROM scratch start in `/` and are not reported.",
	Bad:   "FROM node:22\nCOPY package.json .",
	Good:  "FROM node:22\nWORKDIR /app\nCOPY package.json .",
	Check: checkCopyRelativeNoWorkdir,
}

func checkCopyRelativeNoWorkdir(p *Pass) {
	f := p.Dockerfile
	for _, st := range f.Stages {
		if st.Root().Image.Scratch || st.Root().Image.Unresolved {
			continue
		}
		copies := st.InstructionsOf("copy", "add")
		if len(copies) == 0 {
			continue
		}
		own := make(map[*dockerfile.Instruction]bool, len(copies))
		for _, in := range copies {
			own[in] = true
		}
		// One pass over the chain: the stage's COPY and ADD lines before
		// the first WORKDIR of the chain.
		vars := newChainVars(f, st)
		for _, in := range ChainInstructions(st) {
			if in.Cmd == "workdir" {
				break
			}
			if !own[in] {
				continue
			}
			sources, dest, _, ok := copyParts(in)
			if !ok || dest == "" {
				continue
			}
			value, unresolved := vars.expand(in, dest)
			if unresolved || absContainerPath(value) {
				continue
			}
			p.Report(lastArgRange(in, sources, dest), fmt.Sprintf("relative destination %q depends on the base image's working directory: no WORKDIR is set before this %s", value, strings.ToUpper(in.Cmd)))
		}
	}
}

// absContainerPath reports whether a path is absolute on Linux or Windows.
func absContainerPath(s string) bool {
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, `\`) {
		return true
	}
	return len(s) >= 2 && s[1] == ':' && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}
