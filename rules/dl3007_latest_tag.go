package rules

import "github.com/dlint/dlint/parser"

var latestTag = &Rule{
	ID: "DL3007", Name: "latest-tag", Kind: parser.Dockerfile, Severity: Warning,
	Aliases: []string{"DS-0001", "CKV_DOCKER_7"},
	Tags:    []string{TagReproducibility},
	Summary: "Do not build on the latest tag",
	Doc: "`latest` moves every time the image is republished, so builds are not reproducible " +
		"and a rebuild can silently pick up a new major version. Pin a version tag or a digest. " +
		"A reference that carries a digest as well is pinned by the digest and passes.",
	Bad:  "FROM node:latest",
	Good: "FROM node:22.11-slim",
	Check: func(p *Pass) {
		for _, st := range p.Dockerfile.Stages {
			im := st.Image
			if im.IsImage() && im.Tag == "latest" && im.Digest == "" {
				p.Reportf(im.Range, "image %q uses the latest tag", im.Expanded)
			}
		}
	},
}
