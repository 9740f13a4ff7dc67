package rules

import "github.com/dlint/dlint/parser"

var apkUnpinned = &Rule{
	ID:       "DL3018",
	Name:     "apk-unpinned",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Pin versions in apk add",
	Doc: `` + "`apk add curl`" + ` installs the version the repository holds at build time. Pin with
` + "`curl=8.5.0-r0`" + `, or constrain with ` + "`curl~8.5`" + ` or ` + "`'curl>=8.5'`" + `. Alpine removes old
package versions from its repositories, so exact pins break when the branch moves on; ` + "`~`" + `
pins are a common middle ground. Conflicts (` + "`!pyc`" + `), local ` + "`.apk`" + ` files, variables and
option values (` + "`--virtual .build-deps`" + `, ` + "`-X <repository>`" + `) are not judged.`,
	Bad:  "RUN apk add --no-cache curl",
	Good: "RUN apk add --no-cache curl=8.5.0-r0",
	Check: func(p *Pass) {
		pmCheckUnpinned(p, func(c *pkgCall) bool { return c.Family == famApk },
			func(_ *pkgCall, n string) string { return n + "=<version>" })
	},
}
