package rules

import "github.com/dlint/dlint/parser"

var npmUnpinned = &Rule{
	ID:       "DL3016",
	Name:     "npm-unpinned",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Pin versions in npm install, yarn add and pnpm add",
	Doc: `Installing a named package without a version (` + "`npm install -g typescript`" + `) takes
whatever is newest at build time, and ` + "`@latest`" + ` says so explicitly. Pin a version
(` + "`typescript@5.4.5`" + `; scoped packages need the second ` + "`@`" + `: ` + "`@angular/cli@17.3.0`" + `),
pin git dependencies to a ref with ` + "`#`" + `, or install from a lockfile (` + "`npm ci`" + `, a bare
` + "`npm install`" + `). Local paths and tarballs are not judged. yarn add and pnpm add are checked too.`,
	Bad:  "RUN npm install -g typescript",
	Good: "RUN npm install -g typescript@5.4.5",
	Check: func(p *Pass) {
		pmCheckUnpinned(p, func(c *pkgCall) bool { return c.Family == famNpm || c.Family == famYarn || c.Family == famPnpm },
			func(_ *pkgCall, n string) string { return npmBare(n) + "@<version>" })
	},
}

// npmBare drops a version or tag from a package spec: "@s/p@latest" → "@s/p".
func npmBare(n string) string {
	i := 0
	if len(n) > 0 && n[0] == '@' {
		i = 1
	}
	for j := i; j < len(n); j++ {
		if n[j] == '@' {
			return n[:j]
		}
	}
	return n
}
