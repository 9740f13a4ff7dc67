package rules

import (
	"fmt"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/dockerfile"
)

var missingHealthcheck = &Rule{
	ID: "DL5005", Name: "missing-healthcheck", Kind: parser.Dockerfile, Severity: Info,
	Aliases: []string{"DL3057", "DS-0026", "CKV_DOCKER_2"},
	Tags:    []string{TagCorrectness},
	Summary: "A service image has no HEALTHCHECK",
	Doc: "The final image serves on a port (it EXPOSEs one, or runs a known server) but declares " +
		"no HEALTHCHECK, so Docker, Swarm and Compose only know whether the process is alive, not " +
		"whether it answers. Add a HEALTHCHECK that exercises the service, or write " +
		"`HEALTHCHECK NONE` to record that the orchestrator checks health itself. HEALTHCHECKs of " +
		"the stages the final stage is built FROM count; one set by the base image cannot be seen.",
	Bad:  "FROM nginx:1.27\nEXPOSE 80",
	Good: "FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1",
	Check: func(p *Pass) {
		final := p.FinalStage()
		if final == nil {
			return
		}
		var service *dockerfile.Instruction
		for _, st := range final.Chain() {
			if len(st.InstructionsOf("healthcheck")) > 0 {
				return
			}
			if service == nil {
				service = serviceMarker(st)
			}
		}
		if service == nil {
			return
		}
		what := "exposes a port"
		if service.Cmd != "expose" {
			what = "runs a server"
		}
		p.Report(service.KeywordRange, fmt.Sprintf("the final image %s but has no HEALTHCHECK", what))
	},
}

// servers are programs whose presence in CMD/ENTRYPOINT makes an image a service.
var servers = map[string]bool{
	"nginx": true, "httpd": true, "apache2": true, "apache2ctl": true, "gunicorn": true, "uvicorn": true,
	"hypercorn": true, "daphne": true, "puma": true, "unicorn": true, "caddy": true, "traefik": true,
	"haproxy": true, "php-fpm": true, "redis-server": true, "postgres": true, "mysqld": true, "mongod": true,
}

// serviceMarker finds the last EXPOSE of a stage, or a CMD/ENTRYPOINT that starts a server.
func serviceMarker(st *dockerfile.Stage) *dockerfile.Instruction {
	if ex := st.InstructionsOf("expose"); len(ex) > 0 {
		return ex[len(ex)-1]
	}
	for _, in := range st.InstructionsOf("cmd", "entrypoint") {
		var args []string
		switch c := in.Command.(type) {
		case *instructions.CmdCommand:
			args = c.CmdLine
		case *instructions.EntrypointCommand:
			args = c.CmdLine
		}
		if len(args) > 0 && servers[baseName(firstWord(args[0]))] {
			return in
		}
	}
	return nil
}
