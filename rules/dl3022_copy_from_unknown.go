package rules

import (
	"fmt"
	"github.com/dlint/dlint/internal/suggest"
	"strings"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var copyFromUnknown = &Rule{
	ID: "DL3022", Name: "copy-from-unknown-stage", Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "COPY --from or RUN --mount from= names no stage and no clear image",
	Doc: "When `--from` names no stage of the file, BuildKit pulls an image of that name instead: a " +
		"typo in a stage name (`--from=buidler`) becomes a pull of `docker.io/library/buidler`, which " +
		"fails or, worse, succeeds with someone else's image. Name a stage defined earlier, or make the " +
		"image explicit with a tag or digest (`--from=nginx:1.27`). Names with `:`, `/` or `@` are read " +
		"as images and not reported; `scratch` is allowed. `RUN --mount from=` takes a stage name, never " +
		"a stage index. If the name is a named build context (`--build-context name=...`), ignore the finding.",
	Bad:   "FROM golang:1.23 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=buidler /app /app",
	Good:  "FROM golang:1.23 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=builder /app /app",
	Check: checkCopyFromUnknown,
}

func checkCopyFromUnknown(p *Pass) {
	g := p.Stages()
	for _, r := range g.Refs {
		if r.Kind == RefBase || r.OnBuild || r.Target != nil || r.Variable || r.LooksLikeImage() || strings.EqualFold(r.Name, "scratch") {
			continue
		}
		if r.Index && r.Kind == RefCopy {
			continue // an index out of range: invalid-stage-reference
		}
		msg := fmt.Sprintf("%s=%s names no stage, so BuildKit pulls an image called %q", r.Kind, r.Name, r.Name)
		if r.Index {
			msg = fmt.Sprintf("RUN --mount from=%s: mounts take a stage name, not an index, so BuildKit pulls an image called %q", r.Name, r.Name)
		}
		if s := closestStage(p.Dockerfile, r.Name); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			msg += "; give an image a tag or digest"
		}
		p.Report(r.Range, msg)
	}
}

// closestStage is the stage name closest to name (at most two edits away).
func closestStage(f *dockerfile.File, name string) string {
	best, bestDist := "", 3
	lower := strings.ToLower(name)
	for _, s := range f.Stages {
		if s.Name == "" {
			continue
		}
		if d := suggest.Distance(lower, s.Name); d < bestDist {
			best, bestDist = s.Name, d
		}
	}
	return best
}
