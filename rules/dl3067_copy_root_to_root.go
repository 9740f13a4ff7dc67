package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dlint/dlint/parser"
)

var copyRootToRoot = &Rule{
	ID: "DL3067", Name: "copy-from-root-to-root", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness, TagSize},
	Summary: "COPY --from copies another image's whole filesystem over this one",
	Doc: "`COPY --from=x / /` lays every file of the other stage or image (its /etc/passwd, its " +
		"libraries, its package database) over the current filesystem, silently replacing the base " +
		"image's files and mixing two distributions. Copy the directories you need. Copying the root " +
		"of an image that holds only a few files (a FROM scratch stage, a tool image such as " +
		"tonistiigi/xx) is a common and sound pattern, so the rule reports only sources known to carry " +
		"a whole distribution: stages that run commands, and Docker Official Images (alpine, debian, golang, …).",
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
		if !ok || len(sources) != 1 || heredocs > 0 || !isRootPath(sources[0]) || !isRootPath(dest) {
			continue
		}
		if !fullFilesystem(r) {
			continue
		}
		what := "image " + quoted(r.Name)
		if r.Target != nil {
			what = stageName(r.Target)
		}
		p.Report(argRanges(r.In, []string{sources[0], dest})[0], fmt.Sprintf("COPY --from=%s / / copies the whole filesystem of %s over this stage; copy only the paths you need", r.Name, what))
	}
}

func isRootPath(s string) bool {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return s != "" && s[0] == '/' && path.Clean(s) == "/"
}

// fullFilesystem reports whether a COPY --from source is known to hold a
// whole distribution: a stage whose chain runs commands (it has a shell) or
// is based on a Docker Official Image, or an official image itself.
func fullFilesystem(r StageRef) bool {
	if r.Target == nil {
		return r.Name != "" && isOfficialImageRef(r.Name)
	}
	for _, in := range ChainInstructions(r.Target) {
		if in.Cmd == "run" {
			return true
		}
	}
	root := r.Target.Root().Image
	return root.IsImage() && root.Official()
}

// isOfficialImageRef reports whether an image reference names a Docker Official
// Image (docker.io/library/…).
func isOfficialImageRef(ref string) bool {
	if registryOfImage(ref) != "docker.io" {
		return false
	}
	name := ref
	if i := strings.IndexAny(name, ":@"); i >= 0 {
		name = name[:i]
	}
	for _, p := range []string{"docker.io/", "index.docker.io/", "library/"} {
		name = strings.TrimPrefix(name, p)
	}
	return name != "" && !strings.Contains(name, "/") && name != "scratch"
}
