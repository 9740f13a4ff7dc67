package rules

import "github.com/dlint/dlint/parser"

var goInstallUnpinned = &Rule{
	ID:       "DL3062",
	Name:     "go-install-unpinned",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Pin versions in go install and go get",
	Doc: `` + "`go install example.com/tool@latest`" + ` (or without any ` + "`@`" + `) resolves to whatever is
newest when the image is built. Name a version: ` + "`go install golang.org/x/tools/gopls@v0.15.3`" + `.
Local packages (` + "`./...`" + `, ` + "`.`" + `) and paths without a host (standard library, ` + "`cmd/...`" + `)
are built from the module in the working directory and are not judged. Note that ` + "`go install`" + `
of a remote path without ` + "`@`" + ` inside a module uses the version in go.mod; if that is what you
mean, suppress the finding on that line.`,
	Bad:  "RUN go install golang.org/x/tools/gopls@latest",
	Good: "RUN go install golang.org/x/tools/gopls@v0.15.3",
	Check: func(p *Pass) {
		pmCheckUnpinned(p, func(c *pkgCall) bool { return c.Family == famGo },
			func(_ *pkgCall, n string) string {
				for i := 0; i < len(n); i++ {
					if n[i] == '@' {
						n = n[:i]
						break
					}
				}
				return n + "@<version>"
			})
	},
}
