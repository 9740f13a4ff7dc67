package rules

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
	"github.com/dlint/dlint/parser/source"
)

var relativeWorkdir = &Rule{
	ID: "DL3000", Name: "relative-workdir", Aliases: []string{"WorkdirRelativePath", "DS-0009", "CKV_DOCKER_10", "workdir_path_not_absolute"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness, TagReproducibility},
	Summary: "The first WORKDIR of a stage should be an absolute path",
	Doc: "A relative WORKDIR is resolved against the base image's working directory, which the image's " +
		"maintainers may change at any time; the files of the following COPY and RUN then land elsewhere. " +
		"Start from an absolute path. As in `docker build --check` (WorkdirRelativePath), only the first " +
		"WORKDIR of a stage is checked — once it is absolute, later relative ones are relative to a known " +
		"place — and a stage built FROM an earlier stage inherits that state. The path is checked after " +
		"variable expansion. Differences: hadolint checks every WORKDIR; dlint, unlike BuildKit on a Linux " +
		"builder, accepts Windows paths (`C:\\app`, `\\app`), and it stays silent when the path uses a variable " +
		"that the base image's ENV may define (dlint does not know the base image's environment).\n\n" +
		"Fix (unsafe: it assumes the base image still starts where it did): when the stage's base image is " +
		"`scratch` or an official image whose working directory is known (" + knownWorkdirList() + "), the " +
		"path is made absolute against it.",
	Bad:  "FROM node:22\nWORKDIR app",
	Good: "FROM node:22\nWORKDIR /app",
	Check: func(p *Pass) {
		set := map[*dockerfile.Stage]bool{}
		eachScope(p, func(in *dockerfile.Instruction, s *dockerfile.Scope) {
			st := in.Stage
			if _, ok := set[st]; !ok {
				set[st] = st.Parent != nil && st.Parent.Index < st.Index && set[st.Parent]
			}
			wd, ok := in.Command.(*instructions.WorkdirCommand)
			if !ok || set[st] {
				return
			}
			set[st] = true
			e := s.Expand(wd.Path)
			if e.Err != nil || len(e.Undefined) > 0 && s.ImageEnvUnknown {
				return
			}
			if absWorkdir(e.Value) {
				return
			}
			r := in.Find(wd.Path)
			bkReport(p, "WorkdirRelativePath", in.Comments, r,
				fmt.Sprintf("WORKDIR %q is relative to the base image's working directory; use an absolute path", e.Value),
				relativeWorkdirFix(p, st, r, wd.Path)...)
		})
	},
}

// absWorkdir accepts Unix absolute paths and Windows ones (C:\x, C:/x, \x).
func absWorkdir(p string) bool {
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) {
		return true
	}
	return len(p) >= 2 && p[1] == ':' && (p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z')
}

// knownWorkdirs are the working directories of official images that rarely
// change; an image not listed here is not assumed to start anywhere.
var knownWorkdirs = map[string]string{
	"alpine": "/", "busybox": "/", "debian": "/", "ubuntu": "/", "fedora": "/",
	"node": "/", "python": "/", "golang": "/go",
}

func knownWorkdirList() string {
	names := make([]string, 0, len(knownWorkdirs))
	for name, dir := range knownWorkdirs {
		names = append(names, "`"+name+"` "+dir)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// relativeWorkdirFix makes the WORKDIR path at r absolute when the
// working directory the stage starts in is known.
func relativeWorkdirFix(p *Pass, st *dockerfile.Stage, r source.Range, raw string) []Fix {
	if src, ok := fixSrc(p, r); !ok || src != raw || st == nil {
		return nil
	}
	im := st.Root().Image
	base := ""
	switch {
	case im.Scratch:
		base = "/"
	case im.Official() && !im.Unresolved:
		base = knownWorkdirs[strings.TrimPrefix(im.Repository, "library/")]
	}
	if base == "" {
		return nil
	}
	// A plain path is joined and cleaned; any other is written after the
	// base as it is: cleaning it would split its quotes ('a/../b' became
	// /b') or its variables, and BuildKit cleans the expanded path anyway.
	text := path.Join(base, raw)
	if !dockerfile.PlainWord(raw, p.Dockerfile.Escape) {
		text = strings.TrimSuffix(base, "/") + "/" + raw
	}
	return []Fix{{Message: fmt.Sprintf("Write the absolute path %q", text), Edits: []Edit{{Range: r, NewText: text}}}}
}
