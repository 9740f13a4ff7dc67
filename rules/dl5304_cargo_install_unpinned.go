package rules

import "github.com/dlint/dlint/parser"

var cargoInstallUnpinned = &Rule{
	ID:       "DL5304",
	Name:     "cargo-install-unpinned",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Pin versions in cargo install",
	Doc: `` + "`cargo install ripgrep`" + ` builds the newest release on crates.io at build time. Pin it:
` + "`cargo install ripgrep@14.1.0`" + ` or ` + "`cargo install --version 14.1.0 ripgrep`" + ` (add
` + "`--locked`" + ` to use the crate's own lockfile). A crate from git needs ` + "`--rev`" + ` or ` + "`--tag`" + `
(a branch moves). ` + "`cargo install --path .`" + ` builds local sources and is not judged.`,
	Bad:  "RUN cargo install --locked ripgrep",
	Good: "RUN cargo install --locked ripgrep@14.1.0",
	Check: func(p *Pass) {
		pmCheckUnpinned(p, func(c *pkgCall) bool { return c.Family == famCargo },
			func(c *pkgCall, n string) string {
				if c.Has("--git") {
					return "--rev <commit> or --tag <tag>"
				}
				return n + "@<version>"
			})
	},
}
