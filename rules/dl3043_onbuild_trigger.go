package rules

import (
	"fmt"
	"strings"

	"github.com/dlint/dlint/parser"
)

var onbuildInvalidTrigger = &Rule{
	ID: "DL3043", Name: "onbuild-invalid-trigger", Kind: parser.Dockerfile, Severity: Error,
	Tags:    []string{TagCorrectness},
	Summary: "ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER",
	Doc: "A trigger runs when another build uses this image as its base. Triggers that would chain " +
		"(`ONBUILD ONBUILD`), start a new stage (`ONBUILD FROM`) or set deprecated metadata " +
		"(`ONBUILD MAINTAINER`) are refused by the Dockerfile parser. Remove the trigger, or put the " +
		"instruction directly in the Dockerfile that builds on this image (use a LABEL instead of MAINTAINER).",
	Bad:   "FROM node:22\nONBUILD FROM node:22-slim",
	Good:  "FROM node:22\nONBUILD COPY package.json /app/",
	Check: checkOnbuildInvalidTrigger,
}

func checkOnbuildInvalidTrigger(p *Pass) {
	for _, in := range p.Dockerfile.Instructions {
		if in.Cmd != "onbuild" || in.Inner == nil {
			continue
		}
		switch in.Inner.Cmd {
		case "onbuild", "from", "maintainer":
			p.Report(in.Inner.KeywordRange, fmt.Sprintf("%s is not allowed as an ONBUILD trigger", strings.ToUpper(in.Inner.Cmd)))
		}
	}
}
