package rules

import (
	"strings"

	"github.com/dlint/dlint/parser"
)

var aptUsed = &Rule{
	ID:       "DL3027",
	Name:     "apt-used",
	Aliases:  []string{"CKV_DOCKER_9"},
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagMaintainability},
	Summary:  "Use apt-get or apt-cache instead of apt in scripts",
	Doc: `` + "`apt`" + ` is the interactive front end: its output and behaviour may change between
releases and it warns "apt does not have a stable CLI interface" when run from a script. Use
` + "`apt-get`" + ` (install, update, upgrade, remove, …) and ` + "`apt-cache`" + ` (search, show, policy).

Fix (safe): ` + "`" + `apt` + "`" + ` is replaced by ` + "`" + `apt-get` + "`" + ` (` + "`" + `/usr/bin/apt` + "`" + ` by ` + "`" + `/usr/bin/apt-get` + "`" + `).`,
	Bad:  "RUN apt install -y curl",
	Good: "RUN apt-get install -y curl",
	Check: func(p *Pass) {
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if c.Tool != "apt" {
				return
			}
			var fixes []Fix
			if c.SubIs("install", "reinstall", "update", "upgrade", "dist-upgrade", "remove", "purge", "autoremove",
				"autopurge", "clean", "autoclean", "source", "build-dep", "download", "satisfy") {
				// The name's directory stays: /usr/bin/apt becomes
				// /usr/bin/apt-get, not the apt-get found on PATH.
				fixes = pmReplaceFix(p, r.In, c.Name, strings.TrimSuffix(c.Name.Value, "apt")+"apt-get", "Use apt-get", true)
			}
			p.Report(c.Name.Range, "apt is meant for people at a terminal; use apt-get or apt-cache in a Dockerfile", fixes...)
		})
	},
}
