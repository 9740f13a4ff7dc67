package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var exposeHostPort = &Rule{
	ID: "DL5407", Name: "expose-host-port", Aliases: []string{"ExposeInvalidFormat"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags:    []string{TagCorrectness},
	Summary: "EXPOSE takes container ports only, not IPs or host ports",
	Doc: "EXPOSE documents which container ports the image listens on. An IP address or a host port " +
		"(`EXPOSE 127.0.0.1:8080:80`, `EXPOSE 8080:80`) is not published by the build; BuildKit drops it and " +
		"keeps the container port, so the instruction does not do what it says. Publish ports at run time " +
		"(`docker run -p 8080:80`) and EXPOSE only the container port. One finding per entry.",
	Bad:  "FROM nginx:1.27\nEXPOSE 8080:80",
	Good: "FROM nginx:1.27\nEXPOSE 80",
	Check: func(p *Pass) {
		eachExposedPort(p, func(in *dockerfile.Instruction, raw string, port exposedPort) {
			if port.ip == "" && port.hostPort == "" {
				return
			}
			bkReport(p, "ExposeInvalidFormat", in.Comments, in.Find(raw),
				fmt.Sprintf("EXPOSE %s maps an IP address or host port; only the container port %s is exposed", raw, port.port))
		})
	},
}
