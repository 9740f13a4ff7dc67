package rules

import (
	"github.com/dlint/dlint/parser"
	"github.com/dlint/dlint/parser/shell"
)

var zypperClean = &Rule{
	ID:       "DL3036",
	Name:     "zypper-clean",
	Aliases:  []string{"DS-0020"},
	Kind:     parser.Dockerfile,
	Severity: Warning,
	Tags:     []string{TagSize},
	Summary:  "Run zypper clean after zypper install in the same RUN",
	Doc: `zypper keeps repository metadata and packages under /var/cache/zypp. Deleting them in a
later RUN does not shrink the image. End the installing RUN with ` + "`zypper clean --all`" + `
(` + "`zypper cc`" + `), or mount a cache on /var/cache/zypp. Stages that do not reach the final image are
not checked.`,
	Bad:  "RUN zypper -n install curl=8.0.1",
	Good: "RUN zypper -n install curl=8.0.1 && zypper clean --all",
	Check: func(p *Pass) {
		reported := map[*pkgRun]bool{}
		pmCalls(p, func(r *pkgRun, c *pkgCall) {
			if c.Family != famZypper || !c.SubIs("install", "in", "source-install", "si", "update", "up", "patch", "dist-upgrade", "dup") || !pmInFinalImage(p, r.Stage) || reported[r] {
				return
			}
			if pmCacheMount(r.In, pmCoversDir("/var/cache/zypp")) {
				return
			}
			if pmCleanedAfter(r, c, "zypper clean", func(o *shell.Command, oc *pkgCall) bool {
				return oc != nil && oc.Family == famZypper && oc.SubIs("clean", "cc") || pmRemoves(o, "/var/cache/zypp")
			}) {
				return
			}
			reported[r] = true
			p.Report(c.SubWord().Range, "zypper "+c.Sub+" leaves its cache in the layer; end the RUN with zypper clean --all")
		})
	},
}
