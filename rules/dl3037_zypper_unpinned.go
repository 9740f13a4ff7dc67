package rules

import "github.com/dlint/dlint/parser"

var zypperUnpinned = &Rule{
	ID:       "DL3037",
	Name:     "zypper-unpinned",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Pin versions in zypper install",
	Doc: `` + "`zypper install curl`" + ` installs the newest version in the repositories. Pin with
` + "`curl=8.0.1`" + ` or constrain with ` + "`'curl>=8'`" + `. Patterns and other non-package types
(` + "`-t pattern`" + `), local ` + "`.rpm`" + ` files and variables are not judged.`,
	Bad:  "RUN zypper install -y curl && zypper clean",
	Good: "RUN zypper install -y curl=8.0.1 && zypper clean",
	Check: func(p *Pass) {
		pmCheckUnpinned(p, func(c *pkgCall) bool { return c.Family == famZypper },
			func(_ *pkgCall, n string) string { return n + "=<version>" })
	},
}
