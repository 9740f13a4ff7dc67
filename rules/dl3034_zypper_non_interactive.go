package rules

import "github.com/dlint/dlint/parser"

var zypperNonInteractive = &Rule{
	ID:       "DL3034",
	Name:     "zypper-non-interactive",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagCorrectness},
	Summary:  "Run zypper non-interactively (zypper -n or -y)",
	Doc: `A build has no terminal, and zypper stops at its confirmation prompt. Use the global
` + "`-n`" + ` / ` + "`--non-interactive`" + ` before the subcommand (` + "`zypper -n install`" + `) or ` + "`-y`" + ` /
` + "`--no-confirm`" + ` after it. Note that ` + "`-n`" + ` after ` + "`install`" + ` means ` + "`--name`" + `, not
non-interactive.

Fix (safe): ` + "`" + `-n` + "`" + ` is inserted right after ` + "`" + `zypper` + "`" + ` (a global option, it must precede the subcommand).`,
	Bad:  "RUN zypper install curl=8.0.1 && zypper clean",
	Good: "RUN zypper -n install curl=8.0.1 && zypper clean",
	Check: func(p *Pass) {
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if c.Family != famZypper || !c.SubIs("install", "in", "remove", "rm", "source-install", "si", "patch",
				"update", "up", "dist-upgrade", "dup", "install-new-recommends", "inr") {
				return
			}
			if c.Has("--non-interactive", "-y", "--no-confirm") || pmPipedFromYes(r, c) {
				return
			}
			if o, ok := c.Opt("-n"); ok && o.BeforeSub {
				return
			}
			p.Report(c.SubWord().Range, "zypper "+c.Sub+" is not run non-interactively; use zypper -n",
				pmInsertFix(p, r.In, c.Name, " -n", "Add -n", true)...)
		})
	},
}
