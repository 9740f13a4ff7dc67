package rules

import "github.com/dlint/dlint/parser"

var missingUser = &Rule{
	ID: "DL5003", Name: "missing-user", Kind: parser.Dockerfile, Severity: Warning,
	Aliases:          []string{"DS-0002", "CKV_DOCKER_3"},
	Tags:             []string{TagSecurity},
	SecuritySeverity: 7.0,
	Summary:          "The final image has no USER and runs as root",
	Doc: "Without a USER instruction a container runs as root (uid 0) unless its base image sets " +
		"another user. Create an unprivileged user and switch to it at the end of the final stage. " +
		"USER instructions of the stages the final stage is built FROM count. Base images that run " +
		"as non-root by default (tags such as `nonroot`, `rootless`) pass.",
	Bad:  "FROM python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]",
	Good: "FROM python:3.12-slim\nRUN useradd --create-home app\nUSER app\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]",
	Check: func(p *Pass) {
		final := p.FinalStage()
		if final == nil || lastUser(final) != nil {
			return
		}
		root := final.Root()
		im := root.Image
		if im.Unresolved || nonRootImage(im) {
			return
		}
		p.Reportf(final.Image.Range, "no USER in the final stage %s: the container runs as root", stageLabel(final))
	},
}
