package rules

import "github.com/dlint/dlint/parser"

var dnfUnpinned = &Rule{
	ID:       "DL3041",
	Name:     "dnf-unpinned",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Pin versions in dnf, microdnf and tdnf install",
	Doc: `` + "`dnf install httpd`" + ` installs the newest build in the enabled repositories. Pin with the
RPM name-version form, ` + "`httpd-2.4.57`" + `, and modules with a stream,
` + "`dnf module install nodejs:18`" + `. Groups, local ` + "`.rpm`" + ` files, file provides, capabilities
such as ` + "`'dnf-command(config-manager)'`" + ` and globs are not judged.`,
	Bad:  "RUN dnf install -y httpd && dnf clean all",
	Good: "RUN dnf install -y httpd-2.4.57 && dnf clean all",
	Check: func(p *Pass) {
		pmCheckUnpinned(p, func(c *pkgCall) bool { return c.Family == famDnf },
			func(c *pkgCall, n string) string {
				if c.Sub == "module install" {
					return n + ":<stream>"
				}
				return n + "-<version>"
			})
	},
}
