package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var duplicateStageName = &Rule{
	ID: "DL3024", Name: "duplicate-stage-name", Aliases: []string{"DuplicateStageName", "DS-0012", "CKV_DOCKER_11", "same_alias_in_different_froms"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "Stage names must be unique",
	Doc: "When two stages share a name, `COPY --from=name`, `FROM name` and `--target name` silently pick " +
		"the later one. Names are compared case-insensitively, as BuildKit lowercases them (`AS Build` and " +
		"`AS build` collide; hadolint compares them exactly). The later FROM is reported.",
	Bad:  "FROM golang:1.23 AS build\nFROM node:22 AS build",
	Good: "FROM golang:1.23 AS build-go\nFROM node:22 AS build-web",
	Check: func(p *Pass) {
		seen := map[string]int{}
		for _, st := range p.Dockerfile.Stages {
			if st.Name == "" {
				continue
			}
			if line, ok := seen[st.Name]; ok {
				r := st.NameRange
				if r.IsZero() {
					r = firstLine(st.From)
				}
				p.Report(r, fmt.Sprintf("stage name %q is already used on line %d", st.Name, line))
				continue
			}
			seen[st.Name] = st.From.Line()
		}
	},
}
