package rules

import (
	"fmt"

	"github.com/dlint/dlint/parser"
)

var exposeSSH = &Rule{
	ID: "DL5209", Name: "expose-ssh-port", Aliases: []string{"DS-0004", "CKV_DOCKER_1"},
	Kind: parser.Dockerfile, Severity: Warning,
	Tags: []string{TagSecurity}, SecuritySeverity: 5.3,
	Summary: "The image exposes port 22 (SSH)",
	Doc: "Running an SSH server inside a container adds a long-lived, password- or key-protected entry " +
		"point that must be patched and audited, and usually means the container is managed like a " +
		"virtual machine. Use `docker exec` (or `kubectl exec`) to get a shell, and remove the SSH " +
		"server and the EXPOSE 22. Only the final stage (or --target) and the stages it is built FROM " +
		"are judged.",
	Bad:   "EXPOSE 22 8080",
	Good:  "EXPOSE 8080",
	Check: checkExposeSSH,
}

func checkExposeSSH(p *Pass) {
	final := p.FinalStage()
	if final == nil {
		return
	}
	for _, in := range ChainInstructions(final) {
		if in.Cmd != "expose" {
			continue
		}
		forEachPort(in, func(raw string, spec portSpec, err string) {
			if err == "" && spec.Proto == "tcp" && spec.Start <= 22 && 22 <= spec.End {
				p.Report(in.Find(raw), fmt.Sprintf("EXPOSE %s publishes port 22, the SSH port: use docker exec instead of an SSH server in the container", raw))
			}
		})
	}
}
