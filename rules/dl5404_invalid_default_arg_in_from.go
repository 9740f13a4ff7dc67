package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var invalidDefaultArgInFrom = &Rule{
	ID: "DL5404", Name: "invalid-default-arg-in-from", Aliases: []string{"InvalidDefaultArgInFrom"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness, TagReproducibility},
	Summary: "FROM gives an invalid image name with the ARG defaults",
	Doc: "With only the defaults of the ARGs before the first FROM (no --build-arg), the image reference of " +
		"this FROM is empty or invalid (`ARG TAG` + `FROM alpine:$TAG` gives `alpine:`), so a plain " +
		"`docker build` fails. Give the ARG a working default. Checked as `docker build --check` checks it: " +
		"build args are ignored except for the predefined platform args.",
	Bad:  "ARG TAG\nFROM alpine:$TAG",
	Good: "ARG TAG=3.20\nFROM alpine:$TAG",
	Check: func(p *Pass) {
		defaults := p.Dockerfile.DefaultGlobalScope(buildArgs(p))
		for _, st := range p.Dockerfile.Stages {
			e := defaults.Expand(st.Image.Ref)
			if e.Err != nil {
				return // BuildKit abandons the check
			}
			if validImageName(e.Value) {
				continue
			}
			r := st.Image.Range
			if r.IsZero() {
				r = firstLine(st.From)
			}
			var msg string
			switch {
			case e.Value == "":
				msg = fmt.Sprintf("with the ARG defaults, %q gives an empty image name", st.Image.Ref)
			case e.Value == st.Image.Ref:
				msg = fmt.Sprintf("%q is not a valid image name", st.Image.Ref)
			default:
				msg = fmt.Sprintf("with the ARG defaults, %q gives the invalid image name %q", st.Image.Ref, e.Value)
			}
			p.Report(r, msg)
		}
	},
}

// validImageName reports whether name is an image reference as
// `docker build` reads a FROM's (reference.ParseNormalizedNamed, which
// validImageRef answers for without linking the package).
func validImageName(name string) bool { return validImageRef(name) }
