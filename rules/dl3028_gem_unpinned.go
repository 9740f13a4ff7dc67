package rules

import "github.com/dlint/dlint/parser"

var gemUnpinned = &Rule{
	ID:       "DL3028",
	Name:     "gem-unpinned",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Pin versions in gem install",
	Doc: `` + "`gem install rails`" + ` installs the newest release at build time. Pin with ` + "`rails:7.1.3`" + `
or ` + "`-v 7.1.3`" + ` (which applies to every gem of the command), or install from a Gemfile.lock
with bundler.`,
	Bad:  "RUN gem install --no-document rails",
	Good: "RUN gem install --no-document rails:7.1.3",
	Check: func(p *Pass) {
		pmCheckUnpinned(p, func(c *pkgCall) bool { return c.Family == famGem },
			func(_ *pkgCall, n string) string { return n + ":<version>" })
	},
}
