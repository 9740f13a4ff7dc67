package rules

import (
	"fmt"
	"path"

	"github.com/dlint/dlint/parser"
)

var copyRootToRoot = &Rule{
	ID: "DL3067", Name: "copy-from-root-to-root", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness, TagSize},
	Summary: "COPY --from copies another image's whole filesystem over this one",
	Doc: "`COPY --from=x / /` lays every file of the other stage or image (its /etc/passwd, its " +
		"libraries, its package database) over the current filesystem, silently replacing the base " +
		"image's files and mixing two distributions. Copy the directories you need. A source stage " +
		"built FROM scratch holds only what it copied in, so copying its root is fine and not reported.",
	Bad:   "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build / /",
	Good:  "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app",
	Check: checkCopyRootToRoot,
}

func checkCopyRootToRoot(p *Pass) {
	g := p.Stages()
	for _, r := range g.Refs {
		if r.Kind != RefCopy || r.OnBuild {
			continue
		}
		sources, dest, heredocs, ok := copyParts(r.In)
		if !ok || len(sources) != 1 || heredocs > 0 || !isRoot(sources[0]) || !isRoot(dest) {
			continue
		}
		if r.Target != nil && r.Target.Root().Image.Scratch {
			continue
		}
		what := "image " + quote(r.Name)
		if r.Target != nil {
			what = stageLabel(r.Target)
		}
		p.Report(argRanges(r.In, []string{sources[0], dest})[0], fmt.Sprintf("COPY --from=%s / / copies the whole filesystem of %s over this stage; copy only the paths you need", r.Name, what))
	}
}

func isRoot(s string) bool {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return s != "" && s[0] == '/' && path.Clean(s) == "/"
}
