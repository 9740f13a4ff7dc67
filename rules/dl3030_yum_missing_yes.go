package rules

import "github.com/dlint/dlint/parser"

var yumMissingYes = &Rule{
	ID:       "DL3030",
	Name:     "yum-missing-yes",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagCorrectness},
	Summary:  "Use -y with yum install so the build never waits for an answer",
	Doc: `A build has no terminal: when yum asks "Is this ok [y/N]", it reads end of input and
exits without installing. Pass ` + "`-y`" + ` (` + "`--assumeyes`" + `) to install, update, remove and the
other subcommands that ask.

Fix (safe): ` + "`" + `-y` + "`" + ` is inserted after the subcommand.`,
	Bad:  "RUN yum install httpd-2.4.57 && yum clean all",
	Good: "RUN yum install -y httpd-2.4.57 && yum clean all",
	Check: func(p *Pass) {
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if c.Family != famYum || !c.SubIs(pmPromptingSubs...) || pmRPMAssumesYes(c) || pmPipedFromYes(r, c) {
				return
			}
			w := c.SubWord()
			p.Report(w.Range, "yum "+c.Sub+" has no -y and stops at its confirmation prompt",
				pmInsertFix(p, r.In, w, " -y", "Add -y", true)...)
		})
	},
}
