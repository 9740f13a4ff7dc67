package rules

import "github.com/dlint/dlint/parser"

var untaggedImage = &Rule{
	ID: "DL3006", Name: "untagged-image", Kind: parser.Dockerfile, Severity: Warning,
	Aliases: []string{"DS-0001", "CKV_DOCKER_7"},
	Tags:    []string{TagReproducibility},
	Summary: "Pin base images to a tag or digest",
	Doc: "A FROM without a tag follows whatever the registry calls `latest` today, so the same " +
		"Dockerfile builds a different image tomorrow. Name a version tag, or better a digest. " +
		"References to earlier stages and `scratch` are not images and are exempt. ARG values " +
		"(their defaults, or --build-arg) are substituted first, so `FROM ${BASE}` is judged by " +
		"the image it names; a reference whose variables have no value is not judged.",
	Bad:  "FROM debian",
	Good: "FROM debian:12.5-slim",
	Check: func(p *Pass) {
		for _, st := range p.Dockerfile.Stages {
			im := st.Image
			if im.IsImage() && im.Expanded != "" && im.Tag == "" && im.Digest == "" {
				p.Reportf(im.Range, "image %q has no tag or digest", im.Expanded)
			}
		}
	},
}
