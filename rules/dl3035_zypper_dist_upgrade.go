package rules

import "github.com/dlint/dlint/parser"

var zypperDistUpgrade = &Rule{
	ID:       "DL3035",
	Name:     "zypper-dist-upgrade",
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagReproducibility},
	Summary:  "Do not run zypper dist-upgrade in a Dockerfile",
	Doc: `` + "`zypper dist-upgrade`" + ` may move the whole image to a new distribution release, with
package changes nobody reviewed. Use a newer base image instead, or ` + "`zypper update`" + ` /
` + "`zypper patch`" + ` for fixes within the release.`,
	Bad:  "RUN zypper -n dist-upgrade",
	Good: "FROM opensuse/leap:15.6",
	Check: func(p *Pass) {
		pmCalls(p, func(_ *pkgRun, c *pkgCall) {
			if c.Family == famZypper && c.SubIs("dist-upgrade", "dup") {
				p.Report(c.SubWord().Range, "zypper "+c.Sub+" upgrades the whole distribution; use a newer base image")
			}
		})
	},
}
