package rules

import "github.com/dlint/dlint/parser"

var aptUnpinned = &Rule{
	ID:       "DL3008",
	Name:     "apt-unpinned",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Pin versions in apt-get install",
	Doc: `An ` + "`apt-get install curl`" + ` installs whatever version the archive holds on the day
of the build, so two builds of the same Dockerfile can ship different software. Write
` + "`curl=7.88.1-10+deb12u5`" + ` to pin a version, or ` + "`curl/bookworm-backports`" + ` to pin a
release. Old versions leave the Debian and Ubuntu archives, so a pinned build can break later;
pair pins with a snapshot mirror (snapshot.debian.org) or pin the base image by digest instead and
disable this rule.

Words that come from variables (` + "`$PKGS`" + `), local ` + "`.deb`" + ` files, and the values of options
such as ` + "`-t bookworm-backports`" + ` are not package names and are not judged. The rule also checks
apt and aptitude.`,
	Bad:  "RUN apt-get update && apt-get install -y --no-install-recommends curl",
	Good: "RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5",
	Check: func(p *Pass) {
		pmCheckUnpinned(p, func(c *pkgCall) bool { return c.Family == famApt },
			func(_ *pkgCall, n string) string { return n + "=<version>" })
	},
}
