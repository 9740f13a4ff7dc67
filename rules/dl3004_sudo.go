package rules

import "github.com/dlint/dlint/parser"

var sudoInRun = &Rule{
	ID: "DL3004", Name: "sudo-in-run", Kind: parser.Dockerfile, Severity: Warning,
	Tags:             []string{TagSecurity},
	SecuritySeverity: 5.0,
	Aliases:          []string{"DS-0010", "CKV2_DOCKER_1"},
	Summary:          "A RUN uses sudo",
	Doc: "RUN already runs as the current USER, root unless a USER instruction changed it, so `sudo` " +
		"adds nothing but a setuid binary and a sudoers policy to the image, and its TTY and environment " +
		"handling make builds behave unpredictably. Run the privileged steps before switching with " +
		"`USER`, or switch back with `USER root` for them; use `gosu`/`su-exec` in an entrypoint when a " +
		"process must drop privileges at run time. (hadolint reports this as an error; dlint as a " +
		"warning, since the build itself works.)",
	Bad:   "USER app\nRUN sudo apt-get update",
	Good:  "RUN apt-get update\nUSER app",
	Check: checkSudo,
}

func checkSudo(p *Pass) {
	d := newShDedup(p)
	for _, r := range shRuns(p) {
		for _, c := range r.Commands() {
			if c.Is("sudo", "doas") && shExecuted(c) {
				d.report(c.Name.Range, `do not use "`+c.Base()+`" in RUN; switch with USER instead`)
			}
		}
	}
}
