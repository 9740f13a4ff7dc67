package rules

import "github.com/dlint/dlint/parser"

var dnfMissingYes = &Rule{
	ID:       "DL3038",
	Name:     "dnf-missing-yes",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagCorrectness},
	Summary:  "Use -y with dnf install so the build never waits for an answer",
	Doc: `A build has no terminal: when dnf (or tdnf) asks "Is this ok [y/N]", it reads end of input
and exits without installing. Pass ` + "`-y`" + ` (` + "`--assumeyes`" + `). microdnf never asks (its ` + "`-y`" + `
does nothing), so it is not checked.

Fix (safe): ` + "`" + `-y` + "`" + ` is inserted after the subcommand.`,
	Bad:  "RUN dnf install httpd-2.4.57 && dnf clean all",
	Good: "RUN dnf install -y httpd-2.4.57 && dnf clean all",
	Check: func(p *Pass) {
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if c.Family != famDnf || c.Is("microdnf") || !c.SubIs(pmPromptingSubs...) || pmRPMAssumesYes(c) || pmPipedFromYes(r, c) {
				return
			}
			w := c.SubWord()
			p.Report(w.Range, c.Tool+" "+c.Sub+" has no -y and stops at its confirmation prompt",
				pmInsertFix(p, r.In, w, " -y", "Add -y", true)...)
		})
	},
}
