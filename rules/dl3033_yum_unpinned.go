package rules

import "github.com/dlint/dlint/parser"

var yumUnpinned = &Rule{
	ID:       "DL3033",
	Name:     "yum-unpinned",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Pin versions in yum install",
	Doc: `` + "`yum install httpd`" + ` installs the newest build in the enabled repositories. Pin with the
RPM name-version form, ` + "`httpd-2.4.57`" + ` (optionally with release and architecture), and
modules with a stream, ` + "`yum module install nodejs:18`" + `. Groups (` + "`@core`" + `, ` + "`groupinstall`" + `),
local ` + "`.rpm`" + ` files, file provides (` + "`/usr/bin/x`" + `), capabilities and globs are not judged.`,
	Bad:  "RUN yum install -y httpd && yum clean all",
	Good: "RUN yum install -y httpd-2.4.57 && yum clean all",
	Check: func(p *Pass) {
		pmCheckUnpinned(p, func(c *pkgCall) bool { return c.Family == famYum },
			func(c *pkgCall, n string) string {
				if c.Sub == "module install" {
					return n + ":<stream>"
				}
				return n + "-<version>"
			})
	},
}
