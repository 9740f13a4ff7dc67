package rules

import (
	"fmt"
	"strings"

	"github.com/containerd/platforms"

	"github.com/dlint/dlint/parser"
)

var platformFlagConstant = &Rule{
	ID: "DL3029", Name: "from-platform-constant", Aliases: []string{"FromPlatformFlagConstDisallowed", "using_platform_with_from"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagReproducibility},
	Summary: "FROM --platform should not be a constant",
	Doc: "`FROM --platform=linux/amd64` pins a stage to one platform, so a multi-platform build (or a build " +
		"on an arm64 machine) silently runs that stage under emulation or ships the wrong architecture. Use " +
		"`--platform=$BUILDPLATFORM` for stages that only produce files, and leave the target stages " +
		"without the flag. The trigger is BuildKit's FromPlatformFlagConstDisallowed: a value without any " +
		"variable that parses as a platform, unless the stage name contains its OS or architecture " +
		"(`AS build-arm64`), which marks a deliberately per-platform stage. hadolint's DL3029 also flags " +
		"values made of other variables (`--platform=$MYARCH`); dlint does not, as they are not constants.",
	Bad:  "FROM --platform=linux/amd64 golang:1.23 AS build",
	Good: "FROM --platform=$BUILDPLATFORM golang:1.23 AS build",
	Check: func(p *Pass) {
		global := globalScope(p)
		for _, st := range p.Dockerfile.Stages {
			fl, ok := st.From.Flag("platform")
			if !ok {
				continue
			}
			e := global.Expand(fl.Value)
			if len(e.Used) > 0 || len(e.Unset) > 0 || e.Err != nil {
				continue
			}
			pl, err := platforms.Parse(e.Value)
			if err != nil {
				continue
			}
			if strings.Contains(st.Name, pl.OS) || strings.Contains(st.Name, pl.Architecture) {
				continue
			}
			bkReport(p, "FromPlatformFlagConstDisallowed", st.From.Comments, fl.Range,
				fmt.Sprintf("--platform=%s pins this stage to one platform", e.Value))
		}
	},
}
